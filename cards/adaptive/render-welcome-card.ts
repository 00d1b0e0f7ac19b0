/** The welcome as an Adaptive Card: what m365ops does, and its first commands as buttons. */
import type { WelcomeReply } from '../../core/reply';
import { runTextAction } from '../actions';
import welcomeTemplate from '../templates/welcome.json';
import { type AdaptiveCard, executeAction, expandTemplate } from './adaptive-card';

export function renderWelcomeCard(reply: WelcomeReply): AdaptiveCard {
  return expandTemplate(welcomeTemplate, {
    title: reply.title,
    lines: reply.lines.map((text) => ({ text })),
    actions: reply.commands.map((command) => executeAction(command, runTextAction(command))),
  });
}
