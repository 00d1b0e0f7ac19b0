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
