/**
 * What `remove user` would do, for `preview`: the licences it would take off, the sign-in it would block, and with
 * `delete` the soft delete, each only when the tenant shows it still to do (as remove-user.ts checks them).
 */
import { findManagedUser } from '../core/managed-user';
import { checked, type PreviewPlan, wouldWrite } from '../core/preview/preview-plan';
import { assignLicenseWrite, updateUserWrite } from '../core/preview/tenant-writes';
import type { Command } from '../core/request';
import type { Invocation } from '../core/runtime';
import { partNumbers } from './add-user-preview';

type RemoveUserCommand = Extract<Command, { name: 'remove-user' }>;

export async function previewRemoveUser(invocation: Invocation, command: RemoveUserCommand, plan: PreviewPlan) {
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  const { customer, tenant, record } = managed;
  plan.customer = customer;
  checked(plan, 'User', `${record.upn}, a service user of ${customer.name}`);
  const user = await tenant.getUser(record.objectId);
  if (!user) {
    plan.outcome = 'nothing';
    plan.summary = `${record.upn} no longer exists in the tenant: m365ops would only mark its record deleted.`;
    return;
  }
  const skuIds = user.assignedLicenses.map((licence) => licence.skuId);
  if (skuIds.length > 0) {
    const skus = await tenant.listSkus();
    wouldWrite(
      plan,
      assignLicenseWrite(user.id, [], partNumbers(skuIds, skus), 'Remove every licence (frees the plan seat)'),
    );
  }
  if (user.accountEnabled !== false) {
    wouldWrite(plan, updateUserWrite(user.id, { accountEnabled: 'false' }, 'Block sign-in'));
  }
  if (command.delete) {
    wouldWrite(plan, { method: 'DELETE', path: `/users/${user.id}`, purpose: 'Delete the user (restorable 30 days)' });
  }
  if (plan.writes.length === 0) {
    plan.outcome = 'nothing';
    plan.summary = `${record.upn} is already removed: nothing would change in the tenant.`;
    return;
  }
  plan.summary = command.delete ? `Would remove and delete ${record.upn}.` : `Would remove ${record.upn}.`;
  plan.notes.push('Then m365ops marks the record and audits the change.');
}
