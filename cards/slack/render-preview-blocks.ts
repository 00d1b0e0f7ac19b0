/** `preview <command>` in Block Kit: the outcome, the checks, each write with its request as code, the notes. */
import type { PreviewReply } from '../../core/preview/preview-view';
import { describeCheck, describePreviewHeading, describeWrites, describeWritesHeading } from '../preview-lines';
import { context, divider, escapeText, fitMessage, header, type SlackBlock, section } from './block-kit';

export function renderPreviewBlocks(reply: PreviewReply): SlackBlock[] {
  const blocks: SlackBlock[] = [header(describePreviewHeading(reply)), section(escapeText(reply.summary))];
  if (reply.checks.length > 0)
    blocks.push(section(reply.checks.map((check) => escapeText(describeCheck(check))).join('\n')));
  blocks.push(divider(), section(`*${escapeText(describeWritesHeading(reply))}*`));
  for (const write of describeWrites(reply)) {
    blocks.push(section(`${escapeText(write.title)}\n\`${escapeText(write.request).replace(/`/g, "'")}\``));
  }
  if (reply.notes.length > 0) blocks.push(context(reply.notes.map(escapeText).join('\n')));
  return fitMessage(blocks, 'writes');
}
