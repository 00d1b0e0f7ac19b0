/**
 * A customer's enabled plans as sets of this tenant's skuIds (subscribedSkus maps skuPartNumber ↔ skuId), so a
 * user's licences can be named: the plan whose set they equal, or none (custom).
 */
import type { TenantSku } from '../m365/types';
import type { Customer, Plan } from '../store/types';

export interface PlanCatalog {
  /** Enabled plan id → its skuIds in this tenant (absent when the tenant lacks one of the plan's SKUs). */
  skuIdsOf(planId: string): string[] | undefined;
  /** The enabled plan whose skuIds are exactly these, if any. */
  planFor(skuIds: readonly string[]): string | undefined;
  /** "SPB" for a skuId the tenant subscribes to; the skuId itself otherwise. */
  partNumberOf(skuId: string): string;
  planName(planId: string | null | undefined): string;
}

export function buildPlanCatalog(customer: Customer, plans: readonly Plan[], skus: readonly TenantSku[]): PlanCatalog {
  const byPartNumber = new Map(skus.map((sku) => [sku.skuPartNumber.toLowerCase(), sku.skuId.toLowerCase()]));
  const partNumbers = new Map(skus.map((sku) => [sku.skuId.toLowerCase(), sku.skuPartNumber]));
  const names = new Map(plans.map((plan) => [plan.id, plan.name]));
  const planSkuIds = new Map<string, string[]>();
  for (const entry of customer.plans) {
    const plan = plans.find((candidate) => candidate.id === entry.planId);
    if (!plan) continue;
    const ids = plan.skus.map((partNumber) => byPartNumber.get(partNumber.toLowerCase()));
    if (ids.every((id): id is string => id !== undefined)) planSkuIds.set(plan.id, sortedUnique(ids));
  }
  const bySet = new Map<string, string>();
  for (const [planId, ids] of planSkuIds) if (!bySet.has(ids.join(','))) bySet.set(ids.join(','), planId);

  return {
    skuIdsOf: (planId) => planSkuIds.get(planId),
    planFor: (skuIds) => bySet.get(sortedUnique(skuIds).join(',')),
    partNumberOf: (skuId) => partNumbers.get(skuId.toLowerCase()) ?? skuId,
    planName: (planId) => (planId ? (names.get(planId) ?? planId) : 'custom licences'),
  };
}

export function sortedUnique(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))].sort();
}

export function sameSkuSet(a: readonly string[], b: readonly string[]): boolean {
  return sortedUnique(a).join(',') === sortedUnique(b).join(',');
}
