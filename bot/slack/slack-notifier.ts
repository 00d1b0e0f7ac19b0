/**
 * The Slack side of the notifier port: discrepancy messages (with Approve / Revoke buttons) posted with
 * chat.postMessage into the customer's bound channel, and replaced in place with chat.update once decided.
 */

import { renderReplyBlocks, renderSecretBlocks } from '../../cards';
import type { ChannelReply, PlatformNotifier } from '../../core/notifier';
import type { Secret } from '../../core/reply';
import type { ConversationRef, MessageRef } from '../../store/types';
import { type ChannelPacer, createChannelPacer } from './channel-pacer';
import { withoutSecret } from './deliver-reply';
import { SlackApiError } from './slack-error';
import { callSlack, type SlackClient } from './slack-web-api';

export interface SlackNotifierOptions {
  client: SlackClient;
  pacer?: ChannelPacer;
}

export function createSlackNotifier(options: SlackNotifierOptions): PlatformNotifier {
  const { client } = options;
  const pacer = options.pacer ?? createChannelPacer();

  return {
    platform: 'slack',
    async post(binding: ConversationRef, reply: ChannelReply): Promise<MessageRef> {
      const channel = channelOf(binding);
      const message = renderReplyBlocks(withoutSecret(reply));
      const answer = await pacer
        .run(channel, () => callSlack(client, 'chat.postMessage', { channel, ...message, unfurl_links: false }))
        .catch((error: unknown) => {
          throw new SlackApiError(`post to Slack channel ${binding.channelName ?? channel}`, error);
        });
      return { platform: 'slack', ref: { channel: String(answer.channel ?? channel), ts: String(answer.ts) } };
    },
    async update(messageRef: MessageRef, reply: ChannelReply): Promise<void> {
      const { channel, ts } = messageRef.ref;
      if (typeof channel !== 'string' || typeof ts !== 'string') {
        throw new SlackApiError('update the Slack message', new Error('the message reference has no channel and ts'));
      }
      const message = renderReplyBlocks(withoutSecret(reply));
      await pacer
        .run(channel, () => callSlack(client, 'chat.update', { channel, ts, ...message }))
        .catch((error: unknown) => {
          throw new SlackApiError('update the Slack message', error);
        });
    },
    async postSecret(conversation: ConversationRef, secret: Secret): Promise<void> {
      // A user id (the app's DM with them) or a DM channel: never a channel others read.
      const channel = channelOf(conversation);
      if (!/^[UWD][A-Z0-9]+$/.test(channel)) throw new Error('A secret is shown only in a direct message.');
      await pacer
        .run(channel, () => callSlack(client, 'chat.postMessage', { channel, ...renderSecretBlocks(secret) }))
        .catch((error: unknown) => {
          throw new SlackApiError('send the direct message', error);
        });
    },
  };
}

function channelOf(binding: ConversationRef): string {
  const channelId = binding.reference.channelId;
  return typeof channelId === 'string' && channelId !== '' ? channelId : binding.channelKey;
}
