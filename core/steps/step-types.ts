/** What an operation kind declares: its steps' implementations and the effects a retry of them is authorised by. */
import type { TrackedOperation, TrackedOperationKind } from '../../store/tracked-operation';
import type { Customer } from '../../store/types';
import type { Effect } from '../commands/effects';
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
  /** `learned` is merged into the operation's input for the steps after it (an object id). */
  | { state: 'done'; detail?: string; learned?: Record<string, unknown> }
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
}

/** The implementation of the step `key`: its own, else its family's (the part before the first `:`). */
export function stepDefinitionOf(definition: OperationSteps, key: string): StepDefinition | undefined {
  const family = key.includes(':') ? key.slice(0, key.indexOf(':')) : undefined;
  return definition.steps[key] ?? (family === undefined ? undefined : definition.steps[family]);
}
