/** What an operation kind declares: its steps' implementations and the effects a retry of them is authorised by. */
import type { TrackedOperation, TrackedOperationKind } from '../../store/tracked-operation';
import type { Customer } from '../../store/types';
import type { Effect } from '../commands/effects';
import type { Secret } from '../reply';
import type { Runtime } from '../runtime';

/** What a step implementation is given: the runtime, the operation as it stands, its customer (with a tenant). */
export interface StepRun {
  runtime: Runtime;
  /** The step's key in the operation: `group:Sales` for one step of a family (see stepDefinitionOf). */
  key: string;
  operation: TrackedOperation;
  customer: Customer;
  tenantId: string;
}

export type StepOutcome =
  /**
   * `learned` is merged into the operation's input for the steps after it (an object id). `secret` (a temporary
   * password) is handed to whoever runs the step to show privately, never stored; see runOperationSteps.
   */
  | { state: 'done'; detail?: string; learned?: Record<string, unknown>; secret?: Secret }
  | { state: 'skipped'; detail: string }
  /** The tenant is not ready (a mailbox that does not exist yet): tried again in `retryInMs`, as a durable job. */
  | { state: 'waiting'; detail: string; retryInMs: number }
  /** `detail`: the service's reason, as a sentence. */
  | { state: 'failed'; detail: string };

export interface StepDefinition {
  key: string;
  /** What people read on the card: "Add the aliases". */
  label: string;
  /** Safe to run again: it first checks the tenant and does only what is missing. */
  run(run: StepRun): Promise<StepOutcome>;
}

export interface OperationSteps {
  kind: TrackedOperationKind;
  /**
   * Every step the kind may have, by key; an operation lists the ones it uses, in order. A family of steps, one per
   * item (a group to join), is declared once under its prefix: `group` implements `group:Sales`, `group:Finance`.
   */
  steps: Record<string, StepDefinition>;
  /** What re-running its steps does: "Retry failed steps" is authorised by these wherever it is clicked. */
  effects: readonly Effect[];
  /**
   * When what a retry does depends on which steps it re-runs (an offboarding's steps each carry their own effect):
   * the effects of re-running `keys` of `operation`, instead of `effects`.
   */
  effectsOf?(operation: TrackedOperation, keys: readonly string[]): readonly Effect[];
  /**
   * The object id of the user the steps change, when they change one m365ops manages: a retry and the job run them
   * under that user's lock (the use case that starts the operation holds it already).
   */
  userOf?(operation: TrackedOperation): string | undefined;
}

/** What "Retry failed steps" on `keys` of `operation` must be authorised by. */
export function retryEffects(
  definition: OperationSteps,
  operation: TrackedOperation,
  keys: readonly string[],
): readonly Effect[] {
  return definition.effectsOf ? definition.effectsOf(operation, keys) : definition.effects;
}

/** The implementation of the step `key`: its own, else its family's (the part before the first `:`). */
export function stepDefinitionOf(definition: OperationSteps, key: string): StepDefinition | undefined {
  const family = key.includes(':') ? key.slice(0, key.indexOf(':')) : undefined;
  return definition.steps[key] ?? (family === undefined ? undefined : definition.steps[family]);
}
