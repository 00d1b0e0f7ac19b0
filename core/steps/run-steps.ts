/**
 * The step runner: runs an operation's steps in order, records each outcome on the operation (one atomic update per
 * step), keeps a durable job for the steps that wait, and redraws the operation's cards in place.
 */

import { M365Error } from '../../m365/errors';
import type { StepChange, StepState, TrackedOperation, TrackedStep } from '../../store/tracked-operation';
import { HandlerError } from '../handler-error';
import type { Secret } from '../reply';
import { requireTenant } from '../resolve-customer';
import type { Runtime } from '../runtime';
import { lockServiceUser } from '../service-users';
import { redrawOperationCards } from './operation-card';
import { type OperationSteps, type StepOutcome, type StepRun, stepDefinitionOf } from './step-types';

/** The durable job that runs an operation's waiting steps again (jobs/operation-steps-job.ts). */
export const operationStepsJobType = 'operation-steps';

export function operationJobKey(operationId: string): string {
  return `operation-steps:${operationId}`;
}

/**
 * Who sees a step's secret (a temporary password): `onSecret` shows it privately to the person who ran the steps;
 * without it (a job, where nobody asked) it is shown to nobody, and the step says so.
 */
export interface SecretSink {
  onSecret?(secret: Secret): void;
}

/**
 * Runs the operation's steps whose state is one of `states` (pending ones when it starts, failed ones on Retry,
 * waiting ones that are due from the job), in order. Each step is claimed first (running, from the state it was
 * seen in), so two runners never run one step twice. Returns the operation as the steps left it.
 */
export async function runOperationSteps(
  runtime: Runtime,
  definition: OperationSteps,
  operationId: string,
  states: readonly StepState[] = ['pending'],
  secrets: SecretSink = {},
): Promise<TrackedOperation> {
  let operation = await existing(runtime, operationId);
  const customer = await runtime.store.customers.get(operation.customerId);
  if (!customer) throw new Error(`The customer ${operation.customerId} of operation ${operationId} is gone.`);
  const tenantId = requireTenant(customer);
  for (const step of operation.steps) {
    if (!states.includes(step.state) || !isDue(runtime, step)) continue;
    const claimed = await runtime.store.trackedOperations.setStep(
      operation.id,
      step.key,
      { state: 'running', at: runtime.clock.now() },
      [step.state],
    );
    if (!claimed?.won) continue;
    operation = claimed.operation;
    const outcome = withoutSecret(
      await runOne(runtime, definition, { runtime, key: step.key, operation, customer, tenantId }),
      operation.upn,
      secrets,
    );
    if (outcome.state === 'done' && outcome.learned) {
      operation = await runtime.store.trackedOperations.mergeInput(operation.id, outcome.learned);
    }
    const recorded = await runtime.store.trackedOperations.setStep(operation.id, step.key, changeOf(runtime, outcome));
    operation = recorded?.operation ?? operation;
  }
  await keepWaiting(runtime, operation);
  await redrawOperationCards(runtime, operation);
  return operation;
}

/**
 * runOperationSteps for a retry or the job, outside the use case that started the operation: under the lock of the
 * user the steps change, when the kind names one (the lock is not re-entrant, so the start never comes here).
 */
export async function runStepsAgain(
  runtime: Runtime,
  definition: OperationSteps,
  operation: TrackedOperation,
  states: readonly StepState[],
  secrets: SecretSink = {},
): Promise<TrackedOperation> {
  const run = () => runOperationSteps(runtime, definition, operation.id, states, secrets);
  const objectId = definition.userOf?.(operation);
  return objectId ? lockServiceUser(runtime, operation.customerId, objectId, run) : run();
}

/** Marks every waiting step failed (the job gave up): `reason` says why, after what the step last said. */
export async function giveUpWaitingSteps(runtime: Runtime, operationId: string, reason: string): Promise<void> {
  let operation = await existing(runtime, operationId);
  for (const step of operation.steps.filter((candidate) => candidate.state === 'waiting')) {
    const detail = [step.detail, reason].filter(Boolean).join(' ');
    const change: StepChange = { state: 'failed', detail, at: runtime.clock.now() };
    const changed = await runtime.store.trackedOperations.setStep(operation.id, step.key, change, ['waiting']);
    operation = changed?.operation ?? operation;
  }
  await redrawOperationCards(runtime, operation);
}

/** The earliest time a waiting step is tried again, or undefined when none waits. */
export function nextRetryAt(operation: TrackedOperation): Date | undefined {
  const times = operation.steps
    .filter((step) => step.state === 'waiting' && step.retryAt)
    .map((step) => (step.retryAt as Date).getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}

async function existing(runtime: Runtime, operationId: string): Promise<TrackedOperation> {
  const operation = await runtime.store.trackedOperations.get(operationId);
  if (!operation) throw new Error(`No operation ${operationId} is recorded.`);
  return operation;
}

function isDue(runtime: Runtime, step: TrackedStep): boolean {
  return step.state !== 'waiting' || !step.retryAt || step.retryAt.getTime() <= runtime.clock.now().getTime();
}

/** A step that throws failed: an M365Error's sentence is the service's reason; anything else is logged. */
async function runOne(runtime: Runtime, definition: OperationSteps, run: StepRun): Promise<StepOutcome> {
  const { key } = run;
  const implementation = stepDefinitionOf(definition, key);
  if (!implementation) return { state: 'failed', detail: `m365ops has no step called ${key} any more.` };
  try {
    return await implementation.run(run);
  } catch (error) {
    if (error instanceof M365Error || error instanceof HandlerError) return { state: 'failed', detail: error.message };
    runtime.logger.error({ err: error, operationId: run.operation.id, step: key }, 'an operation step failed');
    return { state: 'failed', detail: 'Something unexpected went wrong; the log has the details.' };
  }
}

/** The outcome as it is recorded: its secret goes to the sink, never into the store. */
function withoutSecret(outcome: StepOutcome, upn: string, secrets: SecretSink): StepOutcome {
  if (outcome.state !== 'done' || !outcome.secret) return outcome;
  const { secret, ...recorded } = outcome;
  if (secrets.onSecret) {
    secrets.onSecret(secret);
    return recorded;
  }
  const nobody = `It was shown to nobody: \`reset password ${upn}\` gives you a new one.`;
  return { ...recorded, detail: [recorded.detail, nobody].filter(Boolean).join(' ') };
}

function changeOf(runtime: Runtime, outcome: StepOutcome): StepChange {
  const at = runtime.clock.now();
  if (outcome.state === 'waiting') {
    return { state: 'waiting', detail: outcome.detail, retryAt: new Date(at.getTime() + outcome.retryInMs), at };
  }
  return { state: outcome.state, detail: outcome.detail, at };
}

/** While a step waits, one durable job per operation is pending to run it again (its deadline ends the waiting). */
async function keepWaiting(runtime: Runtime, operation: TrackedOperation): Promise<void> {
  const runAt = nextRetryAt(operation);
  if (!runAt) return;
  await runtime.store.jobs.enqueue({
    type: operationStepsJobType,
    payload: { operationId: operation.id },
    runAt,
    deadline: new Date(operation.createdAt.getTime() + runtime.settings.aliasRetryWindowMs),
    uniqueKey: operationJobKey(operation.id),
  });
}
