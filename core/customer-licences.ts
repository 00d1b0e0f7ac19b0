/**
 * A customer's licences as `licences` shows them: per SKU of the tenant, bought, assigned and free, and who holds it
 * by plan from m365ops's records (the assigned rest are not managed by m365ops); plans at their limit.
 */
import { asCodedError } from '../common/coded-error';
import type { TenantSku } from '../m365/types';
import type { Customer, Plan, ServiceUser } from '../store/types';
import { licenceName } from './licence-names';
import type { CustomerLicences, SkuLicences } from './licences-view';
import { requireTenant } from './resolve-customer';
import type { Runtime } from './runtime';

/** The customer's licences; with `tolerate`, a tenant that cannot be read is said in the row instead of thrown. */
export async function readCustomerLicences(
  runtime: Runtime,
  customer: Customer,
  tolerate = false,
): Promise<CustomerLicences> {
  const base = { customerId: customer.id, customerName: customer.name };
  let skus: TenantSku[];
  try {
    skus = await runtime.skus.list(requireTenant(customer));
  } catch (error) {
    if (!tolerate) throw error;
    return { ...base, unreadable: asCodedError(error).message, skus: [], plansAtLimit: [], short: false };
  }
  const users = await runtime.store.serviceUsers.list(customer.id, { status: 'active' });
  const plans = new Map((await runtime.store.plans.list()).map((plan) => [plan.id, plan]));
  const rows = skus
    .filter((sku) => sku.enabledUnits > 0 || sku.consumedUnits > 0)
    .map((sku) => skuLicences(sku, users, plans));
  const plansAtLimit = plansAtTheirLimit(customer, users);
  return { ...base, skus: rows, plansAtLimit, short: plansAtLimit.length > 0 || rows.some((row) => row.free < 0) };
}

function skuLicences(sku: TenantSku, users: readonly ServiceUser[], plans: Map<string, Plan>): SkuLicences {
  const partNumber = sku.skuPartNumber.toLowerCase();
  const counts = new Map<string, { planId: string; planName: string; users: number }>();
  for (const user of users) {
    const plan = user.planId ? plans.get(user.planId) : undefined;
    const holds = plan
      ? plan.skus.some((candidate) => candidate.toLowerCase() === partNumber)
      : !user.planId && (user.customSkuIds ?? []).some((skuId) => skuId.toLowerCase() === sku.skuId.toLowerCase());
    if (!holds) continue;
    const key = plan?.id ?? 'custom';
    const entry = counts.get(key) ?? { planId: key, planName: plan?.name ?? 'custom licences', users: 0 };
    entry.users += 1;
    counts.set(key, entry);
  }
  const byPlan = [...counts.values()].sort((a, b) => a.planId.localeCompare(b.planId));
  const managed = byPlan.reduce((sum, entry) => sum + entry.users, 0);
  return {
    partNumber: sku.skuPartNumber,
    name: licenceName(sku.skuPartNumber),
    purchased: sku.enabledUnits,
    assigned: sku.consumedUnits,
    free: sku.enabledUnits - sku.consumedUnits,
    byPlan,
    unmanaged: Math.max(0, sku.consumedUnits - managed),
  };
}

/** "business-premium: 25 of 25" for each plan whose limit its active users reach. */
function plansAtTheirLimit(customer: Customer, users: readonly ServiceUser[]): string[] {
  return customer.plans.flatMap((entry) => {
    if (entry.limit === undefined) return [];
    const used = users.filter((user) => user.planId === entry.planId).length;
    return used >= entry.limit ? [`${entry.planId}: ${used} of ${entry.limit}`] : [];
  });
}
