import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '../../common/clock';
import { createLogger } from '../../common/logger';
import { backoffDelay, createJobRunner, type JobHandler, type JobOutcome } from '../../jobs/job-runner';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/ports';
import type { Job } from '../../store/types';

const logger = createLogger({ level: 'silent' });
const start = new Date('2026-03-01T09:00:00Z');
const minute = 60_000;

let dataDir: string;
let store: Store;
let now: Date;
const clock: Clock = { now: () => new Date(now) };

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'job-runner-'));
  store = await openStore({ dataDir, logger, clock });
  now = new Date(start);
});

afterEach(async () => {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

function handlerAnswering(outcomes: JobOutcome[], seen: Job[] = [], gaveUp: string[] = []): JobHandler {
  return {
    async run(job) {
      seen.push(job);
      return outcomes.shift() ?? { outcome: 'done' };
    },
    async onGiveUp(_job, error) {
      gaveUp.push(error);
    },
  };
}

function runnerWith(handlers: Record<string, JobHandler>, owner = 'runner-a') {
  return createJobRunner({
    store,
    logger,
    clock,
    owner,
    handlers,
    backoff: { baseMs: minute, maxMs: 60 * minute },
    random: () => 0.5,
  });
}

async function enqueue(extra: Partial<Parameters<Store['jobs']['enqueue']>[0]> = {}): Promise<Job> {
  const { job } = await store.jobs.enqueue({ type: 'test', payload: { n: 1 }, runAt: now, ...extra });
  return job;
}

describe('job runner', () => {
  it('runs a due job and marks it done', async () => {
    const seen: Job[] = [];
    const job = await enqueue();
    const ran = await runnerWith({ test: handlerAnswering([{ outcome: 'done' }], seen) }).runDue();
    expect(ran).toBe(1);
    expect(seen.map((j) => j.payload)).toEqual([{ n: 1 }]);
    expect((await store.jobs.get(job.id))?.status).toBe('done');
  });

  it('leaves a job that is not due yet', async () => {
    const seen: Job[] = [];
    const job = await enqueue({ runAt: new Date(start.getTime() + minute) });
    expect(await runnerWith({ test: handlerAnswering([], seen) }).runDue()).toBe(0);
    expect(seen).toHaveLength(0);
    expect((await store.jobs.get(job.id))?.status).toBe('pending');
  });

  it('reschedules a job that asks to retry, with exponential backoff', async () => {
    const job = await enqueue();
    const runner = runnerWith({
      test: handlerAnswering([
        { outcome: 'retry', error: 'not yet' },
        { outcome: 'retry', error: 'still not' },
      ]),
    });
    await runner.runDue();
    let stored = await store.jobs.get(job.id);
    expect(stored).toMatchObject({ status: 'pending', lastError: 'not yet', attempts: 1 });
    expect(stored?.runAt.getTime()).toBe(start.getTime() + backoffDelay(1, minute, 60 * minute, () => 0.5));
    now = new Date(stored?.runAt ?? now);
    await runner.runDue();
    stored = await store.jobs.get(job.id);
    expect(stored).toMatchObject({ status: 'pending', lastError: 'still not', attempts: 2 });
    expect(stored!.runAt.getTime() - now.getTime()).toBe(backoffDelay(2, minute, 60 * minute, () => 0.5));
    expect(backoffDelay(2, minute, 60 * minute, () => 0.5)).toBeGreaterThan(
      backoffDelay(1, minute, 60 * minute, () => 0.5),
    );
  });

  it('caps the backoff and keeps half of it random', () => {
    expect(backoffDelay(30, minute, 60 * minute, () => 0)).toBe(30 * minute);
    expect(backoffDelay(30, minute, 60 * minute, () => 0.999999)).toBeLessThanOrEqual(60 * minute);
    expect(backoffDelay(1, minute, 60 * minute, () => 0)).toBe(minute / 2);
  });

  it('gives up when the next try would pass the deadline, and reports it', async () => {
    const gaveUp: string[] = [];
    const job = await enqueue({ deadline: new Date(start.getTime() + 30 * minute) });
    const runner = runnerWith({
      test: handlerAnswering(Array(20).fill({ outcome: 'retry', error: 'mailbox missing' }), [], gaveUp),
    });
    for (let round = 0; round < 20; round++) {
      await runner.runDue();
      const stored = await store.jobs.get(job.id);
      if (stored?.status !== 'pending') break;
      now = new Date(stored.runAt);
    }
    const stored = await store.jobs.get(job.id);
    expect(stored?.status).toBe('failed');
    expect(stored?.lastError).toBe('mailbox missing');
    expect(gaveUp).toEqual(['mailbox missing']);
    expect(now.getTime()).toBeLessThanOrEqual(start.getTime() + 30 * minute);
  });

  it('gives up after the maximum number of attempts', async () => {
    const gaveUp: string[] = [];
    const job = await enqueue({ maxAttempts: 2 });
    const runner = runnerWith({
      test: handlerAnswering(
        [
          { outcome: 'retry', error: 'one' },
          { outcome: 'retry', error: 'two' },
        ],
        [],
        gaveUp,
      ),
    });
    await runner.runDue();
    now = new Date((await store.jobs.get(job.id))!.runAt);
    await runner.runDue();
    expect((await store.jobs.get(job.id))?.status).toBe('failed');
    expect(gaveUp).toEqual(['two']);
  });

  it('fails at once a job whose handler gives up', async () => {
    const gaveUp: string[] = [];
    const job = await enqueue();
    await runnerWith({ test: handlerAnswering([{ outcome: 'give-up', error: 'user gone' }], [], gaveUp) }).runDue();
    expect((await store.jobs.get(job.id))?.status).toBe('failed');
    expect(gaveUp).toEqual(['user gone']);
  });

  it('retries a job whose handler throws', async () => {
    const job = await enqueue();
    const throwing: JobHandler = {
      async run() {
        throw new Error('boom');
      },
    };
    await runnerWith({ test: throwing }).runDue();
    expect(await store.jobs.get(job.id)).toMatchObject({ status: 'pending', lastError: 'boom' });
  });

  it('fails a job of a type nobody handles', async () => {
    const job = await enqueue({ type: 'unknown-type' });
    await runnerWith({ test: handlerAnswering([]) }).runDue();
    expect(await store.jobs.get(job.id)).toMatchObject({
      status: 'failed',
      lastError: 'No handler for jobs of type unknown-type.',
    });
  });

  it('runs after a restart the jobs an earlier process queued', async () => {
    const job = await enqueue({ runAt: new Date(start.getTime() + 5 * minute) });
    await store.close();
    store = await openStore({ dataDir, logger, clock });
    now = new Date(start.getTime() + 6 * minute);
    const seen: Job[] = [];
    await runnerWith({ test: handlerAnswering([], seen) }).runDue();
    expect(seen.map((j) => j.id)).toEqual([job.id]);
    expect((await store.jobs.get(job.id))?.status).toBe('done');
  });

  it('takes over a job whose runner died while holding it', async () => {
    const job = await enqueue();
    const claimed = await store.jobs.claimDue('crashed-runner', now, 5 * minute);
    expect(claimed?.id).toBe(job.id);
    const seen: Job[] = [];
    const runner = createJobRunner({
      store,
      logger,
      clock,
      owner: 'runner-b',
      handlers: { test: handlerAnswering([], seen) },
      lockMs: 5 * minute,
    });
    expect(await runner.runDue()).toBe(0);
    now = new Date(start.getTime() + 6 * minute);
    expect(await runner.runDue()).toBe(1);
    expect((await store.jobs.get(job.id))?.status).toBe('done');
  });

  it('polls on its own once started, and stops cleanly', async () => {
    const job = await enqueue();
    const runner = createJobRunner({
      store,
      logger,
      clock,
      owner: 'poller',
      handlers: { test: handlerAnswering([]) },
      pollIntervalMs: 10,
    });
    runner.start();
    for (let i = 0; i < 100 && (await store.jobs.get(job.id))?.status !== 'done'; i++)
      await new Promise((r) => setTimeout(r, 10));
    await runner.stop();
    expect((await store.jobs.get(job.id))?.status).toBe('done');
  });
});
