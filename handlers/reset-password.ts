/**
 * reset password: a new temporary password (the generator `add user` uses) that the user must change at their next
 * sign-in. Asks first, since the current password stops working; the password travels only in the reply's
 * `secret`, which each transport shows once and privately to the requester, and is never stored, logged or
 * audited. An admin's password needs the approver role: whoever reads it can act as that admin.
 */

import { holdsAdminRole } from '../core/admin-role';
import { recordAudit } from '../core/audit';
import { requireEffects } from '../core/authorize';
import { findManagedUser, type ManagedUser, readTenantUser, requireActive } from '../core/managed-user';
import type { ConfirmReply, ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import type { Invocation } from '../core/runtime';
import { lockServiceUser } from '../core/service-users';
import { createTemporaryPassword } from '../core/temporary-password';

type ResetPasswordCommand = Extract<Command, { name: 'reset-password' }>;

export async function resetPassword(
  invocation: Invocation,
  command: ResetPasswordCommand,
): Promise<ResultReply | ConfirmReply> {
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  requireActive(managed);
  const { customer, tenant, record } = managed;
  const admin = record.admin || (await holdsAdminRole(tenant, customer, record.objectId));
  if (admin) await requireEffects(invocation, ['admin-password-reset']);
  if (!command.confirmed) {
    return {
      kind: 'confirm',
      title: `Reset the password of ${record.upn}?`,
      summary: [
        `Their current password stops working at once; they sign in with a new temporary password and must change it then.`,
        'The new password is shown once, only to you.',
        ...(admin ? [`${record.upn} holds an admin role at ${customer.name}.`] : []),
      ],
      confirmCommand: { ...command, customerId: customer.id, confirmed: true },
      confirmLabel: 'Reset password',
    };
  }
  return lockServiceUser(invocation.runtime, customer.id, record.objectId, () => reset(invocation, managed));
}

async function reset(invocation: Invocation, managed: ManagedUser): Promise<ResultReply> {
  const { customer, tenant, record } = managed;
  const user = await readTenantUser(managed);
  const password = createTemporaryPassword();
  await tenant.updateUser(user.id, { passwordProfile: { password, forceChangePasswordNextSignIn: true } });
  const audit = await recordAudit(invocation, {
    action: 'reset-password',
    result: 'ok',
    target: record.upn,
    details: { objectId: record.objectId, forceChangePasswordNextSignIn: true },
  });
  const blocked = user.accountEnabled === false;
  return {
    kind: 'result',
    title: `Reset the password of ${record.upn}`,
    facts: [
      { label: 'User', value: record.upn },
      { label: 'Next sign-in', value: 'must change the temporary password' },
    ],
    notes: [
      'The temporary password is shown only this once.',
      ...(blocked ? [`Sign-in is blocked for ${record.upn}; the password works once sign-in is allowed again.`] : []),
    ],
    customerId: customer.id,
    customerName: customer.name,
    tenantId: managed.tenantId,
    auditId: audit.id,
    secret: { label: `Temporary password for ${record.upn}`, value: password },
  };
}
