/**
 * MongoDB durable jobs. activeKey is the uniqueKey while a job is pending or running and "id:<id>" otherwise, so
 * the unique index on it allows one active job per uniqueKey without a partial index.
 */
import { randomUUID } from 'node:crypto';
import type { Document } from 'mongodb';
import type { JobRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import { jobLockConflict, notFoundError } from '../store-messages';
import type { Job } from '../types';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull, toRecords } from './documents';
import { isDuplicateKey } from './mongo-errors';

export function createJobRepo({ db, clock, updater }: MongoContext): JobRepo {
  const jobs = db.collection('jobs');

  /** Ends the lock of `owner` on a running job with `changes`; conflict when someone else holds it. */
  async function finishLocked(id: string, owner: string, changes: Document, active: boolean): Promise<Job> {
    const updated = await updater.update(jobs, { id }, (current) => {
      if (current.status !== 'running' || current.lockedBy !== owner) return null;
      const { lockedBy: _owner, lockedUntil: _until, ...rest } = current;
      return { ...rest, ...changes, updatedAt: clock.now(), activeKey: active ? current.activeKey : `id:${id}` };
    });
    if (!updated) throw notFoundError('jobs', id);
    if (!updated.after) throw jobLockConflict(id, owner);
    return toRecord<Job>(updated.after);
  }

  return {
    async enqueue(job) {
      for (let attempt = 0; ; attempt++) {
        const now = clock.now();
        const id = randomUUID();
        const record = withoutUndefined({ ...job, id, status: 'pending', attempts: 0, createdAt: now, updatedAt: now });
        try {
          await jobs.insertOne({ ...record, activeKey: job.uniqueKey ?? `id:${id}` });
          return { job: record as Job, created: true };
        } catch (error) {
          if (!isDuplicateKey(error) || job.uniqueKey === undefined) throw error;
          const active = await jobs.findOne({ activeKey: job.uniqueKey });
          // It may have finished between our insert and this read; then try again.
          if (active) return { job: toRecord<Job>(active), created: false };
          if (attempt >= 3) throw error;
        }
      }
    },
    async get(id) {
      return toRecordOrNull<Job>(await jobs.findOne({ id }));
    },
    async claimDue(owner, now, lockMs) {
      const claimed = await updater.update(
        jobs,
        {
          $or: [
            { status: 'pending', runAt: { $lte: now } },
            { status: 'running', lockedUntil: { $lte: now } },
          ],
        },
        (current) => ({
          ...current,
          status: 'running',
          lockedBy: owner,
          lockedUntil: new Date(now.getTime() + lockMs),
          attempts: (current.attempts as number) + 1,
          updatedAt: clock.now(),
        }),
        { sort: { runAt: 1, createdAt: 1, _id: 1 } },
      );
      return claimed?.after ? toRecord<Job>(claimed.after) : null;
    },
    async complete(id, owner) {
      return finishLocked(id, owner, { status: 'done', finishedAt: clock.now() }, false);
    },
    async reschedule(id, owner, runAt, error) {
      return finishLocked(id, owner, { status: 'pending', runAt, lastError: error }, true);
    },
    async fail(id, owner, error) {
      return finishLocked(id, owner, { status: 'failed', lastError: error, finishedAt: clock.now() }, false);
    },
    async cancel(id, reason) {
      const updated = await updater.update(jobs, { id }, (current) => {
        if (current.status !== 'pending') return null;
        const now = clock.now();
        return {
          ...current,
          status: 'cancelled',
          lastError: reason,
          finishedAt: now,
          updatedAt: now,
          activeKey: `id:${id}`,
        };
      });
      return updated?.after ? toRecord<Job>(updated.after) : null;
    },
    async list(filter = {}) {
      return toRecords<Job>(
        await jobs.find(withoutUndefined(filter)).sort({ runAt: 1, createdAt: 1, _id: 1 }).toArray(),
      );
    },
  };
}
