/**
 * One Graph change-notification subscription per customer tenant on `users`, kept alive: created when missing
 * (Graph proves our URLs with its handshake first), renewed a day before it expires (Graph allows at most 41,760
 * minutes for users), recreated when Graph no longer knows it or the customer moved tenant, and removed when the
 * customer has no tenant or no consent any more. One subscription per tenant keeps far inside Graph's quotas;
 * a refusal (quota, permissions) is logged and tried again at the next upkeep, never in a loop.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Runtime } from '../../core/runtime';
import { M365Error } from '../../m365/errors';
import type { GraphSubscription } from '../../store/graph-subscription';
import type { Customer } from '../../store/types';
import { runOwner } from '../run-owner';

export interface NotificationUrls {
  /** `PUBLIC_URL/graph/notifications` */
  notificationUrl: string;
  /** `PUBLIC_URL/graph/lifecycle` */
  lifecycleUrl: string;
}

export const subscriptionTiming = {
  /** Graph's longest subscription on users is 41,760 minutes; ask a little less so clock skew never refuses it. */
  lifetimeMs: 41_700 * 60_000,
  /** Renewed when it has less than this left. */
  renewBeforeMs: 24 * 60 * 60_000,
};

const upkeepLease = 'graph-subscriptions';
/** Long enough for a pass over many tenants; a replica that dies mid-pass frees it after this. */
const upkeepLeaseMs = 15 * 60_000;

export type UpkeepOutcome = 'kept' | 'created' | 'renewed' | 'recreated' | 'removed' | 'failed' | 'skipped';

export function hashClientState(clientState: string): string {
  return createHash('sha256').update(clientState, 'utf8').digest('hex');
}

/** Creates, renews or removes the customer's subscription as its state asks. */
export async function keepSubscription(
  runtime: Runtime,
  customer: Customer,
  urls: NotificationUrls,
  options: { force?: 'renew' | 'recreate' } = {},
): Promise<UpkeepOutcome> {
  const stored = await runtime.store.graphSubscriptions.get(customer.id);
  const log = runtime.logger.child({ customerId: customer.id, component: 'graph-notifications' });
  try {
    if (!customer.tenantId || customer.consent.status === 'denied') {
      if (!stored) return 'skipped';
      await dropSubscription(runtime, stored);
      return 'removed';
    }
    if (stored && stored.tenantId !== customer.tenantId) {
      await dropSubscription(runtime, stored);
      await createSubscription(runtime, customer, urls);
      return 'recreated';
    }
    if (!stored) {
      await createSubscription(runtime, customer, urls);
      return 'created';
    }
    if (options.force === 'recreate') {
      await dropSubscription(runtime, stored);
      await createSubscription(runtime, customer, urls);
      return 'recreated';
    }
    const left = stored.expiresAt.getTime() - runtime.clock.now().getTime();
    if (options.force !== 'renew' && left > subscriptionTiming.renewBeforeMs) return 'kept';
    return await renewOrRecreate(runtime, customer, urls, stored);
  } catch (error) {
    log.warn({ err: error }, 'could not keep the Graph change-notification subscription; delta sync still runs');
    return 'failed';
  }
}

/** Every customer's subscription, and those of customers that no longer exist removed. */
export async function keepSubscriptions(
  runtime: Runtime,
  urls: NotificationUrls,
): Promise<Record<UpkeepOutcome, number>> {
  const counts: Record<UpkeepOutcome, number> = {
    kept: 0,
    created: 0,
    renewed: 0,
    recreated: 0,
    removed: 0,
    failed: 0,
    skipped: 0,
  };
  // One replica at a time: two creating a tenant's subscription together would leave one of them orphaned.
  const owner = runOwner('graph-subscriptions');
  if (!(await runtime.store.leases.acquire(upkeepLease, owner, upkeepLeaseMs, runtime.clock.now()))) return counts;
  try {
    const customers = await runtime.store.customers.list();
    const known = new Set(customers.map((customer) => customer.id));
    for (const customer of customers) counts[await keepSubscription(runtime, customer, urls)]++;
    for (const orphan of await runtime.store.graphSubscriptions.list()) {
      if (known.has(orphan.customerId)) continue;
      await dropSubscription(runtime, orphan).catch((error: unknown) =>
        runtime.logger.warn({ err: error, customerId: orphan.customerId }, 'could not remove an orphan subscription'),
      );
      counts.removed++;
    }
    return counts;
  } finally {
    await runtime.store.leases.release(upkeepLease, owner);
  }
}

async function renewOrRecreate(
  runtime: Runtime,
  customer: Customer,
  urls: NotificationUrls,
  stored: GraphSubscription,
): Promise<UpkeepOutcome> {
  const expiresAt = new Date(runtime.clock.now().getTime() + subscriptionTiming.lifetimeMs);
  try {
    await runtime.gateway.forTenant(stored.tenantId).renewSubscription(stored.subscriptionId, expiresAt);
  } catch (error) {
    if (!(error instanceof M365Error && error.code === 'not-found')) throw error;
    // Graph removed it (expired, or removed on its side): start again.
    await runtime.store.graphSubscriptions.remove(stored.customerId, stored.subscriptionId);
    await createSubscription(runtime, customer, urls);
    return 'recreated';
  }
  await runtime.store.graphSubscriptions.put({ ...stored, expiresAt, renewedAt: runtime.clock.now() });
  return 'renewed';
}

async function createSubscription(runtime: Runtime, customer: Customer, urls: NotificationUrls): Promise<void> {
  const tenantId = customer.tenantId as string;
  const clientState = randomBytes(32).toString('base64url');
  const now = runtime.clock.now();
  const created = await runtime.gateway.forTenant(tenantId).createSubscription({
    resource: 'users',
    changeTypes: ['created', 'updated', 'deleted'],
    notificationUrl: urls.notificationUrl,
    lifecycleNotificationUrl: urls.lifecycleUrl,
    clientState,
    expiresAt: new Date(now.getTime() + subscriptionTiming.lifetimeMs),
  });
  await runtime.store.graphSubscriptions.put({
    customerId: customer.id,
    tenantId,
    subscriptionId: created.id,
    resource: created.resource,
    clientStateHash: hashClientState(clientState),
    expiresAt: created.expiresAt,
    createdAt: now,
  });
  runtime.logger.info(
    { customerId: customer.id, subscriptionId: created.id, expiresAt: created.expiresAt },
    'subscribed to Graph change notifications on users',
  );
}

/** Deletes the subscription at Graph (already gone is fine) and forgets it. */
async function dropSubscription(runtime: Runtime, stored: GraphSubscription): Promise<void> {
  try {
    await runtime.gateway.forTenant(stored.tenantId).deleteSubscription(stored.subscriptionId);
  } catch (error) {
    const gone = error instanceof M365Error && (error.code === 'not-found' || error.code === 'consent-missing');
    if (!gone) throw error;
  }
  await runtime.store.graphSubscriptions.remove(stored.customerId, stored.subscriptionId);
}
