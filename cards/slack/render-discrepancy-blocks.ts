/**
 * The discrepancy message (its two buttons while open; once decided, who decided what and when, no buttons) and
 * the digest of one sync run, in Block Kit.
 */
import type { ClickedCard, DigestReply, DiscrepancyListReply, DiscrepancyView } from '../../core/reply';
import { actionData, decideAction, decideAllAction } from '../actions';
import {
  describeApproveAll,
  describeDigestHeading,
  describeDigestItem,
  describeDigestRest,
  describeDiscrepancyFacts,
  describeDiscrepancyHeading,
  describeDiscrepancyLine,
  describeDiscrepancyOutcome,
  describeKindCount,
  isFailedOutcome,
  openKinds,
} from '../discrepancy-lines';
import { describeListHeading, describeListItem, describeListRest, moreLabel } from '../discrepancy-list-lines';
import { isDecidable } from '../present';
import { actions, context, escapeText, factSections, header, type SlackBlock, section, slackLimits } from './block-kit';

/**
 * A row takes one block, and one more for its buttons while open; rows are listed while they fit a message's 50
 * blocks with the closing note (sync lists at most 20 open rows in 25: 45 blocks, plus header, counts, "Approve all").
 */

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
    section(reply.counts.map((entry) => `• ${escapeText(describeKindCount(entry))}`).join('\n') || 'Nothing found.'),
  ];
  const approveAll = reply.counts
    .filter((entry) => open.has(entry.kind))
    .map((entry) => ({
      title: describeApproveAll(entry),
      action: decideAllAction(reply.customerId, entry.kind, 'approve', reply.runId),
      style: 'primary' as const,
    }));
  if (approveAll.length > 0) blocks.push(actions(approveAll));
  let listed = 0;
  for (const view of reply.items) {
    const rowBlocks = isDecidable(view) ? 2 : 1;
    if (blocks.length + rowBlocks + 1 > slackLimits.blocksPerMessage) break;
    const item = describeDigestItem(view);
    blocks.push(section(`*${escapeText(item.title)}*\n${escapeText(item.summary)}\n_${escapeText(item.detail)}_`));
    if (isDecidable(view)) blocks.push(decideRow(view));
    listed++;
  }
  const rest = describeDigestRest(reply, listed);
  if (rest) blocks.push(context(escapeText(rest)));
  return blocks;
}

/** A page of `discrepancies`: rows with their buttons (decided ones in place), and More while there is more. */
export function renderDiscrepancyListBlocks(reply: DiscrepancyListReply): SlackBlock[] {
  const blocks: SlackBlock[] = [section(`*${escapeText(describeListHeading(reply))}*`)];
  for (const view of reply.items) {
    const item = describeListItem(reply, view);
    blocks.push(section(`*${escapeText(item.title)}*\n${escapeText(item.summary)}\n_${escapeText(item.detail)}_`));
    if (isDecidable(view)) blocks.push(decideRow(view, reply.listingId));
  }
  const rest = describeListRest(reply);
  if (rest) blocks.push(context(escapeText(rest)));
  if (reply.more) blocks.push(actions([{ title: moreLabel, action: actionData(reply.more) }]));
  return blocks;
}

/**
 * Under the clicker's note when a click decided nothing: which discrepancy it was about and where it stands (the
 * channel message itself is already up to date for everyone).
 */
export function renderClickedContext(current: ClickedCard): SlackBlock {
  return context(escapeText(describeDiscrepancyLine(current.discrepancy)));
}

/** Named after what they do for the kind ("Adopt under …", "Remove licences…"); "…" marks one that asks first. */
function decideRow(view: DiscrepancyView, listingId?: string): SlackBlock {
  return actions([
    { title: view.approveLabel, action: decideAction(view.id, 'approve', listingId), style: 'primary' },
    { title: view.revokeLabel, action: decideAction(view.id, 'revoke', listingId), style: 'danger' },
  ]);
}
