/**
 * The welcome in Slack: posted in a channel when the bot joins it (member_joined_channel naming the bot), and in the
 * app's messages tab the first time a person opens it (app_home_opened, tab `messages`). Slack sends the latter on
 * every visit and keeps no "first" flag for the messages tab, so m365ops remembers who it greeted (in the store,
 * through the port: once per person, across restarts and replicas).
 */
import type { App as BoltApp } from '@slack/bolt';
import { renderReplyBlocks, welcomeReply } from '../../cards';
import type { SlackTransport } from './slack-transport';
import { callSlack } from './slack-web-api';

export function registerWelcome(bolt: BoltApp, transport: SlackTransport, botUserId: string): void {
  const fromOtherWorkspace = (teamId: unknown) => transport.teamId !== undefined && teamId !== transport.teamId;

  bolt.event('member_joined_channel', async ({ event, body }) => {
    if (event.user !== botUserId || fromOtherWorkspace(body.team_id)) return;
    await postWelcome(transport, event.channel);
  });

  bolt.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'messages' || !event.channel || fromOtherWorkspace(body.team_id)) return;
    if (!(await transport.m365ops.claimWelcome(`slack:${String(body.team_id)}:${event.user}`))) return;
    await postWelcome(transport, event.channel);
  });
}

async function postWelcome(transport: SlackTransport, channel: string): Promise<void> {
  const { text, blocks } = renderReplyBlocks(welcomeReply());
  await callSlack(transport.client, 'chat.postMessage', { channel, text, blocks });
}
