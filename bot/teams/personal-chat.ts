/**
 * A 1:1 chat the bot opens itself with someone who wrote to it from a channel or group chat (proactive): Bot
 * Framework createConversation (POST /v3/conversations on the connector) with the user's ids and the tenant, then the
 * message in the new conversation. A temporary password goes this way, and so does what a requester is told
 * privately later (the warning before their time-boxed admin access ends): the Request carries where to open it.
 */
import { type Activity, type ChannelAccount, type ConversationReference, TurnContext } from 'botbuilder';
import type { RequestContext } from '../../core/request';
import { createConversation, type TeamsAdapter } from './teams-adapter';

/** A message the bot sent, as the Teams notifier refers to it to update it later. */
export interface SentMessage {
  conversationReference: Partial<ConversationReference>;
  activityId: string;
}

export interface PersonalChatTarget {
  serviceUrl: string;
  channelId: string;
  bot: ChannelAccount;
  /** The Teams user (29:…) and their Entra object id. */
  user: { id: string; aadObjectId?: string; name?: string };
  tenantId?: string;
}

/** Marks a stored conversation reference as "open a 1:1 chat with this user" rather than a conversation to continue. */
const marker = 'openPersonalChat';

/** Where someone writing from a channel or group chat can be told something privately later; none from a 1:1 chat. */
export function privateConversationOf(activity: Activity): RequestContext['privateConversation'] {
  if (activity.conversation.conversationType === 'personal' || !activity.from.aadObjectId) return undefined;
  const target = personalChatTargetOf(activity);
  return { channelKey: `personal:${activity.from.aadObjectId}`, reference: { [marker]: true, ...target } };
}

export function personalChatTargetOf(activity: Activity): PersonalChatTarget {
  return JSON.parse(
    JSON.stringify({
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId ?? 'msteams',
      bot: activity.recipient,
      user: { id: activity.from.id, aadObjectId: activity.from.aadObjectId, name: activity.from.name },
      tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id,
    }),
  );
}

/** The target a stored reference names, when it is one `privateConversationOf` made. */
export function personalChatTargetIn(reference: Record<string, unknown>): PersonalChatTarget | undefined {
  if (reference[marker] !== true) return undefined;
  const { [marker]: _marker, ...target } = reference;
  return target as unknown as PersonalChatTarget;
}

/** Opens (or finds again: Teams keeps one 1:1 chat per user and bot) the chat and sends the message in it. */
export async function sendInPersonalChat(
  teams: TeamsAdapter,
  target: PersonalChatTarget,
  message: Partial<Activity>,
): Promise<SentMessage> {
  let sent: SentMessage | undefined;
  await createConversation(
    teams,
    target.channelId,
    target.serviceUrl,
    {
      isGroup: false,
      bot: target.bot,
      members: [{ id: target.user.id, name: target.user.name ?? '', aadObjectId: target.user.aadObjectId }],
      tenantId: target.tenantId,
      channelData: target.tenantId ? { tenant: { id: target.tenantId } } : undefined,
    },
    async (context) => {
      const activityId = (await context.sendActivity(message))?.id;
      const conversationReference: Partial<ConversationReference> = TurnContext.getConversationReference(
        context.activity,
      );
      if (activityId) sent = { conversationReference, activityId };
    },
  );
  if (!sent) throw new Error('The Bot Connector opened the private chat but returned no activity id.');
  return sent;
}
