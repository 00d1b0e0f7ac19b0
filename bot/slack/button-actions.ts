/**
 * Button clicks (`block_actions`): the button's verb and JSON value become a Command through the cards'
 * `commandFromAction`. Decisions are answered by the sync handler itself, which updates the channel message
 * for everyone through the notifier (chat.update); the clicker only hears back when refused, too late, or asked
 * to confirm first (an ephemeral question whose button sends the decision confirmed). Other buttons
 * (confirmations, suggestions, "open the form") run like a typed command.
 */
import { cancelledCode, commandFromAction, renderReplyBlocks, verbFromActionId } from '../../cards';
import type { Reply } from '../../core/reply';
import type { Request } from '../../core/request';
import { parseCommand } from '../commands';
import { answerRequest, handleRequest } from './answer-request';
import { isErrorReply, type ReplyTarget, renderReplyMessage, sendToRequester } from './deliver-reply';
import { asksForDenyComment, openDenyModal } from './deny-modal';
import { isFormCommand, openFormModal } from './form-modal';
import { redrawListing, takeListingTs, withListingTs } from './listing-message';
import { createResponder, type Responder } from './response-url';
import { buildSlackContext, type SlackChannel } from './slack-context';
import type { SlackTransport } from './slack-transport';
import { checkWorkspace, type PayloadTeams } from './slack-workspace';

/** The parts of a block_actions payload m365ops reads. */
export interface ButtonClick {
  actionId: string;
  value?: string;
  actionTs: string;
  triggerId: string;
  userId: string;
  userName?: string;
  /** The workspaces the payload names (`team.id`, `user.team_id`). */
  teams: PayloadTeams;
  channel?: SlackChannel;
  responseUrl?: string;
  /** The clicked message is only visible to the clicker (a confirmation, a suggestion). */
  fromEphemeral: boolean;
  /** The clicked message's ts (`container.message_ts`). */
  messageTs?: string;
}

export async function runButtonClick(transport: SlackTransport, click: ButtonClick): Promise<void> {
  const respond = click.responseUrl ? createResponder(click.responseUrl) : undefined;
  const workspace = checkWorkspace(transport, click.teams);
  if (!workspace.ok) {
    // Only the response_url reaches another workspace: the bot token is this workspace's.
    await respond?.(renderReplyMessage(workspace.refusal));
    return;
  }
  const target: ReplyTarget = {
    client: transport.client,
    logger: transport.logger,
    userId: click.userId,
    channelId: click.channel?.channelId,
    respond,
  };
  const verb = verbFromActionId(click.actionId);
  const hints = await transport.m365ops.parseHints();
  const data = readButtonData(click.value);
  // Only a question the clicker was asked (ephemeral) may name the listing message it came from.
  const askedFromListing = takeListingTs(data);
  const command = commandFromAction(verb ?? click.actionId, data, {
    parseText: (text) => parseCommand(text, hints),
  });
  if (isErrorReply(command)) {
    if (command.code === cancelledCode && respond) {
      await respond(renderReplyMessage(command, { replaceOriginal: true }));
    } else {
      await sendToRequester(target, renderReplyBlocks(command));
    }
    return;
  }

  const request: Request = {
    context: buildSlackContext(
      { userId: click.userId, teamId: workspace.teamId, userName: click.userName },
      click.channel,
    ),
    command,
    idempotencyKey: `slack:${click.actionTs}`,
  };
  const origin = click.channel
    ? { ...click.channel, ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}) }
    : undefined;
  if (asksForDenyComment(command) && click.triggerId) {
    await openDenyModal(transport, { triggerId: click.triggerId, requestId: command.requestId, origin, target });
    return;
  }
  if (isFormCommand(command)) {
    await openFormModal(transport, {
      triggerId: click.triggerId,
      request,
      origin,
      userId: click.userId,
    });
    return;
  }
  // A confirmation or suggestion was for the clicker only: it is used up, the answer comes as a new message.
  if (click.fromEphemeral && respond) await removeClicked(transport, respond);
  if (command.name === 'decide' || command.name === 'decide-all') {
    const listingTs = click.fromEphemeral ? askedFromListing : click.messageTs;
    await runDecision(transport, { click, request, target, listingTs });
    return;
  }
  if (!respond) {
    await sendToRequester(target, renderReplyBlocks(await handleRequest(transport, request)));
    return;
  }
  await answerRequest(transport, request, { ...target, respond });
}

/**
 * A decision is answered by the notifier's update of the channel card, for everyone; the clicker hears only a refusal,
 * "already decided by …" or the question it asks first. A `discrepancies` listing it was clicked on (or asked from)
 * is redrawn in place with the decided row's outcome.
 */
async function runDecision(
  transport: SlackTransport,
  decision: { click: ButtonClick; request: Request; target: ReplyTarget; listingTs?: string },
): Promise<void> {
  const { click, request, target, listingTs } = decision;
  const reply = await handleRequest(transport, request);
  const onListing = request.command.name === 'decide' && request.command.listing !== undefined;
  if (reply.kind === 'confirm' && onListing && !click.fromEphemeral && click.messageTs) {
    const { text, blocks } = renderReplyBlocks(reply);
    await sendToRequester(target, { text, blocks: withListingTs(blocks, click.messageTs) });
    return;
  }
  if (isNoteForClicker(reply)) await sendToRequester(target, renderReplyBlocks(reply));
  if (reply.kind === 'discrepancy-list') {
    await redrawListing(target, { ts: listingTs, clickedOnIt: !click.fromEphemeral }, reply);
  }
}

async function removeClicked(transport: SlackTransport, respond: Responder): Promise<void> {
  await respond({ text: 'Done.', delete_original: true }).catch((error: unknown) => {
    transport.logger.info({ err: error }, 'could not remove the ephemeral message that was clicked');
  });
}

/**
 * A refusal, "already decided by …", or the question a decision asks first is for the clicker alone; the channel
 * message changes only when a decision is applied (the notifier updates it for everyone).
 */
function isNoteForClicker(reply: Reply): boolean {
  return reply.kind === 'error' || reply.kind === 'text' || reply.kind === 'confirm';
}

function readButtonData(value: string | undefined): Record<string, unknown> {
  if (value === undefined || value === '') return {};
  try {
    const data: unknown = JSON.parse(value);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch (error) {
    if (error instanceof SyntaxError) return {};
    throw error;
  }
}
