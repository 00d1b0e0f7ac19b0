/**
 * Runs a Request through the handlers and answers in Slack. Slack has already been acked; work still running
 * after `workingAfterMs` first shows "working…" in the channel, which the answer then replaces in place.
 */

import { renderWorkingBlocks } from '../../cards';
import { asCodedError } from '../../common/coded-error';
import type { ErrorReply, Reply } from '../../core/reply';
import type { Request } from '../../core/request';
import { deliverReply, type ReplyTarget } from './deliver-reply';
import type { Responder } from './response-url';
import type { SlackTransport } from './slack-transport';

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
  await deliverReply(target, reply, { replaceOriginal: workingShown });
  return reply;
}
