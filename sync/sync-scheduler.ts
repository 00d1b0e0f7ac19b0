/**
 * The schedule: node-cron runs one task per distinct schedule (each customer's `syncPolicy.schedule`, default
 * SYNC_CRON) on every replica. Each tick queues every tenant due on it behind one process-wide limit
 * (SYNC_CONCURRENCY: sign-ins, reads and writes of at most that many tenants at once, first come first served);
 * the tenant's lease lets exactly one replica sync it and the recorded start of the last run makes it once per tick. When another replica holds a tenant, this one looks again once that lease
 * would expire, so a replica that died mid-sync is taken over without waiting for the next tick.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { type BoundedQueue, createBoundedQueue } from '../common/bounded-queue';
import type { Logger } from '../common/logger';
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
  /** SYNC_CONCURRENCY: tenants synced at once by this process. */
  concurrency?: number;
}

/** Enough to check a thousand small tenants a minute at 100 ms a Graph request, few enough for 2 cores. */
export const defaultSyncConcurrency = 16;

export interface SyncScheduler {
  start(): Promise<void>;
  /** Stops the schedule and waits for running syncs. */
  stop(): Promise<void>;
  /** One tick for these customers (all with a tenant when omitted), as node-cron would run it. */
  runTick(tick: Date, customerIds?: string[]): Promise<CustomerSyncOutcome[]>;
  /** Stops every run at its next page without releasing leases: what a replica that dies leaves behind. */
  crash(): Promise<void>;
}

/** What the scheduler's steps share. */
interface SchedulerState {
  options: SyncSchedulerOptions;
  runtime: Runtime;
  logger: Logger;
  /** One cron task per distinct schedule, with the customers on it. */
  tasks: Map<string, { customerIds: string[]; task: ScheduledTask }>;
  queue: BoundedQueue;
  running: Set<Promise<unknown>>;
  retries: Set<NodeJS.Timeout>;
  abort: AbortController;
  refresher?: NodeJS.Timeout;
  stopped: boolean;
}

export function createSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const state: SchedulerState = {
    options,
    runtime: options.runtime,
    logger: options.runtime.logger.child({ component: 'sync-scheduler' }),
    tasks: new Map(),
    queue: createBoundedQueue(options.concurrency ?? defaultSyncConcurrency),
    running: new Set(),
    retries: new Set(),
    abort: new AbortController(),
    stopped: true,
  };
  return {
    async start() {
      if (!state.stopped) return;
      state.stopped = false;
      state.abort = new AbortController();
      await refresh(state);
      state.refresher = setInterval(() => {
        refresh(state).catch((error: unknown) =>
          state.logger.error({ err: error }, 'could not refresh the sync schedule'),
        );
      }, options.refreshEveryMs ?? 60_000);
      state.refresher.unref?.();
    },
    async stop() {
      await halt(state);
      await Promise.allSettled([...state.running]);
    },
    runTick: (tick, customerIds) => runTick(state, tick, customerIds),
    async crash() {
      await halt(state);
      state.abort.abort();
      await Promise.allSettled([...state.running]);
    },
  };
}

function track<T>(state: SchedulerState, work: Promise<T>): Promise<T> {
  state.running.add(work);
  void work.finally(() => state.running.delete(work)).catch(() => {});
  return work;
}

async function syncOne(state: SchedulerState, customer: Customer, tick: Date): Promise<TimedOutcome> {
  const { options } = state;
  const started = performance.now();
  if (state.abort.signal.aborted) {
    // Still queued when the replica died: another replica syncs it once this tick's leases are free.
    const skipped = { customerId: customer.id, customerName: customer.name, found: 0, autoApproved: 0, posted: 0 };
    return {
      outcome: { ...skipped, resolved: 0, usersRead: 0, outcome: 'skipped', error: 'This replica stopped.' },
      ms: 0,
    };
  }
  const outcome = await syncCustomer(state.runtime, customer, {
    owner: runOwner(options.owner),
    leaseMs: options.leaseMs ?? syncDefaults.leaseMs,
    fullPassEveryMs: options.fullPassEveryMs ?? syncDefaults.fullPassEveryMs,
    tick,
    signal: state.abort.signal,
  });
  if (outcome.outcome === 'failed') {
    state.logger.warn({ customerId: customer.id, error: outcome.error }, 'scheduled sync failed');
  }
  if (outcome.retryAt && !state.stopped) lookAgain(state, customer.id, tick, outcome.retryAt);
  return { outcome, ms: performance.now() - started };
}

/** Another replica held the tenant: once its lease would expire, check the tick's run happened. */
function lookAgain(state: SchedulerState, customerId: string, tick: Date, at: Date): void {
  const wait = Math.max(0, at.getTime() - state.runtime.clock.now().getTime());
  const delay = wait + 250 + Math.floor(Math.random() * 250);
  const timer = setTimeout(() => {
    state.retries.delete(timer);
    if (state.stopped) return;
    track(state, runTick(state, tick, [customerId])).catch((error: unknown) =>
      state.logger.error({ err: error, customerId }, 'could not look again at a tenant another replica held'),
    );
  }, delay);
  timer.unref?.();
  state.retries.add(timer);
}

interface TimedOutcome {
  outcome: CustomerSyncOutcome;
  /** From the start of the tenant's run (its place in the queue reached) to its end. */
  ms: number;
}

async function runTick(state: SchedulerState, tick: Date, customerIds?: string[]): Promise<CustomerSyncOutcome[]> {
  const customers = (await state.runtime.store.customers.list()).filter(
    (customer) => customer.tenantId && (!customerIds || customerIds.includes(customer.id)),
  );
  const started = performance.now();
  // Tenants are independent: one slow or failing tenant holds up only its own place in the queue.
  const timed = await track(
    state,
    Promise.all(customers.map((customer) => state.queue.run(customer.id, () => syncOne(state, customer, tick)))),
  );
  reportRound(state, timed, performance.now() - started);
  return timed.map((entry) => entry.outcome);
}

/** The round's time and its slowest tenant, in the log and the metrics: what says whether a tick fits its period. */
function reportRound(state: SchedulerState, timed: readonly TimedOutcome[], roundMs: number): void {
  if (timed.length === 0) return;
  const slowest = timed.reduce((a, b) => (b.ms > a.ms ? b : a));
  const failed = timed.filter((entry) => entry.outcome.outcome === 'failed').length;
  state.runtime.metrics?.syncRoundDuration.observe(roundMs / 1000);
  state.runtime.metrics?.syncSlowestTenant.set(slowest.ms / 1000);
  state.logger.info(
    {
      tenants: timed.length,
      failed,
      roundMs: Math.round(roundMs),
      slowest: { customerId: slowest.outcome.customerId, ms: Math.round(slowest.ms) },
    },
    'sync round finished',
  );
}

async function refresh(state: SchedulerState): Promise<void> {
  const { tasks, logger } = state;
  const customers = (await state.runtime.store.customers.list()).filter((customer) => customer.tenantId);
  const wanted = new Map<string, string[]>();
  for (const customer of customers) {
    const expression = customer.syncPolicy.schedule ?? state.options.defaultSchedule;
    wanted.set(expression, [...(wanted.get(expression) ?? []), customer.id]);
  }
  for (const [expression, entry] of tasks) {
    const ids = wanted.get(expression);
    if (ids) {
      entry.customerIds = ids;
      continue;
    }
    await entry.task.destroy();
    tasks.delete(expression);
  }
  for (const [expression, customerIds] of wanted) {
    if (tasks.has(expression)) continue;
    if (!cron.validate(expression)) {
      logger.error({ customerIds, schedule: expression }, 'the sync schedule is not a valid cron expression');
      continue;
    }
    const entry = { customerIds, task: undefined as unknown as ScheduledTask };
    entry.task = cron.createTask(
      expression,
      (context) => {
        track(state, runTick(state, context.date, entry.customerIds)).catch((error: unknown) =>
          logger.error({ err: error, schedule: expression }, 'scheduled sync could not run'),
        );
      },
      // Overlapping ticks are fine: a tenant still waiting is queued once, a running one is held by its lease.
      { name: `sync:${expression}` },
    );
    await entry.task.start();
    tasks.set(expression, entry);
  }
}

async function halt(state: SchedulerState): Promise<void> {
  state.stopped = true;
  if (state.refresher) clearInterval(state.refresher);
  for (const timer of state.retries) clearTimeout(timer);
  state.retries.clear();
  for (const { task } of state.tasks.values()) await task.destroy();
  state.tasks.clear();
}
