/**
 * The schedule: node-cron runs each customer's `syncPolicy.schedule` (default SYNC_CRON) on every replica. Each
 * tick tries every due tenant; the tenant's lease lets exactly one replica sync it and the recorded start of the
 * last run makes it once per tick. When another replica holds a tenant, this one looks again once that lease
 * would expire, so a replica that died mid-sync is taken over without waiting for the next tick.
 */
import cron, { type ScheduledTask } from 'node-cron';
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

/** What the scheduler's steps share. */
interface SchedulerState {
  options: SyncSchedulerOptions;
  runtime: Runtime;
  logger: Logger;
  tasks: Map<string, { expression: string; task: ScheduledTask }>;
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

async function syncOne(state: SchedulerState, customer: Customer, tick: Date): Promise<CustomerSyncOutcome> {
  const { options } = state;
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
  return outcome;
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

async function runTick(state: SchedulerState, tick: Date, customerIds?: string[]): Promise<CustomerSyncOutcome[]> {
  const customers = (await state.runtime.store.customers.list()).filter(
    (customer) => customer.tenantId && (!customerIds || customerIds.includes(customer.id)),
  );
  // Tenants are independent: one slow or failing tenant must not hold up the others.
  return track(state, Promise.all(customers.map((customer) => syncOne(state, customer, tick))));
}

async function refresh(state: SchedulerState): Promise<void> {
  const { tasks, logger } = state;
  const customers = (await state.runtime.store.customers.list()).filter((customer) => customer.tenantId);
  const wanted = new Map(customers.map((c) => [c.id, c.syncPolicy.schedule ?? state.options.defaultSchedule]));
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
        track(state, runTick(state, context.date, [id])).catch((error: unknown) =>
          logger.error({ err: error, customerId: id }, 'scheduled sync could not run'),
        );
      },
      { name: `sync:${id}`, noOverlap: true },
    );
    await task.start();
    tasks.set(id, { expression, task });
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
