/**
 * The discrepancy card (Approve / Revoke while open; once decided, who decided what and when, with no buttons)
 * and the digest card that gathers one sync run's discrepancies for a customer.
 */
import type { DigestReply, DiscrepancyView } from '../../handlers/reply';
import { decideAction, decideAllAction } from '../actions';
import {
  describeDigestHeading,
  describeDigestItem,
  describeDigestRest,
  describeDiscrepancyFacts,
  describeDiscrepancyHeading,
  describeDiscrepancyOutcome,
  isFailedOutcome,
  openKinds,
} from '../discrepancy-lines';
import { isDecidable, takeFirst } from '../present';
import digestTemplate from '../templates/digest.json';
import discrepancyTemplate from '../templates/discrepancy.json';
import { type AdaptiveCard, type CardElement, executeAction, expandTemplate } from './adaptive-card';

/** Keeps a digest under Teams' message size; the rest move up as listed ones are decided, or "Approve all". */
const maxDigestItems = 25;

export function renderDiscrepancyCard(view: DiscrepancyView): AdaptiveCard {
  return expandTemplate(discrepancyTemplate, {
    heading: describeDiscrepancyHeading(view),
    summary: view.summary,
    facts: describeDiscrepancyFacts(view).map((fact) => ({ title: fact.label, value: fact.value })),
    decision: describeDiscrepancyOutcome(view),
    decisionColor: isFailedOutcome(view) ? 'Attention' : 'Good',
    actions: decideButtons(view),
  });
}

export function renderDigestCard(reply: DigestReply): AdaptiveCard {
  const open = openKinds(reply);
  const { shown } = takeFirst(reply.items, maxDigestItems);
  return expandTemplate(digestTemplate, {
    heading: describeDigestHeading(reply),
    kinds: reply.counts.map((entry) => ({
      label: `${entry.kind}: ${entry.count}`,
      actions: open.has(entry.kind)
        ? [
            executeAction(
              `Approve all ${entry.kind}`,
              decideAllAction(reply.customerId, entry.kind, 'approve', reply.runId),
              { style: 'positive' },
            ),
          ]
        : [],
    })),
    items: shown.map((view) => ({ ...describeDigestItem(view), actions: decideButtons(view) })),
    more: describeDigestRest(reply, shown.length),
  });
}

function decideButtons(view: DiscrepancyView): CardElement[] {
  if (!isDecidable(view)) return [];
  return [
    executeAction('Approve', decideAction(view.id, 'approve'), { style: 'positive' }),
    executeAction('Revoke', decideAction(view.id, 'revoke'), { style: 'destructive' }),
  ];
}
