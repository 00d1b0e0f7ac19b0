/** Embedded durable jobs: at most one pending or running job per uniqueKey; claims are check-and-set. */
import { randomUUID } from 'node:crypto';
import type { JobRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import { jobLockConflict, notFoundError } from '../store-messages';
import type { Job } from '../types';
import { byTime, copyOf } from './copy';
import { activeJobValue, type EmbeddedContext, jobIndexes } from './definitions';

export function createJobRepo({ collections, clock }: EmbeddedContext): JobRepo {
  const jobs = collections.jobs;

  async function save(record: Job): Promise<Job> {
    const written = jobs.put(record);
    const result = copyOf(record);
    await written;
    return result;
  }

  /** The running job locked by `owner`, with its lock fields removed, ready to be finished. */
  function lockedBy(id: string, owner: string): Omit<Job, 'lockedBy' | 'lockedUntil'> {
    const current = jobs.get(id);
    if (!current) throw notFoundError('jobs', id);
    if (current.status !== 'running' || current.lockedBy !== owner) throw jobLockConflict(id, owner);
    const { lockedBy: _owner, lockedUntil: _until, ...rest } = current;
    return rest;
  }

  return {
    async enqueue(job) {
      if (job.uniqueKey !== undefined) {
        const active = jobs.findUnique(jobIndexes.active, activeJobValue(job.uniqueKey));
        if (active) return { job: copyOf(active), created: false };
      }
      const now = clock.now();
      const record: Job = withoutUndefined({
        ...copyOf(job),
        id: randomUUID(),
        status: 'pending',
        attempts: 0,
        createdAt: now,
        updatedAt: now,
      });
      const written = jobs.insert(record);
      const result = copyOf(record);
      await written;
      return { job: result, created: true };
    },
    async get(id) {
      return copyOf(jobs.get(id) ?? null);
    },
    async claimDue(owner, now, lockMs) {
      // One pass over pending and running jobs only, keeping the first of equals (what a stable sort puts first).
      let next: Job | undefined;
      for (const job of jobs.inGroup(jobIndexes.claimable, 'active')) {
        const due =
          (job.status === 'pending' && job.runAt <= now) ||
          (job.status === 'running' && job.lockedUntil !== undefined && job.lockedUntil <= now);
        if (due && (!next || (byTime(job.runAt, next.runAt) || byTime(job.createdAt, next.createdAt)) < 0)) next = job;
      }
      if (!next) return null;
      return save({
        ...next,
        status: 'running',
        lockedBy: owner,
        lockedUntil: new Date(now.getTime() + lockMs),
        attempts: next.attempts + 1,
        updatedAt: clock.now(),
      });
    },
    async complete(id, owner) {
      const now = clock.now();
      return save({ ...lockedBy(id, owner), status: 'done', finishedAt: now, updatedAt: now });
    },
    async reschedule(id, owner, runAt, error) {
      return save({ ...lockedBy(id, owner), status: 'pending', runAt, lastError: error, updatedAt: clock.now() });
    },
    async fail(id, owner, error) {
      const now = clock.now();
      return save({ ...lockedBy(id, owner), status: 'failed', lastError: error, finishedAt: now, updatedAt: now });
    },
    async cancel(id, reason) {
      const current = jobs.get(id);
      if (current?.status !== 'pending') return null;
      const now = clock.now();
      return save({ ...current, status: 'cancelled', lastError: reason, finishedAt: now, updatedAt: now });
    },
    async list(filter = {}) {
      const matches = jobs.filter(
        (job) =>
          (filter.type === undefined || job.type === filter.type) &&
          (filter.status === undefined || job.status === filter.status),
      );
      return copyOf(matches.sort((a, b) => byTime(a.runAt, b.runAt) || byTime(a.createdAt, b.createdAt)));
    },
  };
}
