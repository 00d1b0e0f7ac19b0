/**
 * The durable jobs of time-boxed admin access: the warning before the end and the end itself (core/admin-warning.ts,
 * core/admin-expiry.ts). The end is retried with the runner's backoff for as long as it fails; after an hour it is
 * reported as overdue and still retried.
 */

import { endAdminGrant } from '../core/admin-expiry';
import { adminGrantJobs } from '../core/admin-grants';
import { warnAdminGrant } from '../core/admin-warning';
import type { Runtime } from '../core/runtime';
import type { Job } from '../store/types';
import type { JobHandler } from './job-runner';

export function createAdminGrantJobHandlers(runtime: Runtime, owner: string): Record<string, JobHandler> {
  return {
    [adminGrantJobs.warn]: {
      async run(job: Job) {
        await warnAdminGrant(runtime, String(job.payload.grantId), new Date(String(job.payload.endsAt)));
        return { outcome: 'done' };
      },
    },
    [adminGrantJobs.end]: {
      run: (job: Job) => endAdminGrant(runtime, String(job.payload.grantId), owner),
    },
  };
}
