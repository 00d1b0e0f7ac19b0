/**
 * Durable jobs: work that must happen later and survive restarts (aliases waiting for a mailbox). All state is
 * in the store: a runner claims a due job under a lock, runs its handler, then completes it, reschedules it with
 * exponential backoff (with jitter, capped) or gives up once its deadline or attempt limit is reached.
 */
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Store } from '../store/ports';
import type { Job } from '../store/types';

export type JobOutcome =
  | { outcome: 'done' }
  /** `at`: when to run again (a step's own retry time); otherwise exponential backoff. */
  | { outcome: 'retry'; error: string; at?: Date }
  | { outcome: 'give-up'; error: string };

export interface JobHandler {
  run(job: Job): Promise<JobOutcome>;
  /** Told once when the job fails for good (deadline, attempts, give-up), to report it. */
  onGiveUp?(job: Job, error: string): Promise<void>;
}

export interface JobRunnerOptions {
  store: Store;
  logger: Logger;
  clock: Clock;
  /** Who holds the lock of a running job (process id, host). */
  owner: string;
  handlers: Record<string, JobHandler>;
  pollIntervalMs?: number;
  /** How long a claimed job stays locked to us; a crashed runner's jobs are taken over after it. */
  lockMs?: number;
  backoff?: { baseMs?: number; maxMs?: number };
  /** For tests: a number in [0, 1). */
  random?: () => number;
}

export interface JobRunner {
  start(): void;
  stop(): Promise<void>;
  /** Runs every job due now; returns how many ran. */
  runDue(): Promise<number>;
}

const maxJobsPerRound = 500;
const defaults = { pollIntervalMs: 30_000, lockMs: 5 * 60_000, baseMs: 60_000, maxMs: 60 * 60_000 };

/** Exponential backoff with "equal jitter": half the delay fixed, half random, capped at maxMs. */
export function backoffDelay(attempts: number, baseMs: number, maxMs: number, random: () => number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { store, logger, clock, owner } = options;
  const pollIntervalMs = options.pollIntervalMs ?? defaults.pollIntervalMs;
  const lockMs = options.lockMs ?? defaults.lockMs;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function runDue(): Promise<number> {
    let count = 0;
    // Bounded, so a job rescheduled into the past (a zero backoff) cannot spin this loop.
    while (count < maxJobsPerRound) {
      const job = await store.jobs.claimDue(owner, clock.now(), lockMs);
      if (!job) break;
      count++;
      await runOne(options, job);
    }
    return count;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runDue()
        .catch((error: unknown) => {
          logger.error({ err: error }, 'the job runner could not run due jobs; it will try again');
          return 0;
        })
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, pollIntervalMs);
    timer.unref?.();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (running) await running;
    },
    runDue: () => runDue(),
  };
}

async function giveUp(
  options: JobRunnerOptions,
  job: Job,
  handler: JobHandler | undefined,
  error: string,
): Promise<void> {
  const { store, logger, owner } = options;
  await store.jobs.fail(job.id, owner, error);
  logger.warn({ jobId: job.id, type: job.type, attempts: job.attempts, error }, 'job gave up');
  if (!handler?.onGiveUp) return;
  try {
    await handler.onGiveUp(job, error);
  } catch (reportError) {
    logger.error({ err: reportError, jobId: job.id }, 'could not report a job that gave up');
  }
}

async function runOne(options: JobRunnerOptions, job: Job): Promise<void> {
  const { store, logger, owner } = options;
  const handler = options.handlers[job.type];
  if (!handler) {
    await giveUp(options, job, undefined, `No handler for jobs of type ${job.type}.`);
    return;
  }
  let outcome: JobOutcome;
  try {
    outcome = await handler.run(job);
  } catch (error) {
    logger.error({ err: error, jobId: job.id, type: job.type }, 'job failed unexpectedly; it will be retried');
    outcome = { outcome: 'retry', error: error instanceof Error ? error.message : String(error) };
  }
  if (outcome.outcome === 'done') {
    await store.jobs.complete(job.id, owner);
    return;
  }
  if (outcome.outcome === 'give-up') {
    await giveUp(options, job, handler, outcome.error);
    return;
  }
  const next = outcome.at ?? nextAttempt(options, job);
  const outOfAttempts = job.maxAttempts !== undefined && job.attempts >= job.maxAttempts;
  const pastDeadline = job.deadline !== undefined && next.getTime() > job.deadline.getTime();
  if (outOfAttempts || pastDeadline) {
    await giveUp(options, job, handler, outcome.error);
    return;
  }
  await store.jobs.reschedule(job.id, owner, next, outcome.error);
}

function nextAttempt(options: JobRunnerOptions, job: Job): Date {
  const baseMs = options.backoff?.baseMs ?? defaults.baseMs;
  const maxMs = options.backoff?.maxMs ?? defaults.maxMs;
  const delay = backoffDelay(job.attempts, baseMs, maxMs, options.random ?? Math.random);
  return new Date(options.clock.now().getTime() + delay);
}
