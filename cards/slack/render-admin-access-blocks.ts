/** Admin access (a time-boxed role ending, ended or overdue; `admins`) as Block Kit. */
import type { AdminAccessReply } from '../../core/reply';
import { actionData } from '../actions';
import { actions, context, escapeText, factSections, type SlackBlock, section } from './block-kit';

const marks = { info: ':information_source:', warning: ':hourglass_flowing_sand:', alert: ':rotating_light:' } as const;

export function renderAdminAccessBlocks(reply: AdminAccessReply): SlackBlock[] {
  const blocks: SlackBlock[] = [section(`${marks[reply.tone]} *${escapeText(reply.title)}*`)];
  for (const part of reply.sections) {
    if (part.heading) blocks.push(section(`*${escapeText(part.heading)}*`));
    blocks.push(...factSections(part.facts));
    if (part.actions.length > 0) {
      blocks.push(
        actions(
          part.actions.map((action) => ({
            title: action.label,
            action: actionData(action.command),
            ...(action.command.name === 'revoke-admin' ? { style: 'danger' as const } : {}),
          })),
        ),
      );
    }
  }
  for (const note of reply.notes) blocks.push(context(escapeText(note)));
  blocks.push(context(escapeText(`Customer: ${reply.customerName}`)));
  return blocks;
}
