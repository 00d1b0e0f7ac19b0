/**
 * The durable job of a bulk batch: its Confirm leaves one, due a while later, so a batch whose process died (a
 * restart, a crash) finishes without anyone clicking again. The job runs the batch as its requester would (`bulk
 * run`, through the handlers' entry, so every row is authorised as theirs) after marking failed the rows the dead
 * process left running: whether they changed the tenant is unknown, so they are never run blind a second time.
 */
import type { Reply } from '../core/reply';
import type { Request } from '../core/request';
import type { Runtime } from '../core/runtime';
import type { JobHandler, JobOutcome } from '../jobs/job-runner';
import type { Job } from '../store/types';
import { readBatch, setRowStep } from './bulk-batch';

export const bulkJobType = 'bulk-batch';

/** How long after a Confirm its job looks for rows left behind, and after when a running row counts as abandoned. */
export const bulkResumeAfterMs = 15 * 60_000;

/** Leaves the batch's job (one per batch): what finishes it if this process does not. */
export async function scheduleBatchResume(runtime: Runtime, batchId: string): Promise<void> {
  await runtime.store.jobs.enqueue({
    type: bulkJobType,
    payload: { batchId },
    runAt: new Date(runtime.clock.now().getTime() + bulkResumeAfterMs),
    uniqueKey: `${bulkJobType}:${batchId}`,
  });
}

export function createBulkJobHandler(runtime: Runtime, handle: (request: Request) => Promise<Reply>): JobHandler {
  async function run(job: Job): Promise<JobOutcome> {
    const batchId = String(job.payload.batchId);
    const batch = await readBatch(runtime, batchId);
    const requester = batch?.requester;
    if (!batch || !requester) return { outcome: 'give-up', error: `No bulk batch ${batchId}.` };
    const now = runtime.clock.now();
    for (const step of batch.steps) {
      if (step.state !== 'running' || now.getTime() - (step.at?.getTime() ?? 0) < bulkResumeAfterMs) continue;
      const detail =
        'Interrupted: m365ops stopped while this row ran, so it may be half done; check the user and run it on its own.';
      await setRowStep(runtime, batch, step.key, { state: 'failed', detail, at: now }, ['running']);
    }
    const reply = await handle({
      context: requester,
      command: { name: 'bulk-run', batchId, confirmed: true, resumed: true },
    });
    if (reply.kind === 'error') return { outcome: 'give-up', error: reply.message };
    const after = await readBatch(runtime, batchId);
    const left = after?.steps.some((step) => step.state === 'pending' || step.state === 'running');
    if (!left) return { outcome: 'done' };
    return {
      outcome: 'retry',
      error: 'Rows of the batch are still running.',
      at: new Date(now.getTime() + bulkResumeAfterMs),
    };
  }
  return { run };
}
