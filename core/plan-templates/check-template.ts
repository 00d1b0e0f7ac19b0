/**
 * A plan's template checked against the tenants of the customers that offer it: every group must be found (by
 * display name or object id) in each of them, and a shared mailbox must be a shared mailbox in the tenants that
 * own its domain. Used by the admin commands (core/handlers) and, for the YAML, where the app starts.
 */
import type { TenantClient } from '../../m365/types';
import type { Customer, Plan } from '../../store/types';
import { fail } from '../errors';
import { lookUpGroup, missingGroupSentence } from '../plan-groups';
import type { Runtime } from '../runtime';
import { possessive } from '../words';

/** The customers offering `planId` whose tenant is known. */
export async function tenantsOfferingPlan(runtime: Runtime, planId: string): Promise<Customer[]> {
  const customers = await runtime.store.customers.list();
  return customers.filter((customer) => customer.tenantId && customer.plans.some((entry) => entry.planId === planId));
}

export async function checkGroupsInTenants(runtime: Runtime, plan: Plan, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  for (const customer of await tenantsOfferingPlan(runtime, plan.id)) {
    const groups = await runtime.gateway.forTenant(customer.tenantId!).listGroups();
    const missing = names.find((name) => 'missing' in lookUpGroup(name, groups));
    if (missing !== undefined) {
      const why = missingGroupSentence(missing, groups, `${possessive(customer.name)} tenant`);
      throw fail('unknown-group', `${why} Nothing was changed.`, {
        suggestions: groups.map((group) => group.displayName),
      });
    }
  }
}

export async function checkSharedMailbox(runtime: Runtime, plan: Plan, mailbox: string): Promise<void> {
  const domain = mailbox.split('@')[1]!;
  const owners: Customer[] = [];
  for (const customer of await tenantsOfferingPlan(runtime, plan.id)) {
    const domains = await runtime.domains.list(customer.tenantId!);
    if (domains.some((candidate) => candidate.id.toLowerCase() === domain)) owners.push(customer);
  }
  if (owners.length === 0) {
    throw fail(
      'unknown-mailbox',
      `No customer offering ${plan.id} has the domain ${domain}, so ${mailbox} cannot be one of their shared mailboxes. Nothing was changed.`,
    );
  }
  for (const customer of owners) {
    await checkIsShared(runtime.gateway.forTenant(customer.tenantId!), customer, mailbox);
  }
}

async function checkIsShared(tenant: TenantClient, customer: Customer, mailbox: string): Promise<void> {
  const details = await tenant.getMailboxDetails(mailbox);
  if (details?.type === 'shared') return;
  const what = details ? "is a user's mailbox, not a shared one" : 'has no mailbox';
  throw fail(
    'unknown-mailbox',
    `${mailbox} ${what} in ${possessive(customer.name)} tenant; name a shared mailbox (Exchange admin center → Recipients → Shared). Nothing was changed.`,
  );
}
