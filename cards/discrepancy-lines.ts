/** The words of a discrepancy and of a digest, shared by the Adaptive Card and Slack renderers. */
import type { ClickedCard, DigestReply, DiscrepancyView } from '../core/reply';
import { describeDecision, describeKind, describeStatus, isDecidable } from './present';

export function describeDiscrepancyHeading(view: DiscrepancyView): string {
  return `${describeKind(view.kind)}: ${view.upn}`;
}

export function describeDiscrepancyFacts(view: DiscrepancyView): { label: string; value: string }[] {
  const facts = [
    { label: 'Customer', value: view.customerName },
    { label: 'Kind', value: view.kind },
    { label: 'User', value: view.upn },
    { label: 'm365ops expected', value: view.expected },
    { label: 'The tenant has', value: view.actual },
  ];
  if (isDecidable(view)) {
    facts.push({ label: 'Approve', value: view.approveMeans }, { label: 'Revoke', value: view.revokeMeans });
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

export function describeDigestHeading(reply: DigestReply): string {
  const total = digestTotal(reply);
  return `${reply.customerName}: sync found ${total} ${total === 1 ? 'discrepancy' : 'discrepancies'}`;
}

export function describeDigestItem(view: DiscrepancyView): { title: string; summary: string; detail: string } {
  const outcome = describeDecision(view);
  return {
    title: `${view.kind}: ${view.upn}`,
    summary: view.summary,
    detail: outcome ?? `Approve: ${view.approveMeans} Revoke: ${view.revokeMeans}`,
  };
}

/**
 * What a digest listing only `listed` of its discrepancies says about the rest, or '' when all are listed. Sync posts
 * one digest (no card per item) and re-renders it after each decision with the open ones first, so the rest move up
 * as listed ones are decided; "Approve all <kind>" decides every open one of a kind at once.
 */
export function describeDigestRest(reply: DigestReply, listed: number): string {
  const total = digestTotal(reply);
  if (listed >= total) return '';
  const showing = `Showing ${listed} of ${total} discrepancies, open ones first.`;
  const kinds = [...openKinds(reply)];
  if (kinds.length === 0) return showing;
  const buttons = kinds.map((kind) => `"Approve all ${kind}"`).join(' or ');
  return `${showing} The rest move up here as these are decided, or ${buttons} decides every open one of that kind at once.`;
}

function digestTotal(reply: DigestReply): number {
  return reply.counts.reduce((sum, entry) => sum + entry.count, 0);
}

/** Kinds with at least one open item get an "Approve all <kind>" button. */
export function openKinds(reply: DigestReply): Set<string> {
  return new Set(reply.items.filter(isDecidable).map((item) => item.kind));
}
