/** The approval request as Block Kit: the same facts, Approve / Deny while open (Deny opens a modal for a comment). */
import type { ApprovalRequestListReply, ApprovalRequestReply, ApprovalRequestView } from '../../core/reply';
import { actionData } from '../actions';
import {
  approveCommand,
  denyCommand,
  describeRequestHeading,
  describeRequestStatus,
  describeRequestsNotShown,
} from '../request-lines';
import { actions, context, escapeText, factSections, type SlackBlock, section } from './block-kit';

export function renderRequestBlocks(reply: ApprovalRequestReply): SlackBlock[] {
  return [...(reply.note ? [section(`*${escapeText(reply.note)}*`)] : []), ...requestBlocks(reply.request)];
}

export function renderRequestListBlocks(reply: ApprovalRequestListReply): SlackBlock[] {
  const blocks: SlackBlock[] = [section(`*${escapeText(reply.title)}*`)];
  if (reply.requests.length === 0) blocks.push(context('No request is waiting.'));
  // Slack allows 50 blocks in a message; a request takes up to 6.
  const shown = reply.requests.slice(0, 7);
  for (const view of shown) blocks.push({ type: 'divider' }, ...requestBlocks(view));
  const more = describeRequestsNotShown(reply.requests.length, shown.length);
  if (more) blocks.push({ type: 'divider' }, context(escapeText(more)));
  return blocks;
}

function requestBlocks(view: ApprovalRequestView): SlackBlock[] {
  const blocks: SlackBlock[] = [
    section(`*${escapeText(describeRequestHeading(view))}*`),
    ...factSections(view.facts),
    context(escapeText(describeRequestStatus(view))),
  ];
  if (view.state === 'open') {
    blocks.push(
      actions([
        { title: 'Approve', action: actionData(approveCommand(view)), style: 'primary' },
        { title: 'Deny', action: actionData(denyCommand(view)), style: 'danger' },
      ]),
    );
  }
  return blocks;
}
