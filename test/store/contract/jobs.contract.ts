/** Contract: durable jobs — scheduling order, uniqueKey dedupe, one claim at a time, lock expiry and endings. */
import type { NewJob } from '../../../store/types';
import { type ContractContext, codeOf, inParallel } from './harness';

export function describeJobsContract(context: ContractContext): void {
  const minute = 60_000;
  const job = (changes: Partial<NewJob> = {}): NewJob => ({
    type: 'aliases',
    payload: { customerId: 'contoso', objectId: 'oid-1', aliases: ['a@contoso.com'] },
    runAt: context.clock.now(),
    ...changes,
  });

  describe('jobs', () => {
    it('enqueues a pending job with no attempts', async () => {
      const { job: queued, created } = await context.store.jobs.enqueue(job({ maxAttempts: 5 }));
      expect(created).toBe(true);
      expect(queued).toMatchObject({ status: 'pending', attempts: 0, maxAttempts: 5, type: 'aliases' });
      expect(await context.store.jobs.get(queued.id)).toEqual(queued);
    });

    it('returns the pending job with the same uniqueKey instead of a second one', async () => {
      const first = await context.store.jobs.enqueue(job({ uniqueKey: 'aliases:contoso:oid-1' }));
      const second = await context.store.jobs.enqueue(job({ uniqueKey: 'aliases:contoso:oid-1', payload: { x: 1 } }));
      expect(second).toEqual({ job: first.job, created: false });
      expect(await context.store.jobs.list()).toHaveLength(1);
    });

    it('creates one job from 100 concurrent enqueues with one uniqueKey', async () => {
      const results = await inParallel(100, () => context.store.jobs.enqueue(job({ uniqueKey: 'sync:contoso' })));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await context.store.jobs.list()).toHaveLength(1);
    });

    it('cancels a pending job once, frees its uniqueKey, and never lets it be claimed', async () => {
      const first = await context.store.jobs.enqueue(job({ uniqueKey: 'offboard:contoso:oid-1' }));
      const cancelled = await context.store.jobs.cancel(first.job.id, 'cancelled by cli:hana');
      expect(cancelled).toMatchObject({ status: 'cancelled', lastError: 'cancelled by cli:hana' });
      expect(await context.store.jobs.cancel(first.job.id, 'again')).toBeNull();
      expect(await context.store.jobs.claimDue('w1', context.clock.now(), minute)).toBeNull();
      expect((await context.store.jobs.enqueue(job({ uniqueKey: 'offboard:contoso:oid-1' }))).created).toBe(true);
    });

    it('does not cancel a running job', async () => {
      const first = await context.store.jobs.enqueue(job());
      await context.store.jobs.claimDue('w1', context.clock.now(), minute);
      expect(await context.store.jobs.cancel(first.job.id, 'too late')).toBeNull();
    });

    it('accepts a new job with a uniqueKey once the previous one is done', async () => {
      const first = await context.store.jobs.enqueue(job({ uniqueKey: 'k' }));
      await context.store.jobs.claimDue('w1', context.clock.now(), minute);
      await context.store.jobs.complete(first.job.id, 'w1');
      expect((await context.store.jobs.enqueue(job({ uniqueKey: 'k' }))).created).toBe(true);
    });

    it('claims the due job with the earliest runAt first, ties by creation', async () => {
      const now = context.clock.now();
      const late = await context.store.jobs.enqueue(job({ runAt: new Date(now.getTime() - 1000) }));
      const early = await context.store.jobs.enqueue(job({ runAt: new Date(now.getTime() - 5000) }));
      context.clock.advance(1);
      const tie = await context.store.jobs.enqueue(job({ runAt: new Date(now.getTime() - 1000) }));
      await context.store.jobs.enqueue(job({ runAt: new Date(now.getTime() + minute) }));
      const order = [];
      for (let i = 0; i < 4; i++) order.push((await context.store.jobs.claimDue('w1', now, minute))?.id ?? null);
      expect(order).toEqual([early.job.id, late.job.id, tie.job.id, null]);
    });

    it('marks a claimed job running, locked by its owner, with one more attempt', async () => {
      await context.store.jobs.enqueue(job());
      const now = context.clock.now();
      const claimed = await context.store.jobs.claimDue('worker-a', now, minute);
      expect(claimed).toMatchObject({ status: 'running', lockedBy: 'worker-a', attempts: 1 });
      expect(claimed?.lockedUntil).toEqual(new Date(now.getTime() + minute));
    });

    it('lets exactly one of 100 concurrent claims take a job', async () => {
      await context.store.jobs.enqueue(job());
      const claims = await inParallel(100, (i) => context.store.jobs.claimDue(`w${i}`, context.clock.now(), minute));
      expect(claims.filter((claim) => claim !== null)).toHaveLength(1);
    });

    it('reclaims a running job whose lock expired', async () => {
      const { job: queued } = await context.store.jobs.enqueue(job());
      const start = context.clock.now();
      await context.store.jobs.claimDue('crashed', start, minute);
      expect(await context.store.jobs.claimDue('w2', new Date(start.getTime() + minute - 1), minute)).toBeNull();
      const reclaimed = await context.store.jobs.claimDue('w2', new Date(start.getTime() + minute), minute);
      expect(reclaimed).toMatchObject({ id: queued.id, lockedBy: 'w2', attempts: 2 });
      expect(await codeOf(context.store.jobs.complete(queued.id, 'crashed'))).toBe('conflict');
    });

    it('reschedules with backoff: pending again at the new runAt with the error kept', async () => {
      const { job: queued } = await context.store.jobs.enqueue(job());
      const now = context.clock.now();
      await context.store.jobs.claimDue('w1', now, minute);
      const later = new Date(now.getTime() + 5 * minute);
      const rescheduled = await context.store.jobs.reschedule(queued.id, 'w1', later, 'mailbox not ready');
      expect(rescheduled).toMatchObject({
        status: 'pending',
        runAt: later,
        lastError: 'mailbox not ready',
        attempts: 1,
      });
      expect('lockedBy' in rescheduled).toBe(false);
      expect(await context.store.jobs.claimDue('w1', now, minute)).toBeNull();
      expect((await context.store.jobs.claimDue('w1', later, minute))?.attempts).toBe(2);
    });

    it('keeps the uniqueKey taken while a rescheduled job waits', async () => {
      const { job: queued } = await context.store.jobs.enqueue(job({ uniqueKey: 'k' }));
      await context.store.jobs.claimDue('w1', context.clock.now(), minute);
      await context.store.jobs.reschedule(queued.id, 'w1', new Date(context.clock.now().getTime() + minute), 'later');
      expect((await context.store.jobs.enqueue(job({ uniqueKey: 'k' }))).created).toBe(false);
    });

    it('completes and fails jobs, which are then never claimed again', async () => {
      const a = await context.store.jobs.enqueue(job());
      const b = await context.store.jobs.enqueue(job());
      const now = context.clock.now();
      await context.store.jobs.claimDue('w1', now, minute);
      await context.store.jobs.claimDue('w1', now, minute);
      const done = await context.store.jobs.complete(a.job.id, 'w1');
      const failed = await context.store.jobs.fail(b.job.id, 'w1', 'gave up after 5 attempts');
      expect(done).toMatchObject({ status: 'done' });
      expect(done.finishedAt).toBeInstanceOf(Date);
      expect(failed).toMatchObject({ status: 'failed', lastError: 'gave up after 5 attempts' });
      expect(await context.store.jobs.claimDue('w1', new Date(now.getTime() + 10 * minute), minute)).toBeNull();
    });

    it('refuses to finish a job locked by someone else, or not running', async () => {
      const { job: queued } = await context.store.jobs.enqueue(job());
      expect(await codeOf(context.store.jobs.complete(queued.id, 'w1'))).toBe('conflict');
      await context.store.jobs.claimDue('w1', context.clock.now(), minute);
      expect(await codeOf(context.store.jobs.fail(queued.id, 'w2', 'x'))).toBe('conflict');
      expect(await codeOf(context.store.jobs.complete('no-such-job', 'w1'))).toBe('not-found');
    });

    it('lists jobs filtered by type and status', async () => {
      await context.store.jobs.enqueue(job());
      await context.store.jobs.enqueue(job({ type: 'sync' }));
      await context.store.jobs.claimDue('w1', context.clock.now(), minute);
      expect(await context.store.jobs.list({ type: 'sync' })).toHaveLength(1);
      expect(await context.store.jobs.list({ status: 'running' })).toHaveLength(1);
      expect(await context.store.jobs.list({ status: 'pending' })).toHaveLength(1);
    });
  });
}
