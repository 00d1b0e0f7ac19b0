/**
 * The YAML's plan groups, checked where the app starts (design §9: an unknown group stops the start). Each group a
 * declared plan names must be found in the tenant of every declared customer offering it. A tenant that cannot be
 * read now (no consent yet, Microsoft unreachable) does not block the start: it is logged, and the admin commands
 * and add user check it when they run.
 */
import type { Logger } from '../../common/logger';
import type { M365Gateway, TenantGroup } from '../../m365/types';
import type { Customer } from '../../store/types';
import { lookUpGroup, missingGroupSentence } from '../plan-groups';
import { possessive } from '../words';

interface DeclaredPlan {
  id: string;
  groups?: string[];
}

type DeclaredCustomer = Pick<Customer, 'id' | 'name' | 'tenantId'> & { plans: { planId: string }[] };

/** The sentences for every unknown group (empty when all are found or could not be checked). */
export async function findUnknownPlanGroups(
  gateway: M365Gateway,
  declared: { plans: readonly DeclaredPlan[]; customers: readonly DeclaredCustomer[] },
  logger: Logger,
): Promise<string[]> {
  const problems: string[] = [];
  const read = new Map<string, TenantGroup[] | null>();
  for (const plan of declared.plans) {
    if (!plan.groups?.length) continue;
    for (const customer of declared.customers) {
      if (!customer.tenantId || !customer.plans.some((entry) => entry.planId === plan.id)) continue;
      const groups = await groupsOf(gateway, customer, read, logger);
      if (!groups) continue;
      for (const name of plan.groups.filter((group) => 'missing' in lookUpGroup(group, groups))) {
        problems.push(
          `plan "${plan.id}": ${missingGroupSentence(name, groups, `${possessive(customer.name)} tenant`)}`,
        );
      }
    }
  }
  return problems;
}

async function groupsOf(
  gateway: M365Gateway,
  customer: DeclaredCustomer,
  read: Map<string, TenantGroup[] | null>,
  logger: Logger,
): Promise<TenantGroup[] | null> {
  const tenantId = customer.tenantId!;
  if (!read.has(tenantId)) {
    const groups = await gateway
      .forTenant(tenantId)
      .listGroups()
      .catch((error: unknown) => {
        logger.warn(
          { err: error, customerId: customer.id },
          "could not read the tenant's groups at start: its plans' groups are checked when a command uses them",
        );
        return null;
      });
    read.set(tenantId, groups);
  }
  return read.get(tenantId) ?? null;
}
