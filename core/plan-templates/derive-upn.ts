/**
 * `add user "Jane Doe" plan <plan>`: the UPN the plan's username format and domain make of the display name. The
 * domain is the customer's own for the plan, else the plan's, else the tenant's default verified domain. A UPN
 * already taken (in the tenant, or by a user m365ops manages) is refused with the next free one, nothing written.
 */
import type { Customer, UsernameFormat } from '../../store/types';
import { fail } from '../errors';
import { echoInput } from '../input-limits';
import type { EnabledPlan } from '../licences';
import type { Runtime } from '../runtime';
import { verifiedDomains } from '../tenant-domains';
import { possessive } from '../words';
import { numberedUsername, usernameFrom } from './username';

export interface DerivedUpn {
  upn: string;
  format: UsernameFormat;
  /** Whose domain it is: "the customer's domain for the plan", "the plan's domain" or "the tenant's default domain". */
  domainFrom: string;
}

/** How many numbered candidates are tried before giving up on suggesting one. */
const maxCandidates = 50;

export async function deriveUpn(
  runtime: Runtime,
  customer: Customer,
  tenantId: string,
  enabled: EnabledPlan,
  displayName: string,
  /** What follows the UPN in the command that gives it instead (`like john@contoso.com`); the plan by default. */
  rest?: string,
): Promise<DerivedUpn> {
  const { plan } = enabled;
  const givenRest = `${rest ?? `plan ${plan.id}`} name "${echoInput(displayName)}"`;
  const format = plan.usernameFormat;
  if (!format) {
    throw fail(
      'no-username-format',
      `The plan ${plan.id} has no username format, so no UPN can be made from "${echoInput(displayName)}": give the UPN (\`add user jane.doe@contoso.com ${givenRest}\`), or ask an m365ops admin to set one (\`plan ${plan.id} format first.last\`).`,
      { suggestions: [`plan ${plan.id} format first.last`], field: 'userName' },
    );
  }
  const local = usernameFrom(displayName, format);
  if (!local) {
    throw fail(
      'bad-name',
      `No user name can be made from "${echoInput(displayName)}" (nothing of it is a letter or digit a UPN allows); give the UPN: \`add user <name>@<domain> ${givenRest}\`.`,
      { field: 'displayName' },
    );
  }
  const { domain, domainFrom } = await domainFor(runtime, customer, tenantId, enabled);
  const upn = `${local}@${domain}`;
  if (!(await isTaken(runtime, customer, tenantId, upn))) return { upn, format, domainFrom };
  throw await takenError(runtime, customer, tenantId, { local, domain, format, planId: plan.id, displayName });
}

async function domainFor(
  runtime: Runtime,
  customer: Customer,
  tenantId: string,
  enabled: EnabledPlan,
): Promise<{ domain: string; domainFrom: string }> {
  if (enabled.customerPlan.domain) {
    return { domain: enabled.customerPlan.domain, domainFrom: `${possessive(customer.name)} domain for the plan` };
  }
  if (enabled.plan.domain) return { domain: enabled.plan.domain, domainFrom: "the plan's domain" };
  const [preferred] = verifiedDomains(await runtime.domains.list(tenantId));
  if (!preferred) {
    throw fail(
      'foreign-domain',
      `${possessive(customer.name)} tenant has no verified domain to make the UPN with; give the UPN, or set the plan's domain (\`plan ${enabled.plan.id} format ${enabled.plan.usernameFormat} domain <domain>\`).`,
      { field: 'domain' },
    );
  }
  return { domain: preferred.id.toLowerCase(), domainFrom: "the tenant's default domain" };
}

async function isTaken(runtime: Runtime, customer: Customer, tenantId: string, upn: string): Promise<boolean> {
  if (await runtime.store.serviceUsers.findByUpn(customer.id, upn)) return true;
  return (await runtime.gateway.forTenant(tenantId).findUserByUpn(upn)) !== null;
}

async function takenError(
  runtime: Runtime,
  customer: Customer,
  tenantId: string,
  wanted: { local: string; domain: string; format: UsernameFormat; planId: string; displayName: string },
) {
  const { local, domain, format, planId, displayName } = wanted;
  const taken = `${local}@${domain}`;
  const said = `${taken}, the UPN the plan's format ${format} makes of "${echoInput(displayName)}", is already taken in ${possessive(customer.name)} tenant`;
  for (let number = 2; number <= maxCandidates; number++) {
    const candidate = `${numberedUsername(local, number)}@${domain}`;
    if (await isTaken(runtime, customer, tenantId, candidate)) continue;
    const command = `add user ${candidate} plan ${planId} name "${echoInput(displayName)}"`;
    return fail('upn-taken', `${said}; nothing was changed. The next free one is ${candidate}: \`${command}\`.`, {
      suggestions: [command],
      field: 'userName',
    });
  }
  return fail('upn-taken', `${said}; nothing was changed. Give the UPN yourself: \`add user <name>@${domain} …\`.`, {
    field: 'userName',
  });
}
