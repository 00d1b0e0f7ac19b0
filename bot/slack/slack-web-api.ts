/**
 * Every Slack Web API method m365ops calls, with the bot scopes it needs. The Slack calls go through
 * `callSlack`, which accepts only these names, and the app manifest (manifest/slack-app.yaml) must ask for
 * exactly these scopes (a test holds the two together).
 */
import type { webApi } from '@slack/bolt';

export type SlackClient = webApi.WebClient;

export const slackEventsPath = '/slack/events';
export const slackSlashCommand = '/m365';
/** Events that mean the app stopped working in the workspace (neither needs a scope). */
export const slackRemovalEvents = ['app_uninstalled', 'tokens_revoked'] as const;
/** Events the welcome answers: the bot joined a channel; someone opened the app's messages (App Home). */
export const slackWelcomeEvents = ['member_joined_channel', 'app_home_opened'] as const;
/**
 * Messages in the app's DMs and in the channels it is in: a file shared there (subtype `file_share`) is read as
 * `bulk` when it is a CSV. Bolt hears all three as `message` events.
 */
export const slackMessageEvents = ['message.im', 'message.channels', 'message.groups'] as const;
/** Every event the app subscribes to. */
export const slackBotEvents = [...slackRemovalEvents, ...slackWelcomeEvents, ...slackMessageEvents] as const;
/**
 * member_joined_channel is delivered for public channels with channels:read, for private ones with groups:read;
 * the message events need the history scope of their kind of conversation.
 */
export const slackEventScopes = [
  'channels:read',
  'groups:read',
  'im:history',
  'channels:history',
  'groups:history',
] as const;
/** A slash command needs the `commands` scope whatever else it does. */
export const slashCommandScope = 'commands';

export const slackWebApiMethods = {
  /** At start: proves the bot token and names the bot user. */
  'auth.test': [],
  /** Results and notifications; `chat:write.public` posts to a public channel bound with `notify here` without joining it. */
  'chat.postMessage': ['chat:write', 'chat:write.public'],
  /** Temporary passwords, and refusals, to the requester only. */
  'chat.postEphemeral': ['chat:write'],
  /** A decided discrepancy, updated in place for everyone; "working…" replaced by the result. */
  'chat.update': ['chat:write'],
  /** A report's file: where to upload it, then sharing it in the channel it was asked in. */
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  /** A CSV shared with the app: its name, type, size and `url_private_download` (read with the bot token). */
  'files.info': ['files:read'],
  /** Modals are opened with the trigger id of the user's action and need no scope. */
  'views.open': [],
  'views.update': [],
} as const satisfies Record<string, readonly string[]>;

export type SlackMethod = keyof typeof slackWebApiMethods;

/** The bot scopes the app needs: the slash command plus every method above. */
export function requiredBotScopes(): string[] {
  const scopes = new Set<string>([slashCommandScope, ...slackEventScopes]);
  for (const methodScopes of Object.values(slackWebApiMethods)) {
    for (const scope of methodScopes) scopes.add(scope);
  }
  return [...scopes].sort();
}

export type SlackArguments = Record<string, unknown>;

export interface SlackAnswer {
  ok: boolean;
  [key: string]: unknown;
}

/** Calls one of the listed Web API methods; the WebClient retries on `ratelimited`, honouring Retry-After. */
export async function callSlack(client: SlackClient, method: SlackMethod, args: SlackArguments): Promise<SlackAnswer> {
  return (await client.apiCall(method, args)) as SlackAnswer;
}
