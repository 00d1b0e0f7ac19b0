/**
 * Plans and licences in a customer tenant: a plan's SKUs resolved to the tenant's skuIds (disabled service plans
 * to their ids), the customer's hard limit per plan, and the tenant's free units, checked before any assignment.
 */
import type { AssignedLicence, TenantSku } from '../m365/types';
import type { Customer, CustomerPlan, Plan } from '../store/types';
import { fail, unknownPlan } from './errors';
import { licenceName } from './licence-names';
import type { Runtime } from './runtime';
import { possessive } from './words';

export interface EnabledPlan {
  plan: Plan;
  customerPlan: CustomerPlan;
}

export async function getEnabledPlan(runtime: Runtime, customer: Customer, planId: string): Promise<EnabledPlan> {
  const id = planId.toLowerCase();
  const customerPlan = customer.plans.find((entry) => entry.planId === id);
  const plan = customerPlan ? await runtime.store.plans.get(id) : null;
  if (!customerPlan || !plan) throw unknownPlan(planId, customer, await runtime.store.plans.list());
  return { plan, customerPlan };
}

/** The licences a plan means in this tenant. Refuses when the tenant does not subscribe to one of its SKUs. */
export function resolvePlanLicences(customer: Customer, plan: Plan, skus: readonly TenantSku[]): AssignedLicence[] {
  return plan.skus.map((partNumber) => {
    const sku = findSku(skus, partNumber);
    if (!sku) {
      const owned = skus.map((candidate) => candidate.skuPartNumber);
      throw fail(
        'sku-missing',
        `${possessive(customer.name)} tenant has no ${licenceName(partNumber)} subscription, which the plan ${plan.name} needs; buy it in the tenant or choose another plan.`,
        { suggestions: owned, field: 'planId' },
      );
    }
    return { skuId: sku.skuId, disabledPlans: disabledServicePlanIds(customer, plan, sku) };
  });
}

/** The ids of the service plans the plan switches off in `sku`; a name the SKU does not have is refused. */
function disabledServicePlanIds(customer: Customer, plan: Plan, sku: TenantSku): string[] {
  const entry = Object.entries(plan.disabledPlans).find(
    ([part]) => part.toLowerCase() === sku.skuPartNumber.toLowerCase(),
  );
  return (entry?.[1] ?? []).map((name) => {
    const found = sku.servicePlans.find(
      (servicePlan) => servicePlan.servicePlanName.toLowerCase() === name.toLowerCase(),
    );
    if (found) return found.servicePlanId;
    const known = sku.servicePlans.map((servicePlan) => servicePlan.servicePlanName).join(', ');
    throw fail(
      'unknown-service-plan',
      `The plan ${plan.name} switches off the service plan ${name} in ${licenceName(sku.skuPartNumber)}, but that licence has no such service plan in ${possessive(customer.name)} tenant (it has ${known}); correct the plan's disabledPlans in the config file. Nothing was changed.`,
      { suggestions: sku.servicePlans.map((servicePlan) => servicePlan.servicePlanName), field: 'planId' },
    );
  });
}

export function findSku(skus: readonly TenantSku[], partNumber: string): TenantSku | undefined {
  return skus.find((sku) => sku.skuPartNumber.toLowerCase() === partNumber.toLowerCase());
}

/** Free units of a plan in the tenant: the fewest free among its SKUs (undefined when a SKU is missing). */
export function freeLicencesOf(plan: Plan, skus: readonly TenantSku[]): number | undefined {
  let free: number | undefined;
  for (const partNumber of plan.skus) {
    const sku = findSku(skus, partNumber);
    if (!sku) return undefined;
    free = free === undefined ? sku.availableUnits : Math.min(free, sku.availableUnits);
  }
  return free;
}

/** The hard limit: active service users on the plan must stay within it. */
export async function checkPlanLimit(runtime: Runtime, customer: Customer, enabled: EnabledPlan): Promise<void> {
  const { limit } = enabled.customerPlan;
  if (limit === undefined) return;
  const used = await runtime.store.serviceUsers.countOnPlan(customer.id, enabled.plan.id);
  if (used >= limit) {
    throw fail(
      'plan-limit',
      `${customer.name} may have at most ${limit} users on ${enabled.plan.name} and has ${used}; remove one, or ask an m365ops admin to raise the limit (\`customer ${customer.id} plan ${enabled.plan.id} limit ${limit + 1}\`).`,
      { field: 'planId' },
    );
  }
}

/** Every licence still to assign needs a free unit in the tenant now; the refusal offers plans that have some. */
export async function checkFreeUnits(
  runtime: Runtime,
  customer: Customer,
  plan: Plan,
  skus: readonly TenantSku[],
  toAssign: readonly AssignedLicence[],
): Promise<void> {
  for (const licence of toAssign) {
    const sku = skus.find((candidate) => candidate.skuId === licence.skuId);
    if (!sku || sku.availableUnits >= 1) continue;
    const others = await plansWithFreeLicences(runtime, customer, skus, plan.id);
    const label = plan.skus.length === 1 ? plan.name : `${plan.name} (${licenceName(sku.skuPartNumber)})`;
    const alternatives = others.length > 0 ? `: ${others.join(', ')}` : '';
    throw fail(
      'no-licenses',
      `No licences left: ${customer.name} has ${sku.availableUnits} of ${sku.enabledUnits} ${label} licences free; buy more in the tenant or choose another plan${alternatives}.`,
      { suggestions: others, field: 'planId' },
    );
  }
}

/** "business-basic (3 free)" for each other enabled plan with a free licence. */
async function plansWithFreeLicences(
  runtime: Runtime,
  customer: Customer,
  skus: readonly TenantSku[],
  exceptPlanId: string,
): Promise<string[]> {
  const lines: string[] = [];
  for (const entry of customer.plans) {
    if (entry.planId === exceptPlanId) continue;
    const plan = await runtime.store.plans.get(entry.planId);
    const free = plan ? freeLicencesOf(plan, skus) : undefined;
    if (plan && free !== undefined && free > 0) lines.push(`${plan.id} (${free} free)`);
  }
  return lines;
}

/** Whether a user's licences already include every licence of the set (skuId match). */
export function hasLicences(assigned: readonly { skuId: string }[], wanted: readonly AssignedLicence[]): boolean {
  return wanted.every((licence) => assigned.some((held) => held.skuId === licence.skuId));
}

export function missingLicences(
  assigned: readonly { skuId: string }[],
  wanted: readonly AssignedLicence[],
): AssignedLicence[] {
  return wanted.filter((licence) => !assigned.some((held) => held.skuId === licence.skuId));
}

export function describeSkus(plan: Plan): string {
  return plan.skus.join(' + ');
}
