/**
 * change plan: the user's licences become the new plan's set in ONE assignLicense call (add the new SKUs, remove
 * the old plan's SKUs that the new one lacks). Checks the limit and the free units first; a no-op when already done.
 */

import { describeLicences, describePlanLicences } from '../core/licence-names';
import {
  checkFreeUnits,
  checkPlanLimit,
  type EnabledPlan,
  findSku,
  getEnabledPlan,
  missingLicences,
  resolvePlanLicences,
} from '../core/licences';
import { findManagedUser, type ManagedUser, readTenantUser, requireActive } from '../core/managed-user';
import type { ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import type { Invocation } from '../core/runtime';
import { lockServiceUser } from '../core/service-users';
import type { AssignedLicence, TenantSku, TenantUser } from '../m365/types';
import type { ServiceUser } from '../store/types';
import { trackChangePlan } from './change-plan-track';

export type ChangePlanCommand = Extract<Command, { name: 'change-plan' }>;

export async function changePlan(invocation: Invocation, command: ChangePlanCommand): Promise<ResultReply> {
  const { runtime } = invocation;
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  requireActive(managed);
  const { customer, tenant, record } = managed;
  const enabled = await getEnabledPlan(runtime, customer, command.planId);
  return lockServiceUser(runtime, customer.id, record.objectId, async () => {
    const user = await readTenantUser(managed);
    const skus = await tenant.listSkus();
    const { add, remove, alreadyOn } = await licenceSwitchOf(invocation, managed, enabled, { user, skus });
    const base = { customerId: customer.id, customerName: customer.name, tenantId: managed.tenantId };
    if (alreadyOn && !enabled.plan.groups?.length) {
      return {
        kind: 'result',
        title: `${record.upn} is already on ${enabled.plan.name}`,
        facts: [{ label: 'Plan', value: describePlanLicences(enabled.plan) }],
        notes: ['Nothing was changed.'],
        ...base,
      };
    }
    if (record.planId !== enabled.plan.id) await checkPlanLimit(runtime, customer, enabled);
    await checkFreeUnits(runtime, customer, enabled.plan, skus, add);
    // Only what changes is written: the usage location when it is missing, never the names, UPN or mail.
    if (!user.usageLocation && record.usageLocation) {
      await tenant.updateUser(user.id, { usageLocation: record.usageLocation });
    }
    if (add.length > 0 || remove.length > 0) await tenant.assignLicenses(user.id, add, remove);
    const previousPlan = record.planId;
    await runtime.store.serviceUsers.update(customer.id, record.objectId, {
      planId: enabled.plan.id,
      customSkuIds: undefined,
    });
    const partNumber = (skuId: string) => skus.find((sku) => sku.skuId === skuId)?.skuPartNumber ?? skuId;
    const licences = (skuIds: string[]) => (skuIds.length === 0 ? 'none' : describeLicences(skuIds.map(partNumber)));
    const fromPlan = previousPlan ? await runtime.store.plans.get(previousPlan) : undefined;
    const added = licences(add.map((licence) => licence.skuId));
    return trackChangePlan(invocation, {
      customerId: customer.id,
      upn: record.upn,
      objectId: record.objectId,
      planId: enabled.plan.id,
      planName: enabled.plan.name,
      licences: alreadyOn
        ? { state: 'skipped', detail: `Already on ${enabled.plan.name}.` }
        : { state: 'done', detail: `Added ${added}; removed ${licences(remove)}.` },
      details: {
        objectId: record.objectId,
        from: previousPlan,
        to: enabled.plan.id,
        added: add.map((licence) => partNumber(licence.skuId)),
        removed: remove.map(partNumber),
      },
      card: {
        facts: [
          { label: 'User', value: record.upn },
          { label: 'From', value: fromPlan ? describePlanLicences(fromPlan) : (previousPlan ?? 'custom licences') },
          { label: 'To', value: describePlanLicences(enabled.plan) },
          { label: 'Licences added', value: added },
          { label: 'Licences removed', value: licences(remove) },
        ],
        notes: ['The licences changed in one call, so the user kept service throughout.'],
        ...base,
      },
    });
  });
}

/**
 * The one assignLicense change plan sends: the new plan's licences the user lacks, and the old plan's (or the
 * recorded custom) ones the new plan does not have; `alreadyOn` when there is nothing to switch. Also what
 * `preview change plan` shows (change-plan-preview.ts).
 */
export async function licenceSwitchOf(
  invocation: Invocation,
  managed: ManagedUser,
  enabled: EnabledPlan,
  { user, skus }: { user: TenantUser; skus: readonly TenantSku[] },
): Promise<{ add: AssignedLicence[]; remove: string[]; alreadyOn: boolean }> {
  const { customer, record } = managed;
  const wanted = resolvePlanLicences(customer, enabled.plan, skus);
  const add = missingLicences(user.assignedLicenses, wanted);
  const oldSkuIds = await previousSkuIds(invocation, record, skus);
  const wantedIds = new Set(wanted.map((licence) => licence.skuId));
  const remove = oldSkuIds.filter(
    (skuId) => !wantedIds.has(skuId) && user.assignedLicenses.some((held) => held.skuId === skuId),
  );
  return { add, remove, alreadyOn: add.length === 0 && remove.length === 0 && record.planId === enabled.plan.id };
}

/** The skuIds the user had from m365ops: the old plan's SKUs in this tenant, or the recorded custom ones. */
async function previousSkuIds(
  invocation: Invocation,
  record: ServiceUser,
  skus: readonly TenantSku[],
): Promise<string[]> {
  if (!record.planId) return record.customSkuIds ?? [];
  const plan = await invocation.runtime.store.plans.get(record.planId);
  if (!plan) return [];
  return plan.skus.map((partNumber) => findSku(skus, partNumber)?.skuId).filter((id): id is string => id !== undefined);
}
