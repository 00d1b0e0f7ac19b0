/**
 * What `change plan` would do, for `preview`: the same user, plan, limit and seat checks as the command, the one
 * assignLicense it would send (change-plan.ts licenceSwitchOf), and the new plan's groups the user would join.
 */
import { describePlanLicences } from '../core/licence-names';
import { checkFreeUnits, checkPlanLimit, getEnabledPlan } from '../core/licences';
import { findManagedUser, readTenantUser, requireActive } from '../core/managed-user';
import { checked, type PreviewPlan, wouldWrite } from '../core/preview/preview-plan';
import { assignLicenseWrite, updateUserWrite } from '../core/preview/tenant-writes';
import { templateOfPlan } from '../core/provisioning/template-steps';
import type { Command } from '../core/request';
import type { Invocation } from '../core/runtime';
import { checkedPlanLimit, partNumbers } from './add-user-preview';
import { previewTemplateWrites } from './add-user-preview-template';
import { licenceSwitchOf } from './change-plan';

type ChangePlanCommand = Extract<Command, { name: 'change-plan' }>;

export async function previewChangePlan(invocation: Invocation, command: ChangePlanCommand, plan: PreviewPlan) {
  const { runtime } = invocation;
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  requireActive(managed);
  const { customer, tenant, record } = managed;
  plan.customer = customer;
  checked(plan, 'User', `${record.upn}, a service user of ${customer.name} on ${record.planId ?? 'custom licences'}`);
  const enabled = await getEnabledPlan(runtime, customer, command.planId);
  checked(plan, 'Plan', describePlanLicences(enabled.plan));
  const user = await readTenantUser(managed);
  const skus = await tenant.listSkus();
  const { add, remove, alreadyOn } = await licenceSwitchOf(invocation, managed, enabled, { user, skus });
  if (record.planId !== enabled.plan.id) {
    await checkPlanLimit(runtime, customer, enabled);
    await checkedPlanLimit(invocation, plan, { customer, enabled });
  }
  await checkFreeUnits(runtime, customer, enabled.plan, skus, add);
  checked(plan, 'Seats', add.length === 0 ? 'no new seat needed' : 'free seats for the licences added');
  if (!user.usageLocation && record.usageLocation) {
    wouldWrite(plan, updateUserWrite(user.id, { usageLocation: record.usageLocation }, 'Set the usage location'));
  }
  if (add.length > 0 || remove.length > 0) {
    const write = assignLicenseWrite(
      user.id,
      partNumbers(
        add.map((licence) => licence.skuId),
        skus,
      ),
      partNumbers(remove, skus),
      'Switch licences',
    );
    wouldWrite(plan, { ...write, purpose: 'Switch the licences in one call (the user keeps service throughout)' });
  }
  const joins = { ...templateOfPlan(enabled.plan), sharedMailboxes: [] };
  await previewTemplateWrites(tenant, plan, joins, { user: user.id, upn: record.upn });
  if (alreadyOn && plan.writes.length === 0) {
    plan.outcome = 'nothing';
    plan.summary = `${record.upn} is already on ${enabled.plan.name}: nothing would change.`;
    return;
  }
  plan.summary = `Would move ${record.upn} to ${enabled.plan.name}.`;
  plan.notes.push('Then m365ops records the new plan and audits the change.');
}
