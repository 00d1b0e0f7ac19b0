/**
 * The durable job of a tracked operation (core/steps): while a step waits for the tenant (a mailbox that does not
 * exist yet), one job per operation runs its due waiting steps again, redrawing the operation's card each time,
 * until none waits; at its deadline the waiting steps fail with why, and the card says so.
 */
import type { Runtime } from '../core/runtime';
import {
  giveUpWaitingSteps,
  nextRetryAt,
  operationStepsJobType,
  operationStepsOf,
  runOperationSteps,
} from '../core/steps';
import type { Job } from '../store/types';
import type { JobHandler, JobOutcome } from './job-runner';

export { operationStepsJobType };

export function createOperationStepsJobHandler(runtime: Runtime): JobHandler {
  async function run(job: Job): Promise<JobOutcome> {
    const operationId = String(job.payload.operationId);
    const operation = await runtime.store.trackedOperations.get(operationId);
    if (!operation) return { outcome: 'give-up', error: `The operation ${operationId} is no longer recorded.` };
    const after = await runOperationSteps(runtime, operationStepsOf(operation.kind), operationId, ['waiting']);
    const next = nextRetryAt(after);
    if (!next) return { outcome: 'done' };
    const waiting = after.steps.find((step) => step.state === 'waiting');
    return { outcome: 'retry', error: waiting?.detail ?? 'A step is still waiting.', at: next };
  }

  async function onGiveUp(job: Job, error: string): Promise<void> {
    const hours = Math.round(runtime.settings.aliasRetryWindowMs / 3_600_000);
    await giveUpWaitingSteps(
      runtime,
      String(job.payload.operationId),
      `m365ops stopped waiting after ${hours} hours (${error.replace(/\.$/, '')}); do it in the admin center, or run the step again with Retry failed steps.`,
    );
  }

  return { run, onGiveUp };
}
