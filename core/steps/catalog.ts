/**
 * Every operation kind's steps, by kind: the job that re-runs waiting steps and Retry find them here. A new kind
 * adds its OperationSteps here (see core/steps/index.ts).
 */
import type { TrackedOperationKind } from '../../store/tracked-operation';
import { offboardOperationSteps } from '../offboarding/steps';
import { addUserSteps } from '../provisioning/add-user-steps';
import { changePlanSteps } from '../provisioning/change-plan-steps';
import type { OperationSteps } from './step-types';

const catalog: Partial<Record<TrackedOperationKind, OperationSteps>> = {
  'add-user': addUserSteps,
  'change-plan': changePlanSteps,
  offboard: offboardOperationSteps,
};

/** The steps of `kind`; throws when none are declared (a programming error, not a user's). */
export function operationStepsOf(kind: TrackedOperationKind): OperationSteps {
  const steps = catalog[kind];
  if (!steps) throw new Error(`No steps are declared for ${kind} operations (core/steps/catalog.ts).`);
  return steps;
}
