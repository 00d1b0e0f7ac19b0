/**
 * grant admin / revoke admin: the customer's admin role (design §4: Global Administrator unless the customer names
 * another). Both ask for confirmation from chat and are idempotent (the tenant is checked first). A grant is
 * recorded (core/admin-grants.ts); with `for <duration>` it ends by itself, the clock starting when it is given.
 */
import { formatWhen } from '../common/format-when';
import type { AdminGrant } from '../store/admin-grant';
import { closeCurrentGrant, describeGrantForAudit, recordGrant } from './admin-grants';
import { checkAdminDuration } from './admin-policy';
import { adminRoleOf, grantAdminRole, holdsAdminRole, removeAdminRole, roleName } from './admin-role';
import { recordAudit } from './audit';
import { requireEffects } from './authorize';
import { formatDuration } from './duration';
import { findManagedUser, type ManagedUser, readTenantUser, requireActive } from './managed-user';
import type { ConfirmReply, ResultReply } from './reply';
import type { Command } from './request';
import type { Invocation } from './runtime';
import { possessive } from './words';

type RevokeAdminCommand = Extract<Command, { name: 'revoke-admin' }>;
type GrantAdminCommand = Extract<Command, { name: 'grant-admin' }>;

/** Also what a Revoke of `admin-revoked` runs: the role check holds for whoever asks, chat or sync. */
export async function grantAdmin(
  invocation: Invocation,
  command: GrantAdminCommand,
): Promise<ResultReply | ConfirmReply> {
  await requireEffects(invocation, ['admin-grant']);
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  requireActive(managed);
  const { customer, tenant, record } = managed;
  checkAdminDuration(customer, command.durationMinutes, {
    upn: record.upn,
    onRequest: invocation.request.onBehalfOf !== undefined,
  });
  const user = await readTenantUser(managed);
  if (await holdsAdminRole(tenant, customer, user.id)) return alreadyAdmin(invocation, managed);
  const span = command.durationMinutes === undefined ? '' : ` for ${formatDuration(command.durationMinutes)}`;
  if (!command.confirmed) {
    return {
      kind: 'confirm',
      title: `Make ${record.upn} ${roleName(customer.adminRole)}${span}?`,
      summary: [
        `Gives ${record.upn} the ${roleName(customer.adminRole)} role in ${possessive(customer.name)} tenant${span}.`,
        command.durationMinutes === undefined
          ? 'It stays until someone revokes it.'
          : 'It ends by itself at the end of that time, counted from now.',
      ],
      confirmCommand: { ...command, customerId: customer.id, confirmed: true },
      confirmLabel: 'Grant admin access',
    };
  }
  const role = adminRoleOf(customer);
  const grant = await recordGrant(invocation, { customer, record, role, ...command });
  try {
    await grantAdminRole(tenant, customer, user.id);
  } catch (error) {
    // Nothing was given: the record ends here, so neither its jobs nor `admins` take the role for held.
    await closeCurrentGrant(invocation.runtime, customer.id, record.objectId, 'm365ops', String(error));
    throw error;
  }
  await invocation.runtime.store.serviceUsers.update(customer.id, record.objectId, { admin: true });
  const audit = await recordAudit(invocation, {
    action: 'grant-admin',
    result: 'ok',
    target: record.upn,
    details: describeGrantForAudit(grant),
  });
  return {
    kind: 'result',
    title: `Gave ${record.upn} admin access${span}`,
    facts: grantFacts(grant, roleName(customer.adminRole)),
    notes: grant.endsAt ? ['The role ends by itself; you are told 15 minutes before.'] : [],
    customerId: customer.id,
    customerName: customer.name,
    tenantId: managed.tenantId,
    auditId: audit.id,
  };
}

/** The user holds the role already: nothing changes, and the answer says until when. */
async function alreadyAdmin(invocation: Invocation, managed: ManagedUser): Promise<ResultReply> {
  const { customer, record } = managed;
  const grant = await invocation.runtime.store.adminGrants.findCurrent(customer.id, record.objectId);
  const until = grant?.endsAt ? `until ${formatWhen(grant.endsAt)}` : grant ? 'with no end time' : 'outside m365ops';
  return {
    kind: 'result',
    title: `${record.upn} already has admin access ${until}`,
    facts: grant
      ? grantFacts(grant, roleName(customer.adminRole))
      : [
          { label: 'User', value: record.upn },
          { label: 'Role', value: roleName(customer.adminRole) },
        ],
    notes: [
      grant?.endsAt
        ? `Nothing was changed in the tenant. \`extend admin ${record.upn} for 1h\` moves the end later.`
        : 'Nothing was changed in the tenant.',
    ],
    customerId: customer.id,
    customerName: customer.name,
    tenantId: managed.tenantId,
  };
}

export function grantFacts(grant: AdminGrant, role: string): { label: string; value: string }[] {
  return [
    { label: 'User', value: grant.upn },
    { label: 'Role', value: role },
    { label: 'Since', value: formatWhen(grant.grantedAt) },
    { label: 'Until', value: grant.endsAt ? formatWhen(grant.endsAt) : 'until revoked' },
    { label: 'Approved by', value: grant.grantedByName ?? grant.grantedBy },
    ...(grant.requester !== grant.grantedBy
      ? [{ label: 'Requested by', value: grant.requesterName ?? grant.requester }]
      : []),
    ...(grant.reason ? [{ label: 'Reason', value: grant.reason }] : []),
    ...(grant.ticket ? [{ label: 'Ticket', value: grant.ticket }] : []),
  ];
}

export async function revokeAdmin(
  invocation: Invocation,
  command: RevokeAdminCommand,
): Promise<ResultReply | ConfirmReply> {
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  const { customer, tenant, record } = managed;
  const user = await readTenantUser(managed);
  const role = adminRoleOf(customer);
  const holds = await holdsAdminRole(tenant, customer, user.id);
  if (holds && !command.confirmed) {
    return {
      kind: 'confirm',
      title: `Revoke admin access of ${record.upn}?`,
      summary: [
        `Removes the ${roleName(customer.adminRole)} role from ${record.upn} in ${possessive(customer.name)} tenant.`,
        'They keep their account, licences and mailbox.',
      ],
      confirmCommand: { ...command, customerId: customer.id, confirmed: true },
      confirmLabel: 'Revoke admin access',
    };
  }
  const removed = holds && (await removeAdminRole(tenant, customer, user.id));
  await invocation.runtime.store.serviceUsers.update(customer.id, record.objectId, { admin: false });
  const grant = await closeCurrentGrant(
    invocation.runtime,
    customer.id,
    record.objectId,
    invocation.request.context.identity,
  );
  const audit = removed
    ? await recordAudit(invocation, {
        action: 'revoke-admin',
        result: 'ok',
        target: record.upn,
        details: { role, objectId: user.id, ...(grant ? { grantId: grant.id, endsAt: grant.endsAt } : {}) },
      })
    : undefined;
  return {
    kind: 'result',
    title: removed ? `Revoked admin access of ${record.upn}` : `${record.upn} has no admin access`,
    facts: [
      { label: 'User', value: record.upn },
      { label: 'Role', value: roleName(customer.adminRole) },
    ],
    notes: removed ? [] : ['Nothing was changed in the tenant.'],
    customerId: customer.id,
    customerName: customer.name,
    tenantId: managed.tenantId,
    auditId: audit?.id,
  };
}
