/**
 * What `reset password` would do, for `preview`: the same user and admin checks as reset-password.ts (an admin's
 * password needs the approver role, refused here as there), and the one PATCH it would send. No password is made.
 */
import { holdsAdminRole } from '../core/admin-role';
import { requireEffects } from '../core/authorize';
import { findManagedUser, readTenantUser, requireActive } from '../core/managed-user';
import { checked, type PreviewPlan, wouldWrite } from '../core/preview/preview-plan';
import { updateUserWrite } from '../core/preview/tenant-writes';
import type { Command } from '../core/request';
import type { Invocation } from '../core/runtime';

type ResetPasswordCommand = Extract<Command, { name: 'reset-password' }>;

export async function previewResetPassword(invocation: Invocation, command: ResetPasswordCommand, plan: PreviewPlan) {
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  requireActive(managed);
  const { customer, tenant, record } = managed;
  plan.customer = customer;
  checked(plan, 'User', `${record.upn}, a service user of ${customer.name}`);
  const admin = record.admin || (await holdsAdminRole(tenant, customer, record.objectId));
  if (admin) {
    await requireEffects(invocation, ['admin-password-reset']);
    checked(
      plan,
      'Admin password',
      `${record.upn} holds an admin role: resetting it is for the approver role and above`,
    );
  }
  const user = await readTenantUser(managed);
  const write = updateUserWrite(user.id, {}, 'Set a new temporary password (shown once, only to you)');
  wouldWrite(plan, {
    ...write,
    fields: '{passwordProfile: {a new temporary password, forceChangePasswordNextSignIn: true}}',
  });
  plan.summary = `Would give ${record.upn} a new temporary password; their current one stops working at once.`;
  plan.notes.push('Then m365ops audits the reset (never the password).');
}
