/**
 * Tracked steps: a multi-step change to one user (add user, change plan, offboard) that people follow on one card,
 * redrawn in place as each step finishes: ✅ done, ⏳ waiting (with why), ❌ failed (with the service's reason),
 * ⏭ skipped. The operation and its steps are a durable record (store.trackedOperations); a step that waits for the
 * tenant (a mailbox that does not exist yet) leaves a durable job (jobs/operation-steps-job.ts) that runs it again
 * later, across restarts, and redraws the same card; "Retry failed steps" (`retry steps <id>`) runs only the failed.
 *
 * How an operation kind defines its steps (offboard, say):
 * 1. Write its steps as `StepDefinition`s (step-types.ts): a key, the label people read, and `run`, which is safe to
 *    run again (it checks the tenant first and does only what is missing) and answers a `StepOutcome`: done (with
 *    what it `learned` for later steps), skipped (why), waiting (why, and when to try again), failed (the service's
 *    sentence; a thrown M365Error or HandlerError becomes one). Steps read what they need from `operation.input`.
 * 2. Declare them once as the kind's `OperationSteps` (the steps by key, and the effects a retry is authorised by)
 *    and add that to catalog.ts, where the job and Retry find them. A step per item (a group to join) is a family:
 *    declared once under its prefix (`group`), used as `group:Sales` with its own label, run with its key.
 * 3. In the use case, after its own checks (and under the user's lock where it changes the user), call
 *    `startOperation` with the keys of the steps this operation uses, in order (a step done already by the use case
 *    itself may be given as done), the input, and the card's title and facts; return the reply it gives. The
 *    transport posts it and hands back where (M365ops.replyPosted), so later changes redraw that card.
 */
import type { StepState, TrackedOperationKind, TrackedStep } from '../../store/tracked-operation';
import type { ResultReply, Secret } from '../reply';
import type { Runtime } from '../runtime';
import { cardInputKey, type OperationCard, operationReply } from './operation-card';
import { runOperationSteps } from './run-steps';
import { type OperationSteps, stepDefinitionOf } from './step-types';

export { operationStepsOf } from './catalog';
export {
  cardInputKey,
  noteOperationCard,
  type OperationCard,
  operationReply,
  redrawOperationCards,
} from './operation-card';
export { type ProgressView, progressView } from './progress-view';
export {
  giveUpWaitingSteps,
  nextRetryAt,
  operationStepsJobType,
  runOperationSteps,
  runStepsAgain,
  type SecretSink,
} from './run-steps';
export {
  type OperationSteps,
  retryEffects,
  type StepDefinition,
  type StepOutcome,
  type StepRun,
  stepDefinitionOf,
} from './step-types';

export interface OperationStart {
  customerId: string;
  upn: string;
  requestedBy: string;
  /**
   * The steps this operation has, in order; one the use case did itself may come as done (or skipped) already, and
   * one another durable job finishes (the alias job) as waiting: no retry time, so the operation's job leaves it.
   * A step of a family (`group:Sales`) may bring its own label ("Join Sales").
   */
  steps: {
    key: string;
    label?: string;
    state?: Extract<StepState, 'done' | 'skipped' | 'waiting'>;
    detail?: string;
  }[];
  /** What the steps read when they run, now and later (never a password). */
  input: Record<string, unknown>;
  /** The card's title, facts and notes, kept for every redraw. */
  card: OperationCard;
  /**
   * Who sees a step's secret (a temporary password): the requester, privately (the reply's `secret`), or nobody,
   * where no one asked (a scheduled run). Default: the requester.
   */
  secretsTo?: 'requester' | 'nobody';
}

/** Records the operation, runs its pending steps, and answers its card. */
export async function startOperation(
  runtime: Runtime,
  definition: OperationSteps,
  start: OperationStart,
): Promise<ResultReply> {
  const at = runtime.clock.now();
  const steps = start.steps.map(({ key, label, state, detail }): TrackedStep => {
    const step = stepDefinitionOf(definition, key);
    if (!step) throw new Error(`${definition.kind} has no step ${key}.`);
    const recorded: TrackedStep = { key, label: label ?? step.label, state: state ?? 'pending' };
    if (detail) recorded.detail = detail;
    if (state) recorded.at = at;
    return recorded;
  });
  const operation = await runtime.store.trackedOperations.create({
    customerId: start.customerId,
    kind: definition.kind as TrackedOperationKind,
    upn: start.upn,
    requestedBy: start.requestedBy,
    steps,
    input: { ...start.input, [cardInputKey]: start.card },
  });
  let secret: Secret | undefined;
  const sink = start.secretsTo === 'nobody' ? {} : { onSecret: (shown: Secret) => (secret = shown) };
  const reply = operationReply(await runOperationSteps(runtime, definition, operation.id, ['pending'], sink));
  return secret ? { ...reply, secret } : reply;
}
