/** The durable end of an approval request: at REQUEST_TTL an open request expires (core/approvals/expire-request.ts). */
import { expireRequest } from '../core/approvals/expire-request';
import type { Runtime } from '../core/runtime';
import type { JobHandler } from './job-runner';

export { requestExpiryJobType } from '../core/approvals/expire-request';

export function createRequestExpiryJobHandler(runtime: Runtime): JobHandler {
  return {
    async run(job) {
      await expireRequest(runtime, String(job.payload.requestId));
      return { outcome: 'done' };
    },
  };
}
