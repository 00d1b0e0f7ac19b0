/**
 * The weekly licence digest's job (core/licence-digest.ts): schedules next Monday's first, so one failed post never
 * ends the digest, then posts this week's to the customer's bound channel. A customer whose policy was turned off
 * (or who is gone) gets nothing more.
 */
import { buildLicenceDigest, scheduleLicenceDigest } from '../core/licence-digest';
import type { Runtime } from '../core/runtime';
import type { Job } from '../store/types';
import type { JobHandler, JobOutcome } from './job-runner';

export function createLicenceDigestJobHandler(runtime: Runtime): JobHandler {
  return {
    async run(job: Job): Promise<JobOutcome> {
      const customerId = String(job.payload.customerId);
      const customer = await runtime.store.customers.get(customerId);
      if (customer?.licenceDigest !== 'weekly') return { outcome: 'done' };
      const now = runtime.clock.now();
      await scheduleLicenceDigest(runtime, customerId, now);
      if (!(await runtime.notifier?.canPost(customerId))) {
        runtime.logger.warn({ customerId }, 'no channel receives the weekly licence digest');
        return { outcome: 'done' };
      }
      await runtime.notifier?.post(customerId, await buildLicenceDigest(runtime, customer, now));
      return { outcome: 'done' };
    },
  };
}
