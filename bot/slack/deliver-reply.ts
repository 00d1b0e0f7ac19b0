/**
 * Where each Reply goes in Slack. Results and views go to the channel; errors, help, confirmations and form
 * buttons only to the requester. A temporary password goes only to the requester, as an ephemeral message,
 * and never into a channel message.
 */

import { renderReplyBlocks, renderSecretBlocks } from '../../cards';
import type { Logger } from '../../common/logger';
import type { ErrorReply, Reply, ResultReply, Secret } from '../../core/reply';
import type { Command } from '../../core/request';
import type { Responder, ResponseMessage } from './response-url';
import { callSlack, type SlackClient } from './slack-web-api';
import { deliverFile } from './upload-file';

export interface ReplyTarget {
  client: SlackClient;
  logger: Logger;
  userId: string;
  channelId?: string;
  /** The response_url of the command or button, when Slack gave one. */
  respond?: Responder;
}

export function isPrivateReply(reply: Reply): boolean {
  return reply.kind === 'error' || reply.kind === 'help' || reply.kind === 'confirm' || reply.kind === 'form';
}

/** The message for a reply, without its secret. */
export function renderReplyMessage(reply: Reply, options: { replaceOriginal?: boolean } = {}): ResponseMessage {
  const { text, blocks } = renderReplyBlocks(withoutSecret(reply));
  return {
    text,
    blocks,
    response_type: isPrivateReply(reply) ? 'ephemeral' : 'in_channel',
    ...(options.replaceOriginal ? { replace_original: true } : {}),
  };
}

/** Answers through the response_url (replacing "working…" when asked), then sends any secret privately. */
export async function deliverReply(
  target: ReplyTarget & { respond: Responder },
  reply: Reply,
  options: { replaceOriginal?: boolean } = {},
): Promise<void> {
  await target.respond(renderReplyMessage(reply, options));
  if (reply.kind === 'result' && reply.secret) await deliverSecret(target, reply.secret);
  if (reply.kind === 'result' && reply.file) await deliverFile(target, reply.file);
}

/** The password as an ephemeral message only the requester sees; through the response_url if the bot may not post there. */
export async function deliverSecret(target: ReplyTarget, secret: Secret): Promise<void> {
  await sendToRequester(target, renderSecretBlocks(secret));
}

/** An ephemeral message to the requester: chat.postEphemeral, or the response_url where the bot is not a member. */
export async function sendToRequester(
  target: ReplyTarget,
  message: { text: string; blocks: unknown[] },
): Promise<void> {
  if (target.channelId) {
    try {
      await callSlack(target.client, 'chat.postEphemeral', {
        channel: target.channelId,
        user: target.userId,
        ...message,
      });
      return;
    } catch (error) {
      if (!target.respond) throw error;
      target.logger.info({ err: error }, 'chat.postEphemeral failed; answering through the response_url instead');
    }
  }
  if (!target.respond) throw new Error('No way to reach the requester privately: no channel and no response_url.');
  await target.respond({ ...(message as ResponseMessage), response_type: 'ephemeral', replace_original: false });
}

export function withoutSecret<R extends Reply>(reply: R): R {
  if (reply.kind !== 'result' || (reply as ResultReply).secret === undefined) return reply;
  const copy = { ...reply } as ResultReply;
  delete copy.secret;
  return copy as R;
}

/** `commandFromAction` answers a Command or an ErrorReply (a decide-all Command has a `kind` too). */
export function isErrorReply(value: Command | ErrorReply): value is ErrorReply {
  return 'kind' in value && value.kind === 'error';
}
