/** Routes a customer's notifications to the platform its channel is bound on (Teams or Slack). */
import type { Metrics } from '../common/metrics';
import type { Store } from '../store/ports';
import type { ConversationRef, MessageRef, Platform } from '../store/types';
import { HandlerError } from './handler-error';
import type { ChannelReply, Notifier, PlatformNotifier } from './notifier';
import type { Secret } from './reply';

export interface NotifierRouter extends Notifier {
  add(notifier: PlatformNotifier): void;
}

export function createNotifierRouter(store: Store, metrics?: Metrics): NotifierRouter {
  const byPlatform = new Map<Platform, PlatformNotifier>();

  /** Counts a post or update by platform and outcome. */
  async function counted<T>(platform: Platform, send: () => Promise<T>): Promise<T> {
    try {
      const sent = await send();
      metrics?.notifierSends.inc({ platform, outcome: 'ok' });
      return sent;
    } catch (error) {
      metrics?.notifierSends.inc({ platform, outcome: 'failed' });
      throw error;
    }
  }

  function platformNotifier(platform: Platform): PlatformNotifier {
    const notifier = byPlatform.get(platform);
    if (!notifier) {
      const label = platform === 'teams' ? 'Teams' : 'Slack';
      throw new HandlerError(
        'no-channel',
        `The channel is on ${label}, but ${label} is not configured in this m365ops.`,
      );
    }
    return notifier;
  }

  return {
    add(notifier) {
      byPlatform.set(notifier.platform, notifier);
    },
    async canPost(customerId) {
      const binding = await store.bindings.get(customerId);
      return binding !== null && byPlatform.has(binding.platform);
    },
    async post(customerId: string, reply: ChannelReply): Promise<MessageRef> {
      const binding = await store.bindings.get(customerId);
      if (!binding) {
        throw new HandlerError(
          'no-channel',
          `No channel receives ${customerId}'s notifications yet; run \`notify here ${customerId}\` in the channel that should.`,
        );
      }
      const notifier = platformNotifier(binding.platform);
      return counted(binding.platform, () => notifier.post(binding, reply));
    },
    async postTo(conversation: ConversationRef, reply: ChannelReply): Promise<MessageRef> {
      const notifier = platformNotifier(conversation.platform);
      return counted(conversation.platform, () => notifier.post(conversation, reply));
    },
    async update(messageRef: MessageRef, reply: ChannelReply): Promise<void> {
      const notifier = platformNotifier(messageRef.platform);
      await counted(messageRef.platform, () => notifier.update(messageRef, reply));
    },
    async postSecretTo(conversation: ConversationRef, secret: Secret): Promise<boolean> {
      const notifier = byPlatform.get(conversation.platform);
      if (!notifier?.postSecret) return false;
      await counted(conversation.platform, () => notifier.postSecret!(conversation, secret));
      return true;
    },
  };
}
