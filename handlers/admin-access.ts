/**
 * `admins <customer>` (who holds the customer's admin role now, read from the tenant, with m365ops' grant records)
 * and the admin policy commands `policy <customer> max-admin <duration>` and `policy <customer> permanent-admin`.
 */

import { formatWhen } from '../common/format-when';
import { defaultMaxAdminMinutes, maxAdminMinutesOf } from '../core/admin-policy';
import { adminRoleOf, roleName } from '../core/admin-role';
import { recordAudit } from '../core/audit';
import type { CommandOf } from '../core/commands';
import { formatDuration } from '../core/duration';
import type { AdminAccessReply, ResultReply } from '../core/reply';
import { getCustomer, requireTenant } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import type { AdminGrant } from '../store/admin-grant';

export async function listAdmins(invocation: Invocation, command: CommandOf<'admins'>): Promise<AdminAccessReply> {
  const { runtime } = invocation;
  const customer = await getCustomer(invocation, command.customerId);
  const tenant = runtime.gateway.forTenant(requireTenant(customer));
  const members = await tenant.listRoleMembers(adminRoleOf(customer));
  const grants = new Map(
    (await runtime.store.adminGrants.listCurrent(customer.id)).map((grant) => [grant.objectId, grant]),
  );
  const records = await runtime.store.serviceUsers.getMany(customer.id, members);
  const upnOf = new Map(records.map((record) => [record.objectId, record.upn]));
  const sections = await Promise.all(
    members.map(async (objectId) => {
      const grant = grants.get(objectId);
      const upn = grant?.upn ?? upnOf.get(objectId) ?? (await tenant.getUser(objectId))?.userPrincipalName ?? objectId;
      return grant
        ? grantSection(grant)
        : { heading: upn, facts: [{ label: 'Given', value: 'outside m365ops' }], actions: [] };
    }),
  );
  return {
    kind: 'admin-access',
    tone: 'info',
    title: `${members.length} ${members.length === 1 ? 'person holds' : 'people hold'} ${roleName(customer.adminRole)} in ${customer.name}`,
    customerId: customer.id,
    customerName: customer.name,
    sections,
    notes: [
      `Time-boxed admin access is limited to ${formatDuration(maxAdminMinutesOf(customer))}; permanent grants are ${customer.permanentAdmin === 'deny' ? 'denied' : 'allowed for approvers'}.`,
    ],
  };
}

function grantSection(grant: AdminGrant): AdminAccessReply['sections'][number] {
  const state = grant.state === 'overdue' ? 'expiry overdue' : grant.state === 'ending' ? 'ending now' : undefined;
  return {
    heading: grant.upn,
    facts: [
      { label: 'Since', value: formatWhen(grant.grantedAt) },
      { label: 'Until', value: grant.endsAt ? formatWhen(grant.endsAt) : 'until revoked' },
      { label: 'Approved by', value: grant.grantedByName ?? grant.grantedBy },
      ...(grant.requester !== grant.grantedBy
        ? [{ label: 'Requested by', value: grant.requesterName ?? grant.requester }]
        : []),
      ...(grant.reason ? [{ label: 'Reason', value: grant.reason }] : []),
      ...(grant.ticket ? [{ label: 'Ticket', value: grant.ticket }] : []),
      ...(state ? [{ label: 'State', value: state }] : []),
      ...(grant.lastError && state ? [{ label: 'Last error', value: grant.lastError }] : []),
    ],
    actions: [],
  };
}

export async function setMaxAdmin(
  invocation: Invocation,
  command: CommandOf<'policy-max-admin'>,
): Promise<ResultReply> {
  const customer = await getCustomer(invocation, command.customerId);
  await invocation.runtime.store.customers.update(customer.id, { maxAdminMinutes: command.durationMinutes });
  const audit = await recordAudit(invocation, {
    action: 'policy-max-admin',
    result: 'ok',
    target: customer.id,
    details: { maxAdminMinutes: command.durationMinutes, previous: customer.maxAdminMinutes ?? defaultMaxAdminMinutes },
  });
  return policyResult(customer.id, customer.name, audit.id, [
    { label: 'Longest admin access', value: formatDuration(command.durationMinutes) },
  ]);
}

export async function setPermanentAdmin(
  invocation: Invocation,
  command: CommandOf<'policy-permanent-admin'>,
): Promise<ResultReply> {
  const customer = await getCustomer(invocation, command.customerId);
  await invocation.runtime.store.customers.update(customer.id, { permanentAdmin: command.permanentAdmin });
  const audit = await recordAudit(invocation, {
    action: 'policy-permanent-admin',
    result: 'ok',
    target: customer.id,
    details: { permanentAdmin: command.permanentAdmin },
  });
  return policyResult(customer.id, customer.name, audit.id, [
    {
      label: 'Admin access without `for`',
      value: command.permanentAdmin === 'allow' ? 'allowed for approvers' : 'denied: always time-boxed',
    },
  ]);
}

function policyResult(
  customerId: string,
  customerName: string,
  auditId: string,
  facts: { label: string; value: string }[],
): ResultReply {
  return {
    kind: 'result',
    title: `Admin policy of ${customerName} changed`,
    facts,
    notes: [],
    customerId,
    customerName,
    auditId,
  };
}
