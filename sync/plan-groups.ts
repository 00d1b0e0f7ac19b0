/**
 * What the sync compares plan groups with, read once per run that checks them (compare-tenant.ts says which runs):
 * the tenant's groups (one paged list) and the members of each distinct group some plan offered to the customer
 * names (one paged list each), never a request per user. A customer whose plans name no groups costs no request at
 * all. A plan group the tenant lacks (or whose name two groups share) is said once, for the run's summary and the
 * log, and nobody is checked for it.
 */
import { type FoundGroup, findPlanGroup } from '../core/plan-groups';
import { possessive } from '../core/words';
import type { TenantClient } from '../m365/types';
import type { Customer, Plan } from '../store/types';

export interface PlanGroups {
  /** The plan's groups found in the tenant (none for no plan, a plan not offered, or one naming no groups). */
  groupsOf(planId: string | null): readonly FoundGroup[];
  isMember(groupId: string, userId: string): boolean;
  /** Plan groups that could not be found, one sentence each. */
  notes: string[];
}

const key = (id: string) => id.toLowerCase();

/** The plans offered to the customer that name groups. */
export function groupCarryingPlans(customer: Customer, plans: readonly Plan[]): Plan[] {
  const offered = new Set(customer.plans.map((entry) => entry.planId));
  return plans.filter((plan) => offered.has(plan.id) && (plan.groups?.length ?? 0) > 0);
}

export async function readPlanGroups(
  tenant: TenantClient,
  customer: Customer,
  plans: readonly Plan[],
): Promise<PlanGroups> {
  const carrying = groupCarryingPlans(customer, plans);
  if (carrying.length === 0) return { groupsOf: () => [], isMember: () => false, notes: [] };
  const groups = await tenant.listGroups();
  const byPlan = new Map<string, FoundGroup[]>();
  const notes: string[] = [];
  for (const plan of carrying) {
    const found: FoundGroup[] = [];
    for (const reference of plan.groups ?? []) {
      const match = findPlanGroup(reference, groups);
      if ('found' in match) found.push(match.found);
      else notes.push(describeMissing(match.missing, match.reason, plan, customer));
    }
    byPlan.set(plan.id, found);
  }
  const distinct = new Map<string, FoundGroup>();
  for (const found of byPlan.values()) for (const group of found) distinct.set(key(group.id), group);
  const members = new Map<string, Set<string>>();
  await Promise.all(
    [...distinct.keys()].map(async (groupId) => {
      const ids = await tenant.listGroupMemberIds(groupId);
      members.set(groupId, new Set(ids.map(key)));
    }),
  );
  return {
    groupsOf: (planId) => (planId ? (byPlan.get(planId) ?? []) : []),
    isMember: (groupId, userId) => members.get(key(groupId))?.has(key(userId)) ?? false,
    notes,
  };
}

function describeMissing(reference: string, reason: 'unknown' | 'ambiguous', plan: Plan, customer: Customer): string {
  const where = `${possessive(customer.name)} tenant`;
  if (reason === 'ambiguous') {
    return `Plan group "${reference}" of ${plan.id} names more than one group in ${where}; nobody was checked for it (name it by object id).`;
  }
  return `Plan group "${reference}" of ${plan.id} is not in ${where}; nobody was checked for it.`;
}
