/**
 * The notifier port: how handlers and sync reach a customer's bound channel without knowing Teams or Slack.
 * bot/teams and bot/slack each provide a PlatformNotifier; NotifierRouter (core/notifier-router.ts) picks
 * the one the customer's binding names.
 */
import type { ConversationRef, MessageRef, Platform } from '../store/types';
import type { Reply, Secret } from './reply';

/** What may be posted to a channel: never a Reply that carries a secret. */
export type ChannelReply = Exclude<Reply, { kind: 'form' } | { kind: 'confirm' }>;

export interface PlatformNotifier {
  readonly platform: Platform;
  /** Posts into the conversation (a bound channel, a requester's chat), paced under the platform's limits. */
  post(conversation: ConversationRef, reply: ChannelReply): Promise<MessageRef>;
  /** Replaces the posted message in place, for everyone in the channel. */
  update(messageRef: MessageRef, reply: ChannelReply): Promise<void>;
  /** Shows a secret to one person in their own chat with m365ops (Teams 1:1, Slack DM); throws for any other. */
  postSecret?(conversation: ConversationRef, secret: Secret): Promise<void>;
}

export interface Notifier {
  /** Throws HandlerError('no-channel') when the customer has no bound channel. */
  post(customerId: string, reply: ChannelReply): Promise<MessageRef>;
  /** Posts into one conversation, such as the one a request came from (a consent link's requester). */
  postTo(conversation: ConversationRef, reply: ChannelReply): Promise<MessageRef>;
  update(messageRef: MessageRef, reply: ChannelReply): Promise<void>;
  /** Whether the customer has a channel bound on a platform this process can reach. */
  canPost(customerId: string): Promise<boolean>;
  /** A secret shown privately in `conversation` (someone's own chat); false when its platform cannot here. */
  postSecretTo?(conversation: ConversationRef, secret: Secret): Promise<boolean>;
}
