/**
 * grant admin / revoke admin: the customer's admin role (design §4: Global Administrator unless the customer names
 * another). Revoking asks for confirmation from chat; both are idempotent (the tenant is checked first).
 */
import { M365Error } from '../m365/errors';
import { adminRoleOf, grantAdminRole, roleName } from './admin-role';
import { recordAudit } from './audit';
import { requireEffects } from './authorize';
import { findManagedUser, readTenantUser, requireActive } from './managed-user';
import type { ConfirmReply, ResultReply } from './reply';
import type { Command } from './request';
import type { Invocation } from './runtime';

type RevokeAdminCommand = Extract<Command, { name: 'revoke-admin' }>;
type GrantAdminCommand = Extract<Command, { name: 'grant-admin' }>;

/** Also what a Revoke of `admin-revoked` runs: the role check holds for whoever asks, chat or sync. */
export async function grantAdmin(invocation: Invocation, command: GrantAdminCommand): Promise<ResultReply> {
  await requireEffects(invocation, ['admin-grant']);
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  requireActive(managed);
  const { customer, tenant, record } = managed;
  const user = await readTenantUser(managed);
  const role = adminRoleOf(customer);
  const already = !(await grantAdminRole(tenant, customer, user.id));
  await invocation.runtime.store.serviceUsers.update(customer.id, record.objectId, { admin: true });
  const audit = already
    ? undefined
    : await recordAudit(invocation, {
        action: 'grant-admin',
        result: 'ok',
        target: record.upn,
        details: { role, objectId: user.id },
      });
  return {
    kind: 'result',
    title: already ? `${record.upn} already has admin access` : `Gave ${record.upn} admin access`,
    facts: [
      { label: 'User', value: record.upn },
      { label: 'Role', value: roleName(customer.adminRole) },
    ],
    notes: already ? ['Nothing was changed in the tenant.'] : [],
    customerId: customer.id,
    customerName: customer.name,
    tenantId: managed.tenantId,
    auditId: audit?.id,
  };
}

export async function revokeAdmin(
  invocation: Invocation,
  command: RevokeAdminCommand,
): Promise<ResultReply | ConfirmReply> {
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  const { customer, tenant, record } = managed;
  const user = await readTenantUser(managed);
  const role = adminRoleOf(customer);
  const holds = (await tenant.listRoleMembers(role)).includes(user.id);
  if (holds && !command.confirmed) {
    return {
      kind: 'confirm',
      title: `Revoke admin access of ${record.upn}?`,
      summary: [
        `Removes the ${roleName(customer.adminRole)} role from ${record.upn} in ${customer.name}'s tenant.`,
        'They keep their account, licences and mailbox.',
      ],
      confirmCommand: { ...command, customerId: customer.id, confirmed: true },
      confirmLabel: 'Revoke admin access',
    };
  }
  if (holds) {
    try {
      await tenant.removeRoleMember(role, user.id);
    } catch (error) {
      if (!(error instanceof M365Error && error.code === 'not-member')) throw error;
    }
  }
  await invocation.runtime.store.serviceUsers.update(customer.id, record.objectId, { admin: false });
  const audit = holds
    ? await recordAudit(invocation, {
        action: 'revoke-admin',
        result: 'ok',
        target: record.upn,
        details: { role, objectId: user.id },
      })
    : undefined;
  return {
    kind: 'result',
    title: holds ? `Revoked admin access of ${record.upn}` : `${record.upn} has no admin access`,
    facts: [
      { label: 'User', value: record.upn },
      { label: 'Role', value: roleName(customer.adminRole) },
    ],
    notes: holds ? [] : ['Nothing was changed in the tenant.'],
    customerId: customer.id,
    customerName: customer.name,
    tenantId: managed.tenantId,
    auditId: audit?.id,
  };
}
