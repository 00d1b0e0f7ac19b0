/**
 * Deny on a request message in Slack asks for an optional comment in a modal (design §9), as the Teams card's Deny
 * shows a comment input; submitting it denies the request as the person who submitted it. The request message is
 * redrawn for everyone by the notifier; the submitter hears back only when refused or too late.
 */
import { denyCommentBlockId, readModalValues, renderDenyModal, renderReplyBlocks } from '../../cards';
import type { Reply } from '../../core/reply';
import type { Command, Request } from '../../core/request';
import { handleRequest } from './answer-request';
import { type ReplyTarget, sendToRequester } from './deliver-reply';
import { createResponder } from './response-url';
import { buildSlackContext, type ModalOrigin, readModalOrigin, writeModalOrigin } from './slack-context';
import type { SlackTransport } from './slack-transport';
import { callSlack } from './slack-web-api';
import { checkWorkspace, type PayloadTeams } from './slack-workspace';

/** A Deny click carries no comment yet: the modal asks for one. */
export function asksForDenyComment(command: Command): command is Extract<Command, { name: 'deny-request' }> {
  return command.name === 'deny-request' && command.comment === undefined;
}

export async function openDenyModal(
  transport: SlackTransport,
  options: { triggerId: string; requestId: string; origin?: ModalOrigin; target: ReplyTarget },
): Promise<void> {
  const metadata = JSON.stringify({ requestId: options.requestId, origin: writeModalOrigin(options.origin) });
  try {
    await callSlack(transport.client, 'views.open', {
      trigger_id: options.triggerId,
      view: renderDenyModal(options.requestId, metadata),
    });
  } catch (error) {
    transport.logger.warn({ err: error }, 'views.open failed for a Deny comment');
    const text = `Slack did not open the comment window in time. Click Deny again, or type \`deny request ${options.requestId}\`.`;
    await sendToRequester(options.target, { text, blocks: [] });
  }
}

/** What a submitted Deny modal gives us (the parts we read). */
export interface DenySubmission {
  triggerId: string;
  userId: string;
  userName?: string;
  teams: PayloadTeams;
  privateMetadata?: string;
  stateValues: Record<string, Record<string, unknown>>;
}

export async function submitDeny(
  transport: SlackTransport,
  submission: DenySubmission,
  ack: () => Promise<void>,
): Promise<void> {
  // The modal closes at once; what comes of the decision shows on the request message, or privately when refused.
  await ack();
  const { requestId, origin } = readDenyMetadata(submission.privateMetadata);
  const target: ReplyTarget = {
    client: transport.client,
    logger: transport.logger,
    userId: submission.userId,
    channelId: origin?.channelId,
    respond: origin?.responseUrl ? createResponder(origin.responseUrl) : undefined,
  };
  const workspace = checkWorkspace(transport, submission.teams);
  if (!workspace.ok || !requestId) {
    const refusal: Reply = workspace.ok
      ? {
          kind: 'error',
          code: 'bad-input',
          message: 'This Deny window did not say which request it was for; nothing was done.',
        }
      : workspace.refusal;
    await sendToRequester(target, renderReplyBlocks(refusal));
    return;
  }
  const comment = readModalValues(submission.stateValues)[denyCommentBlockId];
  const trimmed = typeof comment === 'string' ? comment.trim() : '';
  const request: Request = {
    context: buildSlackContext(
      { userId: submission.userId, teamId: workspace.teamId, userName: submission.userName },
      origin,
    ),
    command: { name: 'deny-request', requestId, ...(trimmed ? { comment: trimmed } : {}) },
    idempotencyKey: `slack:${submission.triggerId}`,
  };
  const reply = await handleRequest(transport, request);
  const forSubmitter = reply.kind === 'error' || (reply.kind === 'approval-request' && reply.note !== undefined);
  if (forSubmitter) await sendToRequester(target, renderReplyBlocks(reply));
}

function readDenyMetadata(privateMetadata: string | undefined): { requestId?: string; origin?: ModalOrigin } {
  try {
    const parsed = JSON.parse(privateMetadata ?? '') as { requestId?: unknown; origin?: unknown };
    const requestId = typeof parsed.requestId === 'string' ? parsed.requestId : undefined;
    const origin = typeof parsed.origin === 'string' ? readModalOrigin(parsed.origin) : undefined;
    return { ...(requestId ? { requestId } : {}), ...(origin ? { origin } : {}) };
  } catch (error) {
    if (error instanceof SyntaxError) return {};
    throw error;
  }
}
