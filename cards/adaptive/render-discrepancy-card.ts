/**
 * The discrepancy card (its two buttons while open; once decided, who decided what and when, with no buttons)
 * and the digest card that gathers one sync run's discrepancies for a customer. Either can carry a note on top:
 * the answer to a click that decided nothing, shown on the clicker's redrawn card.
 */
import type { ClickedCard, DigestReply, DiscrepancyListReply, DiscrepancyView } from '../../core/reply';
import { actionData, decideAction, decideAllAction } from '../actions';
import {
  describeApproveAll,
  describeClickNote,
  describeDigestHeading,
  describeDigestItem,
  describeDigestRest,
  describeDiscrepancyFacts,
  describeDiscrepancyHeading,
  describeDiscrepancyOutcome,
  describeKindCount,
  isFailedOutcome,
  openKinds,
} from '../discrepancy-lines';
import { describeListHeading, describeListItem, describeListRest, moreLabel } from '../discrepancy-list-lines';
import { isDecidable, takeFirst } from '../present';
import digestTemplate from '../templates/digest.json';
import discrepancyTemplate from '../templates/discrepancy.json';
import { type AdaptiveCard, actionSet, type CardElement, executeAction, expandTemplate } from './adaptive-card';

/** Keeps a digest under Teams' message size; the rest move up as listed ones are decided, or "Approve all". */
const maxDigestItems = 25;

/** A note on top of a card: plain for "already decided", attention for a refusal. */
export interface CardNote {
  text: string;
  tone: 'info' | 'attention';
}

/** The card a decide click came from, as it stands now, with the answer on top. */
export function renderClickedCard(current: ClickedCard, note: CardNote): AdaptiveCard {
  const withNote = { ...note, text: describeClickNote(current, note.text) };
  if (current.listing) return renderDiscrepancyListCard(current.listing, withNote);
  return current.digest
    ? renderDigestCard(current.digest, withNote)
    : renderDiscrepancyCard(current.discrepancy, withNote);
}

export function renderDiscrepancyCard(view: DiscrepancyView, note?: CardNote): AdaptiveCard {
  return expandTemplate(discrepancyTemplate, {
    ...noteFields(note),
    heading: describeDiscrepancyHeading(view),
    summary: view.summary,
    facts: describeDiscrepancyFacts(view).map((fact) => ({ title: fact.label, value: fact.value })),
    decision: describeDiscrepancyOutcome(view),
    decisionColor: isFailedOutcome(view) ? 'Attention' : 'Good',
    actions: decideButtons(view),
  });
}

export function renderDigestCard(reply: DigestReply, note?: CardNote): AdaptiveCard {
  const open = openKinds(reply);
  const { shown } = takeFirst(reply.items, maxDigestItems);
  return expandTemplate(digestTemplate, {
    ...noteFields(note),
    heading: describeDigestHeading(reply),
    kinds: reply.counts.map((entry) => ({
      label: describeKindCount(entry),
      actions: open.has(entry.kind)
        ? [
            executeAction(
              describeApproveAll(entry),
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

/** A page of `discrepancies`: its rows with their buttons (decided ones in place), and More while there is more. */
export function renderDiscrepancyListCard(reply: DiscrepancyListReply, note?: CardNote): AdaptiveCard {
  const card = expandTemplate(digestTemplate, {
    ...noteFields(note),
    heading: describeListHeading(reply),
    kinds: [],
    items: reply.items.map((view) => ({
      ...describeListItem(reply, view),
      actions: decideButtons(view, reply.listingId),
    })),
    more: describeListRest(reply),
  });
  if (reply.more) card.body = [...card.body, actionSet([executeAction(moreLabel, actionData(reply.more))])];
  return card;
}

function noteFields(note: CardNote | undefined): { note: string; noteStyle: string } {
  return { note: note?.text ?? '', noteStyle: note?.tone === 'attention' ? 'attention' : 'emphasis' };
}

/** Named after what they do for the kind ("Adopt under …", "Remove licences…"); "…" marks one that asks first. */
function decideButtons(view: DiscrepancyView, listingId?: string): CardElement[] {
  if (!isDecidable(view)) return [];
  return [
    executeAction(view.approveLabel, decideAction(view.id, 'approve', listingId), { style: 'positive' }),
    executeAction(view.revokeLabel, decideAction(view.id, 'revoke', listingId), { style: 'destructive' }),
  ];
}
