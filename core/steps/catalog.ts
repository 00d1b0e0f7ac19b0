/** Every operation kind's steps, by kind: the job that re-runs waiting steps and Retry find them here. */
import type { TrackedOperationKind } from '../../store/tracked-operation';
import type { OperationSteps } from './step-types';

const catalog: Partial<Record<TrackedOperationKind, OperationSteps>> = {};

/** The steps of `kind`; throws when none are declared (a programming error, not a user's). */
export function operationStepsOf(kind: TrackedOperationKind): OperationSteps {
  const steps = catalog[kind];
  if (!steps) throw new Error(`No steps are declared for ${kind} operations (core/steps/catalog.ts).`);
  return steps;
}

/** Declares the steps of one kind (each kind's module calls it once, at load). */
export function declareOperationSteps(steps: OperationSteps): OperationSteps {
  catalog[steps.kind] = steps;
  return steps;
}
