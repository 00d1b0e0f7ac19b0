/**
 * The durable job of a tracked operation (core/steps): while a step waits for the tenant (a mailbox that does not
 * exist yet), one job per operation runs its due waiting steps again, redrawing the operation's card each time,
 * until none waits; at its deadline the waiting steps fail with why, and the card says so.
 */
import type { Runtime } from '../core/runtime';
import { giveUpWaitingSteps, nextRetryAt, operationStepsJobType, operationStepsOf, runStepsAgain } from '../core/steps';
import type { TrackedOperation } from '../store/tracked-operation';
import type { Job } from '../store/types';
import type { JobHandler, JobOutcome } from './job-runner';

export { operationStepsJobType };

export function createOperationStepsJobHandler(runtime: Runtime): JobHandler {
  async function run(job: Job): Promise<JobOutcome> {
    const operationId = String(job.payload.operationId);
    const operation = await runtime.store.trackedOperations.get(operationId);
    if (!operation) return { outcome: 'give-up', error: `The operation ${operationId} is no longer recorded.` };
    const after = await runStepsAgain(runtime, operationStepsOf(operation.kind), operation, ['waiting']);
    await auditSettled(runtime, operation, after);
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

/** Steps that waited and finished now change the tenant: audited on behalf of who asked for the operation. */
async function auditSettled(runtime: Runtime, before: TrackedOperation, after: TrackedOperation): Promise<void> {
  const settled = after.steps.filter(
    (step) => step.state !== 'waiting' && before.steps.find((earlier) => earlier.key === step.key)?.state === 'waiting',
  );
  if (settled.length === 0) return;
  const failed = settled.filter((step) => step.state === 'failed');
  await runtime.store.audit.append({
    actor: after.requestedBy,
    where: 'm365ops (steps that waited for the tenant)',
    customerId: after.customerId,
    action: `${after.kind}-steps`,
    target: after.upn,
    result: failed.length > 0 ? 'failed' : 'ok',
    ...(failed.length > 0 ? { error: failed.map((step) => `${step.label}: ${step.detail}`).join(' ') } : {}),
    details: {
      operationId: after.id,
      steps: settled.map((step) => ({ key: step.key, state: step.state, detail: step.detail })),
    },
  });
}
