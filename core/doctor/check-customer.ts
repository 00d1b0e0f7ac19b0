/**
 * One customer, as m365ops depends on it: consent proven now (a fresh token for its tenant that reads the
 * organisation), each permission m365ops needs present in the tokens' roles, Exchange Online answering the app
 * (the Exchange role), then its domains and licences (check-tenant-data.ts). A customer without consent gets that
 * one row: nothing else can be checked.
 */
import type { ConsentProof, M365Gateway } from '../../m365/types';
import type { Customer, Plan } from '../../store/types';
import { possessive } from '../words';
import { domainRows, licenceRows } from './check-tenant-data';
import { type DoctorCheck, type DoctorRow, fail, ok, warn } from './doctor-row';
import { neededPermissions, standingOf } from './needed-permissions';
import { failedCallRow } from './token-failure';

export function customerCheck(gateway: M365Gateway, customer: Customer, plans: readonly Plan[]): DoctorCheck {
  return { check: 'Consent', run: () => checkCustomer(gateway, customer, plans) };
}

async function checkCustomer(gateway: M365Gateway, customer: Customer, plans: readonly Plan[]): Promise<DoctorRow[]> {
  const subject = customer.id;
  const unconsented = consentWithoutTenant(customer);
  if (unconsented) return [unconsented];
  const tenantId = customer.tenantId!;
  let proof: ConsentProof;
  try {
    proof = await gateway.verifyConsent(tenantId);
  } catch (error) {
    return [failedCallRow('Consent', error, { customerId: customer.id, subject })];
  }
  const rows: DoctorRow[] = [
    ok(
      'Consent',
      `Proven now: a fresh token for tenant ${tenantId} reads the organisation ${proof.organization.displayName}.`,
      subject,
    ),
  ];
  let exchangeRoles: string[] = [];
  try {
    exchangeRoles = await gateway.readAppRoles(tenantId, 'exchange');
  } catch (error) {
    rows.push(failedCallRow('Exchange', error, { customerId: customer.id, subject }));
  }
  const roles = [...proof.roles, ...exchangeRoles];
  rows.push(...permissionRows(customer, roles));
  const granted = (permission: string) =>
    standingOf(neededPermissions.find((needed) => needed.permission === permission)!, roles) !== 'missing';
  if (granted('Exchange.ManageAsApp')) rows.push(await exchangeRow(gateway, customer, proof));
  const tenant = gateway.forTenant(tenantId);
  if (granted('Domain.Read.All')) rows.push(await domainRows(tenant, subject));
  if (granted('Organization.Read.All')) rows.push(...(await licenceRows(tenant, customer, plans)));
  return rows;
}

/** The one row of a customer whose tenant has not consented (or not been bound) yet. */
function consentWithoutTenant(customer: Customer): DoctorRow | undefined {
  const subject = customer.id;
  const link = `Send its administrator a consent link: \`consent link ${customer.id}\`.`;
  if (customer.consent.status === 'denied') {
    return fail('Consent', `${possessive(customer.name)} administrator declined consent.`, link, subject);
  }
  if (customer.tenantId) return undefined;
  if (customer.consent.status === 'awaiting-confirmation' && customer.consent.tenantId) {
    const tenant = customer.consent.tenantId;
    return fail(
      'Consent',
      `Consent was proven for tenant ${tenant}, but it is not bound to ${customer.name} until an admin confirms it.`,
      `Compare the organisation in \`status ${customer.id}\` with the customer's, then \`confirm consent ${customer.id} ${tenant}\`.`,
      subject,
    );
  }
  return fail('Consent', `${customer.name} has not consented yet: m365ops knows no tenant for it.`, link, subject);
}

/** ❌ per missing permission, naming what it breaks; ⚠️ for a partial one and for more than m365ops needs. */
function permissionRows(customer: Customer, roles: readonly string[]): DoctorRow[] {
  const subject = customer.id;
  const reconsent = `then have ${possessive(customer.name)} administrator consent again: \`consent link ${customer.id}\`.`;
  const problems: DoctorRow[] = [];
  for (const needed of neededPermissions) {
    const standing = standingOf(needed, roles);
    if (standing === 'missing') {
      problems.push(
        fail(
          'Permissions',
          `${customer.name} has not granted ${needed.permission}: ${needed.breaks} stop working.`,
          `Make sure the app registration asks for ${needed.permission} (an application permission), ${reconsent}`,
          subject,
        ),
      );
    } else if (standing === 'partly') {
      problems.push(
        warn(
          'Permissions',
          `${customer.name} grants admin roles only for reading, not ${needed.permission}: ${needed.partly!.leavesOut} are refused by Microsoft.`,
          `If m365ops should manage admin roles there, ask for ${needed.permission} and ${reconsent}`,
          subject,
        ),
      );
    }
  }
  const rows =
    problems.length > 0
      ? problems
      : [ok('Permissions', `All ${neededPermissions.length} permissions m365ops needs are granted.`, subject)];
  const wanted = new Set(neededPermissions.map((needed) => needed.permission));
  const extra = roles.filter((role) => !wanted.has(role));
  if (extra.length > 0) {
    rows.push(
      warn(
        'Permissions',
        `${customer.name} grants more than m365ops uses: ${extra.join(', ')}.`,
        'Remove those permissions from the app registration (least privilege); m365ops never calls what needs them.',
        subject,
      ),
    );
  }
  return rows;
}

/**
 * Exchange Online honours Exchange.ManageAsApp only when the app's service principal holds an Exchange role in the
 * tenant: a Get-Mailbox of an address nobody has answers "not found" with the role, and a refusal without it.
 */
async function exchangeRow(gateway: M365Gateway, customer: Customer, proof: ConsentProof): Promise<DoctorRow> {
  const subject = customer.id;
  const domain =
    proof.organization.verifiedDomains.find((candidate) => candidate.isInitial)?.name ??
    proof.organization.verifiedDomains[0]?.name ??
    'example.invalid';
  try {
    await gateway.forTenant(customer.tenantId!).getMailbox(`m365ops-doctor-probe@${domain}`);
    return ok('Exchange', 'Exchange Online answers m365ops: the app holds an Exchange role.', subject);
  } catch (error) {
    const row = failedCallRow('Exchange', error, { customerId: customer.id, subject });
    if (row.status === 'warn') return row;
    return fail(
      'Exchange',
      `Exchange Online refuses m365ops in ${possessive(customer.name)} tenant, so aliases cannot be set: ${row.sentence}`,
      `Give the m365ops enterprise application the Exchange Administrator role (or a role group with Mail Recipients) in ${possessive(customer.name)} tenant; docs/setup.md, “Exchange: the permission and the role”.`,
      subject,
    );
  }
}
