/** The words of a tracked operation's steps (core/steps), shared by the Adaptive Card, Slack and text renderers. */
import type { ProgressView } from '../core/steps/progress-view';

export const retryFailedStepsLabel = 'Retry failed steps';

/** "✅ Create the account and assign licences", "⏳ Add the aliases: The mailbox is not ready yet…". */
export function describeProgressSteps(progress: ProgressView): string[] {
  return progress.steps.map((step) => `${step.icon} ${step.label}${step.detail ? `: ${step.detail}` : ''}`);
}

/** "Operation K7M2QX", so `retry steps K7M2QX` can be typed where buttons are not. */
export function describeOperationId(progress: ProgressView): string {
  return `Operation ${progress.operationId}`;
}

/**
 * How a result's title reads at a glance: done (no steps, or all done or skipped), waiting (a step still runs or
 * waits) or failed, so a card never looks done while a step is not.
 */
export function progressTone(progress: ProgressView | undefined): 'done' | 'waiting' | 'failed' {
  if (!progress) return 'done';
  if (progress.steps.some((step) => step.state === 'failed')) return 'failed';
  return progress.steps.every((step) => step.state === 'done' || step.state === 'skipped') ? 'done' : 'waiting';
}
