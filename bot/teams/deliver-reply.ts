/**
 * Sends a handler's Reply into a Teams conversation as a card, or replaces a card already there. A temporary
 * password (ResultReply.secret) never goes into the conversation: in a personal chat it follows as its own card;
 * from a channel or group chat it goes to the requester in a new 1:1 chat, and the channel hears where it went.
 */
import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import { renderReplyCard, renderSecretCard } from '../../cards';
import type { Logger } from '../../common/logger';
import type { M365ops } from '../../core/m365ops-port';
import type { Reply, ReplyFile, ResultReply, Secret } from '../../core/reply';
import { cardMessage } from './card-messages';
import { fileConsentCard, fileConsentNote } from './file-consent';
import { sendInPersonalChat } from './personal-chat';
import type { TeamsAdapter } from './teams-adapter';

export const sentPrivatelyNote = 'I sent the temporary password to you in a private chat with me.';
export const notSentPrivatelyNote =
  'I could not open a private chat with you, so the temporary password was not shown. Add the m365ops app for yourself (personal scope) and reset the password from a chat with me.';

export interface Requester {
  /** The Teams user (29:…) and their Entra object id, from the incoming activity. */
  userId: string;
  aadObjectId?: string;
  name?: string;
  isPersonal: boolean;
  tenantId?: string;
  /** The conversation the request came from, to start a 1:1 chat in the same tenant and service. */
  reference: Partial<ConversationReference>;
}

export function requesterOf(activity: Activity): Requester {
  return {
    userId: activity.from.id,
    aadObjectId: activity.from.aadObjectId,
    name: activity.from.name,
    isPersonal: activity.conversation.conversationType === 'personal',
    tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id,
    reference: {
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId,
      conversation: activity.conversation,
      bot: activity.recipient,
      user: activity.from,
    },
  };
}

export interface ReplyDelivery {
  teams: TeamsAdapter;
  logger: Logger;
  /** Told where each reply's card went (a consent link's card is updated in place later). */
  replyPosted?: M365ops['replyPosted'];
}

/**
 * Takes the secret out of a reply before it is rendered for a conversation, delivering it privately first so the
 * conversation's card can say where it went. Returns the reply to show in the conversation and the secret card to
 * send after it when the conversation is the requester's personal chat.
 */
export async function separateSecret(
  delivery: ReplyDelivery,
  requester: Requester,
  reply: Reply,
): Promise<{ visible: Reply; secretAfter?: Secret }> {
  if (reply.kind !== 'result' || !reply.secret) return { visible: reply };
  const { secret, ...rest } = reply;
  const visible: ResultReply = rest;
  if (requester.isPersonal) return { visible: { ...visible, secret }, secretAfter: secret };
  const sent = await sendSecretPrivately(delivery, requester, secret);
  return {
    visible: { ...visible, notes: [...(visible.notes ?? []), sent ? sentPrivatelyNote : notSentPrivatelyNote] },
  };
}

/** Sends the reply as a new message, or replaces `replaceActivityId` in place. */
export async function deliverReply(
  delivery: ReplyDelivery,
  context: TurnContext,
  requester: Requester,
  reply: Reply,
  replaceActivityId?: string,
): Promise<void> {
  const separated = await separateSecret(delivery, requester, reply);
  const { visible, fileAfter } = offerFile(separated.visible, requester);
  const { secretAfter } = separated;
  const message = cardMessage(renderReplyCard(visible));
  let activityId = replaceActivityId;
  if (replaceActivityId) {
    await context.updateActivity({ ...message, id: replaceActivityId, conversation: context.activity.conversation });
  } else {
    activityId = (await context.sendActivity(message))?.id;
  }
  if (activityId) await notePosted(delivery, context, visible, activityId);
  if (secretAfter) await context.sendActivity(cardMessage(renderSecretCard(secretAfter)));
  if (fileAfter) await context.sendActivity(fileConsentCard(fileAfter));
}

/**
 * A file Teams can take (in a personal chat, drawn again on accept) is offered by a consent card after the reply,
 * which then says so instead of showing the file as text.
 */
export function offerFile(
  reply: Reply,
  requester: Requester,
): { visible: Reply; fileAfter?: ReplyFile & { again: string } } {
  if (reply.kind !== 'result' || !reply.file?.again || !requester.isPersonal) return { visible: reply };
  const { file, ...rest } = reply;
  const visible: ResultReply = { ...rest, notes: [...(rest.notes ?? []), fileConsentNote] };
  return { visible, fileAfter: { ...file, again: file.again! } };
}

/** Hands the port where the card went, as the Teams notifier would refer to it to update it later. */
export async function notePosted(
  delivery: ReplyDelivery,
  context: TurnContext,
  reply: Reply,
  activityId: string,
): Promise<void> {
  if (!delivery.replyPosted) return;
  const conversationReference = TurnContext.getConversationReference(context.activity);
  await delivery.replyPosted(reply, { platform: 'teams', ref: { conversationReference, activityId } });
}

/** A new 1:1 chat with the requester (proactive), in the tenant the request came from. */
async function sendSecretPrivately(delivery: ReplyDelivery, requester: Requester, secret: Secret): Promise<boolean> {
  const { teams, logger } = delivery;
  try {
    await sendInPersonalChat(
      teams,
      {
        serviceUrl: requester.reference.serviceUrl ?? '',
        channelId: requester.reference.channelId ?? 'msteams',
        bot: requester.reference.bot!,
        user: { id: requester.userId, aadObjectId: requester.aadObjectId, name: requester.name },
        tenantId: requester.tenantId,
      },
      cardMessage(renderSecretCard(secret)),
    );
    return true;
  } catch (error) {
    // The password is not in the error: only the label (which names the user) is logged.
    logger.warn({ err: error, secretLabel: secret.label }, 'could not open a private chat for a temporary password');
    return false;
  }
}
