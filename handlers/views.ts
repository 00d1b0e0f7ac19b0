/** The read-only views: users of a customer, status per customer, plans (with limits and free licences). */
import { createBoundedQueue } from '../common/bounded-queue';
import { formatWhen } from '../common/format-when';
import { freeLicencesOf } from '../core/licences';
import type { PlansReply, StatusReply, UserListReply } from '../core/reply';
import type { Command } from '../core/request';
import { boundCustomer, getCustomer, resolveCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import type { TenantSku } from '../m365/types';
import type { ConsentStatus, Customer, Plan } from '../store/types';

export async function listUsers(
  invocation: Invocation,
  command: Extract<Command, { name: 'users' }>,
): Promise<UserListReply> {
  const customer = await resolveCustomer(invocation, { customerId: command.customerId });
  const { store } = invocation.runtime;
  const users = (await store.serviceUsers.list(customer.id)).filter(
    (user) => (user.status === 'deleted') === (command.deleted === true),
  );
  const planNames: Record<string, string> = {};
  for (const plan of await store.plans.list()) planNames[plan.id] = plan.name;
  return {
    kind: 'users',
    customerId: customer.id,
    customerName: customer.name,
    ...(command.deleted ? { deleted: true } : {}),
    users: users.map(({ upn, displayName, planId, admin, status, usageLocation, aliases }) => ({
      upn,
      displayName,
      planId,
      admin,
      status,
      usageLocation,
      aliases,
    })),
    planNames,
  };
}

/** The customer named, else the channel's, else every customer. */
async function customersInView(invocation: Invocation, customerId: string | undefined): Promise<Customer[]> {
  if (customerId) return [await getCustomer(invocation, customerId)];
  const bound = await boundCustomer(invocation);
  if (bound) return [bound];
  return invocation.runtime.store.customers.list();
}

/** The tenant's SKUs, or undefined (logged) when the tenant cannot be read now: views still answer. */
async function readSkus(invocation: Invocation, customer: Customer): Promise<TenantSku[] | undefined> {
  if (!customer.tenantId || customer.consent.status === 'denied') return undefined;
  try {
    return await invocation.runtime.skus.list(customer.tenantId);
  } catch (error) {
    invocation.runtime.logger.warn(
      { err: error, customerId: customer.id },
      'could not read the tenant licences for a view',
    );
    return undefined;
  }
}

/** Customers' rows are built this many at once: their Graph reads overlap without a thousand at a time. */
const statusConcurrency = 8;

export async function showStatus(
  invocation: Invocation,
  command: Extract<Command, { name: 'status' }>,
): Promise<StatusReply> {
  const plans = new Map((await invocation.runtime.store.plans.list()).map((plan) => [plan.id, plan]));
  const queue = createBoundedQueue(statusConcurrency);
  const customers = await customersInView(invocation, command.customerId);
  return {
    kind: 'status',
    customers: await Promise.all(
      customers.map((customer) => queue.run(customer.id, () => customerStatus(invocation, customer, plans))),
    ),
  };
}

async function customerStatus(
  invocation: Invocation,
  customer: Customer,
  plans: Map<string, Plan>,
): Promise<StatusReply['customers'][number]> {
  const { store } = invocation.runtime;
  const [skus, syncState, binding, users, open] = await Promise.all([
    readSkus(invocation, customer),
    store.syncState.get(customer.id),
    store.bindings.get(customer.id),
    store.serviceUsers.countActive(customer.id),
    store.discrepancies.countOpen(customer.id),
  ]);
  const lastSync = syncState?.lastRun?.finishedAt ?? syncState?.lastRun?.startedAt ?? syncState?.lastFullSyncAt;
  return {
    id: customer.id,
    name: customer.name,
    tenantId: customer.tenantId,
    consent: describeConsent(customer),
    users,
    openDiscrepancies: open,
    lastSync: lastSync
      ? `${formatWhen(lastSync)}${syncState?.lastRun ? ` (${syncState.lastRun.outcome})` : ''}`
      : undefined,
    plans: await planUsage(invocation, customer, plans, skus),
    channel: binding
      ? `${binding.platform === 'teams' ? 'Teams' : 'Slack'} ${binding.channelName ?? binding.channelKey}`
      : undefined,
  };
}

export async function listPlans(
  invocation: Invocation,
  command: Extract<Command, { name: 'plans' }>,
): Promise<PlansReply> {
  const { store } = invocation.runtime;
  const all = await store.plans.list();
  const customer = command.customerId
    ? await getCustomer(invocation, command.customerId)
    : await boundCustomer(invocation);
  if (!customer) {
    return { kind: 'plans', plans: all.map((plan) => ({ id: plan.id, name: plan.name, skus: plan.skus })) };
  }
  const skus = await readSkus(invocation, customer);
  const usage = await planUsage(invocation, customer, new Map(all.map((plan) => [plan.id, plan])), skus);
  return {
    kind: 'plans',
    customerId: customer.id,
    plans: usage.map((entry) => ({
      id: entry.planId,
      name: entry.name,
      skus: all.find((plan) => plan.id === entry.planId)?.skus ?? [],
      limit: entry.limit,
      used: entry.used,
      freeLicences: entry.freeLicences,
    })),
  };
}

async function planUsage(
  invocation: Invocation,
  customer: Customer,
  plans: Map<string, Plan>,
  skus: TenantSku[] | undefined,
): Promise<StatusReply['customers'][number]['plans']> {
  const rows: StatusReply['customers'][number]['plans'] = [];
  for (const entry of customer.plans) {
    const plan = plans.get(entry.planId);
    rows.push({
      planId: entry.planId,
      name: plan?.name ?? entry.planId,
      used: await invocation.runtime.store.serviceUsers.countOnPlan(customer.id, entry.planId),
      limit: entry.limit,
      freeLicences: plan && skus ? freeLicencesOf(plan, skus) : undefined,
    });
  }
  return rows;
}

/**
 * Consent as the helpdesk needs it, each state with when: verified (a token for the tenant was acquired: `verify
 * consent`, the callback, or a sync that read the tenant), granted but unverified, link sent, denied, or never asked.
 */
function describeConsent(customer: Customer): string {
  const { consent } = customer;
  const at = (when: Date | undefined) => (when ? ` ${formatWhen(when)}` : '');
  const words: Record<ConsentStatus, string> = {
    none: 'never asked',
    pending: `link sent${at(consent.at)}`,
    granted: consent.verifiedAt ? `verified${at(consent.verifiedAt)}` : `granted, unverified${at(consent.at)}`,
    'awaiting-confirmation': `verified${at(consent.verifiedAt)} for tenant ${consent.tenantId}, waiting for an admin to confirm it`,
    denied: `denied${at(consent.at)}`,
    // A tenant bound by configuration, consent not proven yet; without one, nothing is known.
    unknown: customer.tenantId ? `granted, unverified${at(consent.at)}` : `not known${at(consent.at)}`,
  };
  const detail = consent.detail ? ` (${consent.detail})` : '';
  return `${words[consent.status] ?? consent.status}${detail}`;
}
