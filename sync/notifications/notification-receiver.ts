/**
 * Graph's change and lifecycle notifications, received: each item's subscription looked up and its clientState
 * checked against the stored hash (a mismatch, an unknown subscription or another tenant is dropped and logged,
 * never acted on); accepted user changes are gathered per customer and checked in small batches, a bounded number
 * of customers at a time, so the HTTP answer goes back at once. Duplicates and bursts coalesce: a user already
 * waiting is not queued twice.
 */
import { timingSafeEqual } from 'node:crypto';
import { createBoundedQueue } from '../../common/bounded-queue';
import type { Runtime } from '../../core/runtime';
import type { GraphSubscription } from '../../store/graph-subscription';
import type { Customer } from '../../store/types';
import { runOwner, syncDefaults } from '../run-owner';
import { syncCustomer } from '../sync-customer';
import { checkUsers } from './check-user';
import { type NotificationItem, parseNotifications } from './notification-body';
import { hashClientState, keepSubscription, type NotificationUrls } from './subscription-upkeep';

export interface NotificationReceiverOptions {
  runtime: Runtime;
  urls: NotificationUrls;
  /** Customers checked at once (default 4). */
  concurrency?: number;
  /** Users re-read per check (default 20). */
  batchSize?: number;
  /** Tries of a check the sync lease kept out, before leaving the change to the next delta round (default 5). */
  maxBusyRetries?: number;
  /** Waits for a retry (default: until the lease's expiry, at least 1 s, at most 30 s). */
  delay?: (ms: number) => Promise<void>;
}

export interface NotificationReceiver {
  /** Change notifications: checked and queued; resolves before any tenant is read. */
  receive(body: unknown): Promise<{ accepted: number; dropped: number }>;
  /** Lifecycle notifications: checked and acted on in the background. */
  receiveLifecycle(body: unknown): Promise<{ accepted: number; dropped: number }>;
  /** Resolves once the work started so far is done. */
  idle(): Promise<void>;
}

export function createNotificationReceiver(options: NotificationReceiverOptions): NotificationReceiver {
  const { runtime } = options;
  const log = runtime.logger.child({ component: 'graph-notifications' });
  const queue = createBoundedQueue(options.concurrency ?? 4);
  const pending = new Map<string, Set<string>>();
  const busyTries = new Map<string, number>();
  const running = new Set<Promise<unknown>>();
  const delay = options.delay ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.()));

  function track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) =>
      log.error({ err: error }, 'a change notification could not be handled'),
    );
    running.add(tracked);
    void tracked.finally(() => running.delete(tracked));
  }

  async function accept(
    body: unknown,
  ): Promise<{ items: { item: NotificationItem; stored: GraphSubscription }[]; dropped: number }> {
    const items = parseNotifications(body);
    const accepted: { item: NotificationItem; stored: GraphSubscription }[] = [];
    for (const item of items) {
      const stored = await runtime.store.graphSubscriptions.findBySubscriptionId(item.subscriptionId);
      const refusal = refusalOf(item, stored);
      if (refusal) {
        log.warn(
          { subscriptionId: item.subscriptionId, tenantId: item.tenantId, reason: refusal },
          'change notification dropped',
        );
        continue;
      }
      accepted.push({ item, stored: stored as GraphSubscription });
    }
    return { items: accepted, dropped: items.length - accepted.length };
  }

  function schedule(customerId: string): void {
    track(queue.run(customerId, () => drain(customerId)));
  }

  async function drain(customerId: string): Promise<void> {
    const waiting = pending.get(customerId);
    const customer = await runtime.store.customers.get(customerId);
    if (!waiting || waiting.size === 0 || !customer) return;
    const userIds = [...waiting].slice(0, options.batchSize ?? 20);
    for (const id of userIds) waiting.delete(id);
    const result = await checkUsers(runtime, customer, userIds);
    if (result.outcome === 'busy') {
      const tries = (busyTries.get(customerId) ?? 0) + 1;
      if (tries > (options.maxBusyRetries ?? 5)) {
        busyTries.delete(customerId);
        log.info(
          { customerId, users: userIds.length },
          'a sync run kept the tenant busy; the next delta round sees these changes',
        );
        return;
      }
      busyTries.set(customerId, tries);
      for (const id of userIds) waiting.add(id);
      const waitMs = Math.min(30_000, Math.max(1_000, result.retryAt.getTime() - runtime.clock.now().getTime()));
      track(delay(waitMs).then(() => schedule(customerId)));
      return;
    }
    busyTries.delete(customerId);
    if (waiting.size > 0) schedule(customerId);
    else pending.delete(customerId);
  }

  return {
    async receive(body) {
      const { items, dropped } = await accept(body);
      for (const { item, stored } of items) {
        if (!item.userId) continue;
        const waiting = pending.get(stored.customerId) ?? new Set<string>();
        waiting.add(item.userId);
        pending.set(stored.customerId, waiting);
      }
      for (const customerId of new Set(items.map(({ stored }) => stored.customerId))) schedule(customerId);
      return { accepted: items.length, dropped };
    },
    async receiveLifecycle(body) {
      const { items, dropped } = await accept(body);
      for (const { item, stored } of items) track(onLifecycle(options, item, stored));
      return { accepted: items.length, dropped };
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

function refusalOf(item: NotificationItem, stored: GraphSubscription | null): string | undefined {
  if (!stored) return 'unknown subscription';
  if (item.tenantId && item.tenantId.toLowerCase() !== stored.tenantId.toLowerCase()) return 'another tenant';
  if (!sameHash(hashClientState(item.clientState ?? ''), stored.clientStateHash)) return 'clientState mismatch';
  return undefined;
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** reauthorizationRequired: reauthorize and renew; subscriptionRemoved: subscribe again; missed: a delta round now. */
async function onLifecycle(
  options: NotificationReceiverOptions,
  item: NotificationItem,
  stored: GraphSubscription,
): Promise<void> {
  const { runtime, urls } = options;
  const customer = await runtime.store.customers.get(stored.customerId);
  if (!customer) return;
  const log = runtime.logger.child({ customerId: customer.id, subscriptionId: stored.subscriptionId });
  log.info({ lifecycleEvent: item.lifecycleEvent }, 'Graph lifecycle notification');
  switch (item.lifecycleEvent) {
    case 'reauthorizationRequired':
      await reauthorize(runtime, customer, stored, urls);
      return;
    case 'subscriptionRemoved':
      await keepSubscription(runtime, customer, urls, { force: 'recreate' });
      return;
    case 'missed':
      await syncCustomer(runtime, customer, {
        owner: runOwner(),
        leaseMs: syncDefaults.leaseMs,
        fullPassEveryMs: syncDefaults.fullPassEveryMs,
      });
      return;
    default:
      log.warn({ lifecycleEvent: item.lifecycleEvent }, 'unknown lifecycle event ignored');
  }
}

async function reauthorize(
  runtime: Runtime,
  customer: Customer,
  stored: GraphSubscription,
  urls: NotificationUrls,
): Promise<void> {
  try {
    await runtime.gateway.forTenant(stored.tenantId).reauthorizeSubscription(stored.subscriptionId);
  } catch (error) {
    runtime.logger.warn(
      { err: error, customerId: customer.id },
      'could not reauthorize the subscription; subscribing again',
    );
    await keepSubscription(runtime, customer, urls, { force: 'recreate' });
    return;
  }
  await keepSubscription(runtime, customer, urls, { force: 'renew' });
}
