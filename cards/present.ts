/** Wording shared by the Adaptive Card and Slack renderers, so both say the same thing the same way. */
import { formatWhen } from '../common/format-when';
import type { DiscrepancyView } from '../core/reply';

export { describeKind } from '../core/discrepancy-kinds';

/** An ISO time as chat sentences show times (common/format-when.ts); anything else is shown as given. */
export function formatTime(value: string | undefined): string {
  if (!value) return '';
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return value;
  return formatWhen(time);
}

/** Buttons are offered only while nobody has decided (a failed Revoke puts the discrepancy back to open). */
export function isDecidable(view: DiscrepancyView): boolean {
  return view.status === 'open';
}

/** "Approved by Ana at 2026-11-24 08:35 UTC: applied." or null while nobody decided. */
export function describeDecision(view: DiscrepancyView): string | null {
  if (view.status === 'auto-approved') {
    return `Approved automatically (the customer's policy)${view.decidedAt ? ` at ${formatTime(view.decidedAt)}` : ''}${resultSuffix(view)}`;
  }
  if (!view.decision) {
    return view.status === 'resolved' ? 'Resolved: the tenant and m365ops agree again.' : null;
  }
  const verb = view.decision === 'approve' ? 'Approved' : 'Revoked';
  const who = view.decidedBy ? ` by ${view.decidedBy}` : '';
  const when = view.decidedAt ? ` at ${formatTime(view.decidedAt)}` : '';
  return `${verb}${who}${when}${resultSuffix(view)}`;
}

/** ": <what was done>" for an applied decision whose effect was recorded, else ": applied" / ": failed: …". */
function resultSuffix(view: DiscrepancyView): string {
  if (view.done && view.result === 'applied') return `: ${view.done}`;
  return view.result ? `: ${view.result}` : '.';
}

export function describeStatus(view: DiscrepancyView): string {
  switch (view.status) {
    case 'open':
      return view.decision ? 'Open again: the last decision could not be applied.' : 'Open: waiting for a decision.';
    case 'deciding':
      return 'Being applied…';
    default:
      return view.status.charAt(0).toUpperCase() + view.status.slice(1);
  }
}

/** Keeps the first `max` items; the caller shows "and N more" when `hidden` > 0. */
export function takeFirst<T>(items: T[], max: number): { shown: T[]; hidden: number } {
  return { shown: items.slice(0, max), hidden: Math.max(0, items.length - max) };
}

export function andMore(hidden: number, noun: string): string {
  return `…and ${hidden} more ${noun}.`;
}

/** A suggestion becomes a button only when it reads as a whole command, not a bare value. */
const maxSuggestionLength = 500;

const commandWords = [
  'help',
  'add user',
  'change plan',
  'revoke admin',
  'grant admin',
  'remove user',
  'restore user',
  'reset password',
  'consent link',
  'verify consent',
  'sync',
  'users',
  'status',
  'plans',
];

export function isCommandSuggestion(suggestion: string): boolean {
  const text = suggestion.trim().toLowerCase();
  if (text.length > maxSuggestionLength) return false;
  return commandWords.some((words) => text === words || text.startsWith(`${words} `));
}
