/**
 * The discrepancy message (Approve / Revoke while open; once decided, who decided what and when, no buttons) and
 * the digest of one sync run, in Block Kit.
 */
import type { ClickedCard, DigestReply, DiscrepancyView } from '../../core/reply';
import { decideAction, decideAllAction } from '../actions';
import {
  describeDigestHeading,
  describeDigestItem,
  describeDigestRest,
  describeDiscrepancyFacts,
  describeDiscrepancyHeading,
  describeDiscrepancyLine,
  describeDiscrepancyOutcome,
  isFailedOutcome,
  openKinds,
} from '../discrepancy-lines';
import { isDecidable, takeFirst } from '../present';
import { actions, context, escapeText, factSections, header, type SlackBlock, section } from './block-kit';

/** Header, counts, the "Approve all" row and the closing note leave room for 20 items of two blocks each. */
const maxDigestItems = 20;

export function renderDiscrepancyBlocks(view: DiscrepancyView): SlackBlock[] {
  const blocks: SlackBlock[] = [
    header(describeDiscrepancyHeading(view)),
    section(escapeText(view.summary)),
    ...factSections(describeDiscrepancyFacts(view)),
  ];
  const outcome = describeDiscrepancyOutcome(view);
  if (outcome)
    blocks.push(section(`${isFailedOutcome(view) ? ':warning:' : ':white_check_mark:'} ${escapeText(outcome)}`));
  if (isDecidable(view)) blocks.push(decideRow(view));
  return blocks;
}

export function renderDigestBlocks(reply: DigestReply): SlackBlock[] {
  const open = openKinds(reply);
  const blocks: SlackBlock[] = [
    header(describeDigestHeading(reply)),
    section(reply.counts.map((entry) => `• ${entry.kind}: *${entry.count}*`).join('\n') || 'Nothing found.'),
  ];
  const approveAll = reply.counts
    .filter((entry) => open.has(entry.kind))
    .map((entry) => ({
      title: `Approve all ${entry.kind}`,
      action: decideAllAction(reply.customerId, entry.kind, 'approve', reply.runId),
      style: 'primary' as const,
    }));
  if (approveAll.length > 0) blocks.push(actions(approveAll));
  const { shown } = takeFirst(reply.items, maxDigestItems);
  for (const view of shown) {
    const item = describeDigestItem(view);
    blocks.push(section(`*${escapeText(item.title)}*\n${escapeText(item.summary)}\n_${escapeText(item.detail)}_`));
    if (isDecidable(view)) blocks.push(decideRow(view));
  }
  const rest = describeDigestRest(reply, shown.length);
  if (rest) blocks.push(context(escapeText(rest)));
  return blocks;
}

/**
 * Under the clicker's note when a click decided nothing: which discrepancy it was about and where it stands (the
 * channel message itself is already up to date for everyone).
 */
export function renderClickedContext(current: ClickedCard): SlackBlock {
  return context(escapeText(describeDiscrepancyLine(current.discrepancy)));
}

function decideRow(view: DiscrepancyView): SlackBlock {
  return actions([
    { title: 'Approve', action: decideAction(view.id, 'approve'), style: 'primary' },
    { title: 'Revoke', action: decideAction(view.id, 'revoke'), style: 'danger' },
  ]);
}
