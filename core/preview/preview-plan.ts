/**
 * A command's plan, written down as its checks pass: each previewed use case is given a PreviewPlan, says what it
 * checked and what it would write, and throws the refusal the command itself would throw. Nothing here writes.
 */
import type { Customer } from '../../store/types';
import type { PreviewCheck, PreviewOutcome, PreviewWrite } from './preview-view';

export interface PreviewPlan {
  /** The command would become a request for an approver (its checks are then those of a request). */
  asking: boolean;
  checks: PreviewCheck[];
  writes: PreviewWrite[];
  notes: string[];
  customer?: Pick<Customer, 'id' | 'name'>;
  /** What the command would do, in one sentence (set by the planner once every check passed). */
  summary?: string;
  /** 'nothing' when every check passed and nothing is left to change. */
  outcome?: Extract<PreviewOutcome, 'run' | 'nothing'>;
}

export function startPlan(asking: boolean): PreviewPlan {
  return { asking, checks: [], writes: [], notes: [] };
}

/** A check that passed (one that fails is the refusal the planner throws). */
export function checked(plan: PreviewPlan, label: string, detail: string): void {
  plan.checks.push({ label, detail, passed: true });
}

export function wouldWrite(plan: PreviewPlan, write: PreviewWrite): void {
  plan.writes.push(write);
}

/** `{a, b: [x, y]}`: the fields a write sends, as a preview lists them. */
export function describeFields(fields: Record<string, string | readonly string[] | undefined>): string {
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => (Array.isArray(value) ? `${name}: [${value.join(', ')}]` : `${name}: ${value}`));
  return `{${parts.join(', ')}}`;
}

/** `{accountEnabled, displayName}`: field names only, for a body whose values the preview does not repeat. */
export function describeFieldNames(names: readonly string[]): string {
  return `{${names.join(', ')}}`;
}
