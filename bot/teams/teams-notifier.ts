/**
 * The Teams side of the notifier port: posts a card into a customer's bound channel (the conversation reference
 * `notify here` stored) and edits it in place later, for everyone in the channel. Paced per conversation.
 */
import type { ConversationReference } from 'botbuilder';
import { renderReplyCard, renderSecretCard } from '../../cards';
import type { ChannelReply, PlatformNotifier } from '../../core/notifier';
import type { Secret } from '../../core/reply';
import type { ConversationRef, MessageRef } from '../../store/types';
import { cardMessage } from './card-messages';
import type { ConversationPacer } from './conversation-pacer';
import { personalChatTargetIn, type SentMessage, sendInPersonalChat } from './personal-chat';
import { channelKeyOf } from './read-activity';
import { continueConversation, type TeamsAdapter } from './teams-adapter';

export type TeamsMessageRef = SentMessage;

export function createTeamsNotifier(teams: TeamsAdapter, pacer: ConversationPacer): PlatformNotifier {
  return {
    platform: 'teams',

    async post(binding: ConversationRef, reply: ChannelReply): Promise<MessageRef> {
      const conversationReference = binding.reference as Partial<ConversationReference>;
      const message = cardMessage(renderReplyCard(withoutSecret(reply)));
      // Someone told privately who wrote from a channel: a 1:1 chat the bot opens with them.
      const personal = personalChatTargetIn(binding.reference);
      if (personal) {
        const sent = await pacer.send(binding.channelKey, () => sendInPersonalChat(teams, personal, message));
        return { platform: 'teams', ref: { ...sent } };
      }
      const activityId = await pacer.send(binding.channelKey, async () => {
        let id: string | undefined;
        await continueConversation(teams, conversationReference, async (context) => {
          id = (await context.sendActivity(message))?.id;
        });
        return id;
      });
      if (!activityId) throw new Error('The Bot Connector accepted the message but returned no activity id.');
      const ref: TeamsMessageRef = { conversationReference, activityId };
      return { platform: 'teams', ref: { ...ref } };
    },

    async update(messageRef: MessageRef, reply: ChannelReply): Promise<void> {
      const { conversationReference, activityId } = messageRef.ref as unknown as TeamsMessageRef;
      const message = cardMessage(renderReplyCard(withoutSecret(reply)));
      const key = channelKeyOf(conversationReference.conversation?.id ?? '');
      await pacer.send(key, () =>
        continueConversation(teams, conversationReference, async (context) => {
          await context.updateActivity({ ...message, id: activityId, conversation: context.activity.conversation });
        }),
      );
    },

    async postSecret(conversation: ConversationRef, secret: Secret): Promise<void> {
      const message = cardMessage(renderSecretCard(secret));
      const personal = personalChatTargetIn(conversation.reference);
      if (personal) {
        await pacer.send(conversation.channelKey, () => sendInPersonalChat(teams, personal, message));
        return;
      }
      const conversationReference = conversation.reference as Partial<ConversationReference>;
      if (conversationReference.conversation?.conversationType !== 'personal') {
        throw new Error('A secret is shown only in a personal chat, never in a channel or a group chat.');
      }
      await pacer.send(conversation.channelKey, () =>
        continueConversation(teams, conversationReference, async (context) => {
          await context.sendActivity(message);
        }),
      );
    },
  };
}

// Channel posts never carry a password, whatever a caller passes.
function withoutSecret(reply: ChannelReply): ChannelReply {
  if (reply.kind !== 'result' || !reply.secret) return reply;
  const { secret: _secret, ...rest } = reply;
  return rest;
}
