/** The welcome in Block Kit: what m365ops does, and its first commands as buttons. */
import type { WelcomeReply } from '../../core/reply';
import { runTextAction } from '../actions';
import { actions, escapeText, header, type SlackBlock, section } from './block-kit';

export function renderWelcomeBlocks(reply: WelcomeReply): SlackBlock[] {
  return [
    header(reply.title),
    ...reply.lines.map((line) => section(escapeText(line))),
    actions(reply.commands.map((command) => ({ title: command, action: runTextAction(command) }))),
  ];
}
