/**
 * How a tracked operation reads on its card: one line per step (✅ done, ⏳ waiting and why, ❌ failed with the
 * service's reason, ⏭ skipped) under a summary line that never says done while a step waits or failed.
 */
import { formatWhen } from '../../common/format-when';
import type { StepState, TrackedOperation } from '../../store/tracked-operation';
import type { Command } from '../request';

export interface ProgressStepView {
  label: string;
  state: StepState;
  /** ✅ ⏳ ❌ ⏭ … */
  icon: string;
  /** Why it waits (and when it is tried again), why it was skipped, the service's reason for a failure. */
  detail?: string;
}

export interface ProgressView {
  operationId: string;
  /** "All 4 steps are done." / "2 of 4 steps are done; 1 is waiting …" */
  summary: string;
  steps: ProgressStepView[];
  /** "Retry failed steps": present while a step has failed and nothing runs. */
  retry?: Command;
  /** An answer about an operation whose cards were redrawn already (a retry): not a card to keep and redraw. */
  answerOnly?: boolean;
}

export const stepIcons: Record<StepState, string> = {
  pending: '▫️',
  running: '🔄',
  done: '✅',
  waiting: '⏳',
  failed: '❌',
  skipped: '⏭',
};

export function progressView(operation: TrackedOperation): ProgressView {
  const steps = operation.steps.map((step) => {
    const retry = step.state === 'waiting' && step.retryAt ? ` Next try ${formatWhen(step.retryAt)}.` : '';
    const detail = step.detail ? `${step.detail}${retry}` : retry.trim() || undefined;
    return { label: step.label, state: step.state, icon: stepIcons[step.state], ...(detail ? { detail } : {}) };
  });
  const failed = steps.some((step) => step.state === 'failed');
  const busy = steps.some((step) => step.state === 'running' || step.state === 'pending');
  return {
    operationId: operation.id,
    summary: summarize(operation),
    steps,
    ...(failed && !busy ? { retry: { name: 'retry-steps', operationId: operation.id } satisfies Command } : {}),
  };
}

function summarize(operation: TrackedOperation): string {
  const count = (state: StepState) => operation.steps.filter((step) => step.state === state).length;
  const total = operation.steps.length;
  const finished = count('done') + count('skipped');
  const [waiting, failed, running] = [count('waiting'), count('failed'), count('running') + count('pending')];
  if (finished === total) return total === 1 ? 'Done.' : `Done: all ${total} steps finished.`;
  const parts = [`${finished} of ${total} steps finished`];
  if (running > 0) parts.push(`${running} still running`);
  if (waiting > 0)
    parts.push(`${waiting} waiting (this card updates when ${waiting === 1 ? 'it finishes' : 'they finish'})`);
  if (failed > 0) parts.push(`${failed} failed`);
  return `Not done yet: ${parts.join('; ')}.`;
}
