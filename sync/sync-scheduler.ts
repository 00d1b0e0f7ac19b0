/**
 * The schedule: node-cron runs each customer's `syncPolicy.schedule` (default SYNC_CRON) on every replica. Each
 * tick tries every due tenant; the tenant's lease lets exactly one replica sync it and the recorded start of the
 * last run makes it once per tick. When another replica holds a tenant, this one looks again once that lease
 * would expire, so a replica that died mid-sync is taken over without waiting for the next tick.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Runtime } from '../core/runtime';
import type { Customer } from '../store/types';
import { runOwner, syncDefaults } from './run-owner';
import { type CustomerSyncOutcome, syncCustomer } from './sync-customer';

export interface SyncSchedulerOptions {
  runtime: Runtime;
  /** Identifies this replica in lease owners. */
  owner: string;
  /** SYNC_CRON: for customers without a schedule of their own. */
  defaultSchedule: string;
  leaseMs?: number;
  fullPassEveryMs?: number;
  /** How often the customer list is re-read for new customers and changed schedules. */
  refreshEveryMs?: number;
}

export interface SyncScheduler {
  start(): Promise<void>;
  /** Stops the schedule and waits for running syncs. */
  stop(): Promise<void>;
  /** One tick for these customers (all with a tenant when omitted), as node-cron would run it. */
  runTick(tick: Date, customerIds?: string[]): Promise<CustomerSyncOutcome[]>;
  /** Stops every run at its next page without releasing leases: what a replica that dies leaves behind. */
  crash(): Promise<void>;
}

export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const { runtime } = options;
  const logger = runtime.logger.child({ component: 'sync-scheduler' });
  const leaseMs = options.leaseMs ?? syncDefaults.leaseMs;
  const fullPassEveryMs = options.fullPassEveryMs ?? syncDefaults.fullPassEveryMs;
  const tasks = new Map<string, { expression: string; task: ScheduledTask }>();
  const running = new Set<Promise<unknown>>();
  const retries = new Set<NodeJS.Timeout>();
  let abort = new AbortController();
  let refresher: NodeJS.Timeout | undefined;
  let stopped = true;

  function track<T>(work: Promise<T>): Promise<T> {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => {});
    return work;
  }

  async function syncOne(customer: Customer, tick: Date): Promise<CustomerSyncOutcome> {
    const outcome = await syncCustomer(runtime, customer, {
      owner: runOwner(options.owner),
      leaseMs,
      fullPassEveryMs,
      tick,
      signal: abort.signal,
    });
    if (outcome.outcome === 'failed')
      logger.warn({ customerId: customer.id, error: outcome.error }, 'scheduled sync failed');
    if (outcome.retryAt && !stopped) lookAgain(customer.id, tick, outcome.retryAt);
    return outcome;
  }

  /** Another replica held the tenant: once its lease would expire, check the tick's run happened. */
  function lookAgain(customerId: string, tick: Date, at: Date): void {
    const delay = Math.max(0, at.getTime() - runtime.clock.now().getTime()) + 250 + Math.floor(Math.random() * 250);
    const timer = setTimeout(() => {
      retries.delete(timer);
      if (stopped) return;
      track(runTick(tick, [customerId])).catch((error: unknown) =>
        logger.error({ err: error, customerId }, 'could not look again at a tenant another replica held'),
      );
    }, delay);
    timer.unref?.();
    retries.add(timer);
  }

  async function runTick(tick: Date, customerIds?: string[]): Promise<CustomerSyncOutcome[]> {
    const customers = (await runtime.store.customers.list()).filter(
      (customer) => customer.tenantId && (!customerIds || customerIds.includes(customer.id)),
    );
    // Tenants are independent: one slow or failing tenant must not hold up the others.
    return track(Promise.all(customers.map((customer) => syncOne(customer, tick))));
  }

  async function refresh(): Promise<void> {
    const customers = (await runtime.store.customers.list()).filter((customer) => customer.tenantId);
    const wanted = new Map(customers.map((c) => [c.id, c.syncPolicy.schedule ?? options.defaultSchedule]));
    for (const [id, entry] of tasks) {
      if (wanted.get(id) === entry.expression) continue;
      await entry.task.destroy();
      tasks.delete(id);
    }
    for (const [id, expression] of wanted) {
      if (tasks.has(id)) continue;
      if (!cron.validate(expression)) {
        logger.error({ customerId: id, schedule: expression }, 'the sync schedule is not a valid cron expression');
        continue;
      }
      const task = cron.createTask(
        expression,
        (context) => {
          track(runTick(context.date, [id])).catch((error: unknown) =>
            logger.error({ err: error, customerId: id }, 'scheduled sync could not run'),
          );
        },
        { name: `sync:${id}`, noOverlap: true },
      );
      await task.start();
      tasks.set(id, { expression, task });
    }
  }

  async function halt(): Promise<void> {
    stopped = true;
    if (refresher) clearInterval(refresher);
    for (const timer of retries) clearTimeout(timer);
    retries.clear();
    for (const { task } of tasks.values()) await task.destroy();
    tasks.clear();
  }

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      abort = new AbortController();
      await refresh();
      refresher = setInterval(() => {
        refresh().catch((error: unknown) => logger.error({ err: error }, 'could not refresh the sync schedule'));
      }, options.refreshEveryMs ?? 60_000);
      refresher.unref?.();
    },
    async stop() {
      await halt();
      await Promise.allSettled([...running]);
    },
    runTick,
    async crash() {
      await halt();
      abort.abort();
      await Promise.allSettled([...running]);
    },
  };
}
