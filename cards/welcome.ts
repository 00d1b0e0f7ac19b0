/** The welcome a new chat gets from the bot (Teams install or team add, Slack channel join or first App Home visit). */
import type { WelcomeReply } from '../core/reply';

export function welcomeReply(): WelcomeReply {
  return {
    kind: 'welcome',
    title: 'Hello, I am m365ops',
    lines: [
      'I add, change and remove your customers’ Microsoft 365 users, licences and admin roles, and I tell you what changed in their tenants outside m365ops, for you to accept or put back.',
      'Type a command, or start with one of these; help lists everything your role allows.',
    ],
    commands: ['help', 'status', 'add user'],
  };
}
