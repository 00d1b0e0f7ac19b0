/**
 * One Teams turn: a typed command, a Universal Action (`adaptiveCard/action` invoke) or a classic Action.Submit
 * becomes one Request for the handlers, and the Reply goes back as a card; a form's typeahead (`application/search`)
 * is answered with the customer's users, and an accepted file (`fileConsent/invoke`) is uploaded. Role checks, customer resolution and
 * idempotency live in the handlers; this file only speaks Teams.
 */
import { type Activity, ActivityTypes, type InvokeResponse, TurnContext } from 'botbuilder';
import { commandFromAction, renderReplyCard, renderSecretCard, renderWorkingCard } from '../../cards';
import { asCodedError } from '../../common/coded-error';
import type { Logger } from '../../common/logger';
import type { M365ops } from '../../core/m365ops-port';
import type { ErrorReply, Reply } from '../../core/reply';
import type { Command, Request, RequestContext } from '../../core/request';
import { parseCommand } from '../commands';
import type { BackgroundTasks } from './background-tasks';
import { cardMessage, invokeCardResponse, invokeErrorResponse, invokeMessageResponse } from './card-messages';
import { readCsvAttachment } from './csv-attachment';
import {
  deliverReply,
  notePosted,
  offerFile,
  type ReplyDelivery,
  type Requester,
  requesterOf,
  separateSecret,
} from './deliver-reply';
import { fileConsentCard, onFileConsent } from './file-consent';
import { createPendingReply, finishLater, type PendingReply, replyWithin } from './long-work';
import { type AllowedTenants, deliveryKeyOf, readCommandText, readRequestContext } from './read-activity';
import { createRecentActivities } from './recent-activities';
import { searchUsers } from './search-users';
import type { TeamsAdapter } from './teams-adapter';
import { createWelcomer, type Welcomer } from './welcome';

export interface TeamsBotOptions {
  m365ops: M365ops;
  logger: Logger;
  teams: TeamsAdapter;
  background: BackgroundTasks;
  /** Whose people may talk to the bot (TEAMS_ALLOWED_TENANTS); `any` in dev mode. */
  allowedTenants: AllowedTenants;
  /** After this long a "working…" card is shown and the result replaces it later (default 2 s). */
  workingCardAfterMs?: number;
  /** A typed command not answered within this long shows the typing indicator (default 300 ms). */
  typingAfterMs?: number;
}

export type TeamsTurn = (context: TurnContext) => Promise<void>;

/** What every step of a turn shares: the options, the deliveries in flight, and how replies are delivered. */
interface TeamsBot {
  options: TeamsBotOptions;
  workingCardAfterMs: number;
  typingAfterMs: number;
  recent: ReturnType<typeof createRecentActivities<PendingReply>>;
  delivery: ReplyDelivery;
  welcome: Welcomer;
}

export function createTeamsBot(options: TeamsBotOptions): TeamsTurn {
  const bot: TeamsBot = {
    options,
    workingCardAfterMs: options.workingCardAfterMs ?? 2000,
    typingAfterMs: options.typingAfterMs ?? 300,
    recent: createRecentActivities<PendingReply>(),
    delivery: {
      teams: options.teams,
      logger: options.logger,
      replyPosted: (reply, message) => options.m365ops.replyPosted(reply, message),
    },
    welcome: createWelcomer(options.allowedTenants),
  };
  // Anything unexpected (the store unreachable, a connector failure) still gets a plain answer, never a stack.
  const unexpected = (error: unknown): ErrorReply => {
    options.logger.error({ err: error }, 'Teams turn failed');
    const coded = asCodedError(error);
    return { kind: 'error', code: coded.code, message: coded.message };
  };

  return async (context) => {
    const activity = context.activity;
    const arrived = await bot.welcome(context).catch((error: unknown) => {
      options.logger.error({ err: error }, 'could not send the welcome card');
      return true;
    });
    if (arrived) return;
    if (activity.type === ActivityTypes.Message) {
      await onMessage(bot, context).catch(async (error: unknown) => {
        await context.sendActivity(cardMessage(renderReplyCard(unexpected(error))));
      });
    } else if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
      const response = await onCardAction(bot, context).catch((error: unknown) =>
        invokeCardResponse(renderReplyCard(unexpected(error))),
      );
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
    } else if (activity.type === ActivityTypes.Invoke && activity.name === 'fileConsent/invoke') {
      const response = await onFileConsent(options, context).catch(async (error: unknown) => {
        await context.sendActivity(cardMessage(renderReplyCard(unexpected(error))));
        return { status: 200 };
      });
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
    } else if (activity.type === ActivityTypes.Invoke && activity.name === 'application/search') {
      const response = await searchUsers(options, activity).catch((error: unknown) => {
        const { code, message } = unexpected(error);
        return invokeErrorResponse(500, code, message);
      });
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
    }
  };
}

async function loadParser(bot: TeamsBot) {
  const hints = await bot.options.m365ops.parseHints();
  return (line: string) => parseCommand(line, hints);
}

function startRequest(bot: TeamsBot, context: RequestContext, command: Command, activity: Activity): PendingReply {
  const request: Request = {
    context,
    command,
    idempotencyKey: `teams:${activity.conversation.id}:${activity.id}:${activity.from.aadObjectId ?? activity.from.id}`,
  };
  return createPendingReply((onProgress) =>
    bot.options.m365ops.handle(request, onProgress).catch((error: unknown): Reply => {
      bot.options.logger.error({ err: error, command: command.name }, 'handler failed');
      const coded = asCodedError(error);
      return { kind: 'error', code: coded.code, message: coded.message };
    }),
  );
}

/** A redelivered activity (same conversation, id and sender) shares the first delivery's pending reply. */
function startOnce(bot: TeamsBot, context: RequestContext, command: Command | ErrorReply, activity: Activity) {
  return bot.recent.once(deliveryKeyOf(activity), async () =>
    'name' in command ? startRequest(bot, context, command, activity) : createPendingReply(async () => command),
  );
}

async function answerInConversation(
  bot: TeamsBot,
  context: TurnContext,
  requester: Requester,
  pending: PendingReply,
  replaceActivityId?: string,
): Promise<void> {
  const quick = await replyWithin(pending, bot.workingCardAfterMs);
  if (quick) {
    await deliverReply(bot.delivery, context, requester, quick, replaceActivityId);
    return;
  }
  const working = cardMessage(renderWorkingCard(pending.progress()));
  let workingActivityId = replaceActivityId;
  if (replaceActivityId) {
    await context.updateActivity({ ...working, id: replaceActivityId, conversation: context.activity.conversation });
  } else {
    workingActivityId = (await context.sendActivity(working))?.id;
  }
  finishLater(pending, {
    ...bot.delivery,
    background: bot.options.background,
    requester,
    workingActivityId,
    reference: TurnContext.getConversationReference(context.activity),
  });
}

async function onMessage(bot: TeamsBot, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const requester = requesterOf(activity);
  const read = readRequestContext(activity, bot.options.allowedTenants);
  if (!read.ok) {
    await deliverReply(bot.delivery, context, requester, read.error);
    return;
  }
  const isSubmit = !readCommandText(activity) && isRecord(activity.value);
  const command = isSubmit
    ? await commandFromSubmit(bot, activity.value)
    : ((await readCsvAttachment(activity, readCommandText(activity))) ??
      (await commandFromText(bot, readCommandText(activity))));
  const { repeat, outcome } = startOnce(bot, read.context, command, activity);
  if (repeat) {
    bot.options.logger.info({ activityId: activity.id }, 'Teams redelivered an activity; answered once already');
    return;
  }
  const pending = await outcome;
  if (!isSubmit) await typingUnlessAnsweredWithin(context, pending, bot.typingAfterMs);
  // A submitted card is replaced by its result (the bot must edit it itself: Submit cannot return a card).
  await answerInConversation(bot, context, requester, pending, isSubmit ? activity.replyToId : undefined);
}

/**
 * The typing indicator costs a connector round trip, so it is sent only when the answer is not ready at once
 * (as botbuilder's ShowTypingMiddleware waits before its first one): a quick answer goes out alone.
 */
async function typingUnlessAnsweredWithin(context: TurnContext, pending: PendingReply, ms: number): Promise<void> {
  if (await replyWithin(pending, ms)) return;
  await context.sendActivity({ type: ActivityTypes.Typing });
}

async function commandFromText(bot: TeamsBot, text: string): Promise<Command | ErrorReply> {
  if (!text) return { name: 'help' };
  const parsed = (await loadParser(bot))(text);
  return parsed.ok ? parsed.command : parsed.error;
}

async function commandFromSubmit(bot: TeamsBot, value: Record<string, unknown>): Promise<Command | ErrorReply> {
  const verb = typeof value.verb === 'string' ? value.verb : '';
  return commandFromAction(verb, value, { parseText: await loadParser(bot) });
}

async function onCardAction(bot: TeamsBot, context: TurnContext): Promise<InvokeResponse> {
  const activity = context.activity;
  const action = isRecord(activity.value) ? activity.value.action : undefined;
  if (!isRecord(action) || action.type !== 'Action.Execute') {
    return invokeErrorResponse(400, 'NotSupported', 'Only Action.Execute card actions are supported.');
  }
  const requester = requesterOf(activity);
  const read = readRequestContext(activity, bot.options.allowedTenants);
  if (!read.ok) return invokeCardResponse(renderReplyCard(read.error));
  const verb = typeof action.verb === 'string' ? action.verb : '';
  const data = isRecord(action.data) ? action.data : {};
  const command = commandFromAction(verb, data, { parseText: await loadParser(bot) });
  const { repeat, outcome } = startOnce(bot, read.context, command, activity);
  const pending = await outcome;
  const quick = await replyWithin(pending, bot.workingCardAfterMs);
  if (quick) {
    if (keepsClickedCard(command, quick)) return invokeMessageResponse(quick.message);
    if (repeat) return invokeCardResponse(renderReplyCard(withoutSecret(quick)));
    const separated = await separateSecret(bot.delivery, requester, quick);
    // A file (a bulk batch's results) is offered after the answer, as a typed command's is.
    const { visible, fileAfter } = offerFile(separated.visible, requester);
    if (separated.secretAfter) await context.sendActivity(cardMessage(renderSecretCard(separated.secretAfter)));
    if (fileAfter) await context.sendActivity(fileConsentCard(fileAfter));
    // The answer replaces the clicked card: that message is where the reply now lives.
    if (activity.replyToId) await notePosted(bot.delivery, context, visible, activity.replyToId);
    return invokeCardResponse(renderReplyCard(visible));
  }
  if (!repeat) {
    finishLater(pending, {
      ...bot.delivery,
      background: bot.options.background,
      requester,
      workingActivityId: activity.replyToId,
      reference: TurnContext.getConversationReference(activity),
    });
  }
  return invokeCardResponse(renderWorkingCard(pending.progress()));
}

/**
 * A decision refused before it reached the discrepancy (the clicker lacks the approver role) has no card of its
 * own to show: a card answer would replace the clicker's copy of the discrepancy with the refusal, so Teams is asked
 * to show the sentence and leave the card alone.
 */
function keepsClickedCard(command: Command | ErrorReply, reply: Reply): reply is ErrorReply {
  const deciding = 'name' in command && (command.name === 'decide' || command.name === 'decide-all');
  return deciding && reply.kind === 'error' && reply.current === undefined;
}

function withoutSecret(reply: Reply): Reply {
  if (reply.kind !== 'result' || !reply.secret) return reply;
  const { secret: _secret, ...rest } = reply;
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
