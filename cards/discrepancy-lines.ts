/** The words of a discrepancy and of a digest, shared by the Adaptive Card and Slack renderers. */
import type { ClickedCard, DigestReply, DiscrepancyView } from '../core/reply';
import { describeDecision, describeKind, describeStatus, isDecidable } from './present';

export function describeDiscrepancyHeading(view: DiscrepancyView): string {
  return `${describeKind(view.kind)}: ${view.upn}`;
}

export function describeDiscrepancyFacts(view: DiscrepancyView): { label: string; value: string }[] {
  const facts = [
    { label: 'Customer', value: view.customerName },
    { label: 'Kind', value: describeKind(view.kind) },
    { label: 'User', value: view.upn },
    { label: 'm365ops expected', value: view.expected },
    { label: 'The tenant has', value: view.actual },
  ];
  if (isDecidable(view)) {
    facts.push(
      { label: withoutEllipsis(view.approveLabel), value: view.approveMeans },
      { label: withoutEllipsis(view.revokeLabel), value: view.revokeMeans },
    );
  }
  facts.push({ label: 'Status', value: describeStatus(view) });
  return facts;
}

/** The decision line (who, what, when, result), or '' while nobody decided. */
export function describeDiscrepancyOutcome(view: DiscrepancyView): string {
  return describeDecision(view) ?? '';
}

/** One line naming the discrepancy and where it stands: "Plan changed in the tenant: jane@… · Approved by …". */
export function describeDiscrepancyLine(view: DiscrepancyView): string {
  return `${describeDiscrepancyHeading(view)} · ${describeDiscrepancyOutcome(view) || describeStatus(view)}`;
}

/**
 * The answer to a click that decided nothing (too late, or refused), shown on the redrawn card; on a digest it names
 * the user, since "this" could be any item there.
 */
export function describeClickNote(current: ClickedCard, text: string): string {
  const { upn } = current.discrepancy;
  return current.digest && !text.includes(upn) ? `${upn}: ${text}` : text;
}

export function isFailedOutcome(view: DiscrepancyView): boolean {
  return /fail/i.test(view.result ?? '');
}

/** "Contoso: sync found 12 discrepancies · 9 open · 3 decided" (counted over the whole digest, listed or not). */
export function describeDigestHeading(reply: DigestReply): string {
  const total = digestTotal(reply);
  const open = digestOpen(reply);
  const found = `${reply.customerName}: sync found ${total} ${total === 1 ? 'discrepancy' : 'discrepancies'}`;
  return `${found} · ${open} open · ${total - open} decided`;
}

/** "Not managed by m365ops: 13", with "(9 open)" once some of them are decided. */
export function describeKindCount(entry: DigestReply['counts'][number]): string {
  const label = describeKind(entry.kind);
  return entry.open === entry.count ? `${label}: ${entry.count}` : `${label}: ${entry.count} (${entry.open} open)`;
}

/** The "Approve all" button of a kind names how many it decides: "Approve all 13: Not managed by m365ops". */
export function describeApproveAll(entry: DigestReply['counts'][number]): string {
  return `Approve all ${entry.open}: ${describeKind(entry.kind)}`;
}

/** A row of the digest: while open, what each button does; once decided, who did what and when, in place. */
export function describeDigestItem(view: DiscrepancyView): { title: string; summary: string; detail: string } {
  const outcome = describeDecision(view);
  return {
    title: describeDiscrepancyHeading(view),
    summary: view.summary,
    detail:
      outcome ??
      `${withoutEllipsis(view.approveLabel)}: ${view.approveMeans} ${withoutEllipsis(view.revokeLabel)}: ${view.revokeMeans}`,
  };
}

/**
 * What a digest listing only `listed` of its discrepancies says about the rest, or '' when all are listed. Rows
 * keep their place when decided; "Approve all <kind>" decides every open one of a kind on the digest, listed or not.
 */
export function describeDigestRest(reply: DigestReply, listed: number): string {
  const total = digestTotal(reply);
  if (listed >= total) return '';
  const unlisted = digestOpen(reply) - reply.items.slice(0, listed).filter(isDecidable).length;
  const showing = `Showing the first ${listed} of ${total} discrepancies, in the order found.`;
  if (unlisted <= 0) return showing;
  return `${showing} ${unlisted} more open ${unlisted === 1 ? 'one is' : 'ones are'} not listed; "Approve all" decides them with the listed ones.`;
}

function digestTotal(reply: DigestReply): number {
  return reply.counts.reduce((sum, entry) => sum + entry.count, 0);
}

function digestOpen(reply: DigestReply): number {
  return reply.counts.reduce((sum, entry) => sum + entry.open, 0);
}

/** Kinds with at least one open discrepancy on the digest get an "Approve all <kind>" button. */
export function openKinds(reply: DigestReply): Set<string> {
  return new Set(reply.counts.filter((entry) => entry.open > 0).map((entry) => entry.kind));
}

function withoutEllipsis(label: string): string {
  return label.replace(/…$/, '');
}
