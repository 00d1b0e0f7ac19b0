/**
 * Runs a Request through the handlers and answers in Slack. Slack has already been acked; work still running
 * after `workingAfterMs` first shows "working…" in the channel, which the answer then replaces in place.
 */

import { renderWorkingBlocks } from '../../cards';
import { asCodedError } from '../../common/coded-error';
import type { ErrorReply, Reply } from '../../core/reply';
import type { Request } from '../../core/request';
import { deliverReply, deliverSecret, type ReplyTarget, renderReplyMessage } from './deliver-reply';
import type { Responder } from './response-url';
import type { SlackTransport } from './slack-transport';
import { callSlack } from './slack-web-api';

/** Calls the handlers; a failure becomes an ErrorReply so the requester always hears back. */
export async function handleRequest(
  transport: SlackTransport,
  request: Request,
  onProgress?: (text: string) => void,
): Promise<Reply> {
  try {
    return await transport.m365ops.handle(request, onProgress);
  } catch (error) {
    const coded = asCodedError(error);
    transport.logger.error({ err: error, command: request.command.name }, 'a Slack request failed');
    const reply: ErrorReply = { kind: 'error', code: coded.code, message: coded.message };
    return reply;
  }
}

export async function answerRequest(
  transport: SlackTransport,
  request: Request,
  target: ReplyTarget & { respond: Responder },
): Promise<Reply> {
  let progress: string | undefined;
  let working: Promise<boolean> | undefined;
  const timer = setTimeout(() => {
    const { text, blocks } = renderWorkingBlocks(progress);
    working = target
      .respond({ text, blocks, response_type: 'in_channel' })
      .then(() => true)
      .catch((error: unknown) => {
        transport.logger.warn({ err: error }, 'could not show "working…" in Slack');
        return false;
      });
  }, transport.timings.workingAfterMs);

  const reply = await handleRequest(transport, request, (text) => {
    progress = text;
  }).finally(() => clearTimeout(timer));

  const workingShown = working ? await working : false;
  if (await postUpdatable(transport, target, reply, workingShown)) return reply;
  await deliverReply(target, reply, { replaceOriginal: workingShown });
  return reply;
}

/**
 * A reply updated in place later (a consent link's card once answered, a `discrepancies` listing redrawn when a
 * decision is clicked on it, an operation's steps) is posted with
 * chat.postMessage, whose `ts` chat.update can find again: a response_url message cannot be edited after 30
 * minutes. Where the bot may not post (a channel it is not in), the caller answers through the response_url.
 */
async function postUpdatable(
  transport: SlackTransport,
  target: ReplyTarget & { respond: Responder },
  reply: Reply,
  workingShown: boolean,
): Promise<boolean> {
  const updatable =
    reply.kind === 'consent-link' ||
    reply.kind === 'discrepancy-list' ||
    (reply.kind === 'result' && reply.progress !== undefined && !reply.progress.answerOnly);
  if (!updatable || !target.channelId) return false;
  let posted: Record<string, unknown>;
  try {
    const message = renderReplyMessage(reply);
    posted = await callSlack(target.client, 'chat.postMessage', {
      channel: target.channelId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
    });
  } catch (error) {
    transport.logger.info({ err: error }, 'chat.postMessage failed; answering through the response_url instead');
    return false;
  }
  if (workingShown) {
    await target.respond({ text: '', delete_original: true }).catch((error: unknown) => {
      transport.logger.warn({ err: error }, 'could not remove "working…" in Slack');
    });
  }
  const channel = String(posted.channel ?? target.channelId);
  await transport.m365ops.replyPosted(reply, { platform: 'slack', ref: { channel, ts: String(posted.ts) } });
  if (reply.kind === 'result' && reply.secret) await deliverSecret(target, reply.secret);
  return true;
}
