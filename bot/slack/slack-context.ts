/**
 * Who asks and where, read from Slack's payloads into the plain RequestContext the handlers take, and the
 * modal's private_metadata that carries the channel of the command across the modal round trip.
 */
import { slackIdentity } from '../../common/identity';
import type { RequestContext } from '../../core/request';

export interface SlackChannel {
  channelId: string;
  channelName?: string;
  teamId?: string;
}

export interface SlackRequester {
  userId: string;
  /** The user's workspace: a user id means someone only within it. */
  teamId: string;
  userName?: string;
}

export function buildSlackContext(user: SlackRequester, channel: SlackChannel | undefined): RequestContext {
  const context: RequestContext = {
    identity: slackIdentity(user.teamId, user.userId),
    origin: 'slack',
    isPersonal: channel !== undefined && isDirectMessage(channel.channelId),
  };
  if (user.userName) context.displayName = user.userName;
  // chat.postMessage to a user id posts in the app's direct messages with them.
  if (!context.isPersonal)
    context.privateConversation = { channelKey: user.userId, reference: { channelId: user.userId } };
  if (channel) {
    context.channelKey = channel.channelId;
    if (channel.channelName) context.channelName = channel.channelName;
    context.channelReference = { channelId: channel.channelId, ...(channel.teamId ? { teamId: channel.teamId } : {}) };
  }
  return context;
}

/** Slack's direct-message channel ids start with D. */
export function isDirectMessage(channelId: string): boolean {
  return channelId.startsWith('D');
}

/** What a modal remembers of the command that opened it (Slack allows 3,000 characters). */
export interface ModalOrigin extends SlackChannel {
  /** The command's response_url: it reaches the channel even where the bot is not a member (30 minutes). */
  responseUrl?: string;
}

export function writeModalOrigin(origin: ModalOrigin | undefined): string {
  if (!origin) return '';
  const text = JSON.stringify(origin);
  return text.length <= 3000 ? text : JSON.stringify({ ...origin, responseUrl: undefined });
}

/** The origin a modal carries, or undefined when the metadata is not ours. */
export function readModalOrigin(privateMetadata: string | undefined): ModalOrigin | undefined {
  if (!privateMetadata) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(privateMetadata);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { channelId, channelName, teamId, responseUrl } = parsed as Record<string, unknown>;
  if (typeof channelId !== 'string' || !/^[A-Z0-9]{1,30}$/.test(channelId)) return undefined;
  return {
    channelId,
    ...(typeof channelName === 'string' ? { channelName } : {}),
    ...(typeof teamId === 'string' ? { teamId } : {}),
    ...(typeof responseUrl === 'string' ? { responseUrl } : {}),
  };
}
