/**
 * What `grant admin` and `revoke admin` would do, for `preview`: the same user, duration and role checks as
 * core/admin-access.ts, and the one role assignment each would add or remove (none when the tenant shows it done).
 */
import { checkAdminDuration } from './admin-policy';
import { adminRoleOf, holdsAdminRole, roleName } from './admin-role';
import { formatDuration } from './duration';
import { findManagedUser, readTenantUser, requireActive } from './managed-user';
import { checked, type PreviewPlan, wouldWrite } from './preview/preview-plan';
import { addRoleWrite, removeRoleWrite } from './preview/tenant-writes';
import type { Command } from './request';
import type { Invocation } from './runtime';

type GrantAdminCommand = Extract<Command, { name: 'grant-admin' }>;
type RevokeAdminCommand = Extract<Command, { name: 'revoke-admin' }>;

export async function previewGrantAdmin(invocation: Invocation, command: GrantAdminCommand, plan: PreviewPlan) {
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  requireActive(managed);
  const { customer, tenant, record } = managed;
  plan.customer = customer;
  checked(plan, 'User', `${record.upn}, a service user of ${customer.name}`);
  checkAdminDuration(customer, command.durationMinutes, { upn: record.upn, onRequest: plan.asking });
  const span = command.durationMinutes === undefined ? '' : ` for ${formatDuration(command.durationMinutes)}`;
  checked(plan, 'Duration', span ? `${span.trim()}, within ${customer.name}'s limit` : 'until revoked');
  const user = await readTenantUser(managed);
  const role = roleName(customer.adminRole);
  if (await holdsAdminRole(tenant, customer, user.id)) {
    plan.outcome = 'nothing';
    plan.summary = `${record.upn} already holds ${role}: nothing would change.`;
    return;
  }
  checked(plan, 'Admin role', `${record.upn} does not hold ${role} now`);
  wouldWrite(plan, addRoleWrite(user.id, adminRoleOf(customer)));
  plan.summary = `Would make ${record.upn} ${role}${span}.`;
  plan.notes.push(
    command.durationMinutes === undefined
      ? 'Then m365ops records the grant and audits it.'
      : 'Then m365ops records the grant, audits it, and ends it by itself at the end of that time.',
  );
}

export async function previewRevokeAdmin(invocation: Invocation, command: RevokeAdminCommand, plan: PreviewPlan) {
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  const { customer, tenant, record } = managed;
  plan.customer = customer;
  checked(plan, 'User', `${record.upn}, a service user of ${customer.name}`);
  const user = await readTenantUser(managed);
  const role = roleName(customer.adminRole);
  if (!(await holdsAdminRole(tenant, customer, user.id))) {
    plan.outcome = 'nothing';
    plan.summary = `${record.upn} has no admin access: nothing would change in the tenant.`;
    return;
  }
  checked(plan, 'Admin role', `${record.upn} holds ${role} now`);
  wouldWrite(plan, removeRoleWrite(user.id, role));
  plan.summary = `Would revoke ${role} from ${record.upn}; they keep their account, licences and mailbox.`;
  plan.notes.push('Then m365ops closes the grant on record and audits the change.');
}
