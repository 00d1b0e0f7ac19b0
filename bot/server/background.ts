/**
 * Work that runs without a request: durable jobs (alias retries, deferred work) and, from the sync module, the
 * schedule. Every replica runs it; the store's locks and leases make each piece of work run once.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createJobHandlers } from '../../handlers';
import { createJobRunner } from '../../jobs/job-runner';
import { createSyncScheduler } from '../../sync/sync-scheduler';
import type { App } from './app';

export interface BackgroundWork {
  /** Identifies this process as the owner of job locks and sync leases. */
  owner: string;
  stop(): Promise<void>;
}

export function startBackgroundWork(app: App): BackgroundWork {
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const jobs = createJobRunner({
    store: app.store,
    logger: app.logger.child({ component: 'jobs' }),
    clock: app.runtime.clock,
    owner,
    handlers: createJobHandlers(app.runtime, owner),
    // Time-boxed admin ends within 30 s of its end time (design §9).
    pollIntervalMs: 10_000,
  });
  jobs.start();
  const sync = createSyncScheduler({
    runtime: app.runtime,
    owner,
    defaultSchedule: app.env.syncCron,
    concurrency: app.env.syncConcurrency,
  });
  sync.start().then(
    () => app.readiness.markSchedulesLoaded(),
    (error: unknown) => app.logger.error({ err: error }, 'could not start the sync schedule'),
  );
  return {
    owner,
    async stop() {
      await sync.stop();
      await jobs.stop();
    },
  };
}
