/** The words of an approval request's card, the same on Teams, Slack and in text. */
import type { ApprovalRequestView } from '../core/reply';
import type { Command } from '../core/request';

export function describeRequestHeading(view: ApprovalRequestView): string {
  return `Request ${view.id}: ${view.asks}`;
}

export function describeRequestStatus(view: ApprovalRequestView): string {
  return view.outcome ?? 'Waiting for an approver: Approve runs it at once as you; Deny changes nothing.';
}

/** Under a list cut short (a card holds only so many): how many more wait and how to reach them. */
export function describeRequestsNotShown(total: number, shown: number): string | undefined {
  const hidden = total - shown;
  if (hidden <= 0) return undefined;
  return `${hidden} more ${hidden === 1 ? 'request is' : 'requests are'} waiting, not shown here: \`requests <customer>\` lists one customer's, and \`approve request <id>\` or \`deny request <id>\` decides one by its id.`;
}

export function approveCommand(view: ApprovalRequestView): Command {
  return { name: 'approve-request', requestId: view.id };
}

export function denyCommand(view: ApprovalRequestView): Command {
  return { name: 'deny-request', requestId: view.id };
}

/** Plain text for the CLI and summaries. */
export function renderRequestText(view: ApprovalRequestView, note?: string): string {
  const lines = [
    ...(note ? [note] : []),
    describeRequestHeading(view),
    ...view.facts.map((fact) => `${fact.label}: ${fact.value}`),
  ];
  lines.push(
    view.state === 'open' ? `approve request ${view.id} · deny request ${view.id}` : describeRequestStatus(view),
  );
  return lines.join('\n');
}
