/**
 * The Bot Framework side of Teams: botbuilder's CloudAdapter, authenticated by its own
 * ConfigurationBotFrameworkAuthentication from the standard environment keys. With MicrosoftAppId unset,
 * authentication is off (dev mode: the web chat and tests); with it set, a request without a valid
 * Bot Framework JWT is answered 401 by the adapter itself.
 */
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationParameters,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationError } from 'botframework-connector';
import type { Logger } from '../../common/logger';

/** Every key ConfigurationBotFrameworkAuthentication understands (design.md §3: "every standard key of it works"). */
const botFrameworkKeys = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'ChannelService',
  'ValidateAuthority',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'OAuthUrl',
  'OAuthApiEndpoint',
  'ToBotFromChannelOpenIdMetadataUrl',
  'BotOpenIdMetadata',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'CallerId',
  'CertificateThumbprint',
  'CertificatePrivateKey',
] as const;

const publicChannelScope = 'https://api.botframework.com';

export interface TeamsAdapter {
  adapter: CloudAdapter;
  /** Empty when authentication is off. */
  botAppId: string;
  /** The audience of outbound tokens, needed by createConversationAsync. */
  channelAudience: string;
  authEnabled: boolean;
}

/** The names jsonwebtoken gives a token it refuses (a bad signature, issuer, audience or time). */
const refusedTokenErrors = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * botbuilder answers 401 only to its own AuthenticationError; a token it cannot verify (signed by a key the OpenID
 * metadata does not publish under that key id) surfaces as jsonwebtoken's error and would be a 500. Both are
 * the caller's fault: 401, with a sentence that says nothing about why.
 */
class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && refusedTokenErrors.has(error.name)) {
        throw new AuthenticationError('The Bot Framework token could not be verified.', 401);
      }
      throw error;
    }
  }
}

export function createTeamsAdapter(env: Record<string, string | undefined>, logger: Logger): TeamsAdapter {
  const options: Record<string, string> = {};
  for (const key of botFrameworkKeys) {
    const value = env[key]?.trim();
    if (value) options[key] = value;
  }
  const auth = new StrictAuthentication(options);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, activityType: context.activity.type }, 'Teams turn failed');
  };
  return {
    adapter,
    botAppId: options.MicrosoftAppId ?? '',
    channelAudience: options.ToChannelFromBotOAuthScope ?? publicChannelScope,
    authEnabled: Boolean(options.MicrosoftAppId),
  };
}

/**
 * Runs `logic` in an existing conversation (proactive). botbuilder hands errors thrown by proactive logic to
 * onTurnError, which would hide them from the caller; here they are rethrown so the caller can retry or report.
 */
export async function continueConversation(
  teams: TeamsAdapter,
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  const outcome: { error?: unknown } = {};
  await teams.adapter.continueConversationAsync(teams.botAppId, reference, async (context) => {
    try {
      await logic(context);
    } catch (error) {
      outcome.error = error ?? new Error('proactive logic failed');
    }
  });
  if ('error' in outcome) throw outcome.error;
}

/** Opens a new conversation (a 1:1 chat) and runs `logic` in it, rethrowing its errors like continueConversation. */
export async function createConversation(
  teams: TeamsAdapter,
  channelId: string,
  serviceUrl: string,
  parameters: ConversationParameters,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  const outcome: { error?: unknown } = {};
  await teams.adapter.createConversationAsync(
    teams.botAppId,
    channelId,
    serviceUrl,
    teams.channelAudience,
    parameters,
    async (context) => {
      try {
        await logic(context);
      } catch (error) {
        outcome.error = error ?? new Error('proactive logic failed');
      }
    },
  );
  if ('error' in outcome) throw outcome.error;
}
