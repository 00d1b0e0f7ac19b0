/**
 * The values `npm run package:teams` fills into appPackage/manifest.json, read from the environment under the names
 * the Microsoft 365 Agents Toolkit writes to env/.env.<env> (BOT_ID, TEAMS_APP_ID, BOT_DOMAIN), or under the names
 * m365ops itself runs with (MicrosoftAppId, PUBLIC_URL), so one environment serves the bot and its package.
 */
import { CodedError } from '../common/coded-error';

export type PackageErrorCode = 'missing-setting' | 'bad-setting' | 'bad-icon' | 'unfilled-placeholder';

export class PackageError extends CodedError<PackageErrorCode> {}

export interface TeamsPackageSettings {
  /** The Application (client) ID of the bot's Entra app registration (BOT_ID, or MicrosoftAppId). */
  botId: string;
  /** The Teams app's own id (TEAMS_APP_ID); the bot id when unset, which Teams accepts. */
  teamsAppId: string;
  /** The host name Teams reaches the bot at (BOT_DOMAIN, or PUBLIC_URL's host). */
  botDomain: string;
}

type Env = Record<string, string | undefined>;

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hostPattern = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const exampleGuid = '6b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

function value(env: Env, key: string): string | undefined {
  const raw = env[key]?.trim();
  return raw ? raw : undefined;
}

/** Every missing or malformed value is named in one error, with what it must be and where it comes from. */
export function readPackageSettings(env: Env): TeamsPackageSettings {
  const problems: string[] = [];
  let missing = false;

  const botKey = value(env, 'BOT_ID') ? 'BOT_ID' : 'MicrosoftAppId';
  const botId = value(env, botKey);
  if (!botId) {
    missing = true;
    problems.push(
      `BOT_ID (or MicrosoftAppId, as the running bot reads it) is not set: it must be the Application (client) ID of the bot's Entra app registration, a GUID such as ${exampleGuid}`,
    );
  } else if (!guidPattern.test(botId)) {
    problems.push(
      `${botKey} is "${botId}", but it must be the bot's Application (client) ID, a GUID such as ${exampleGuid}`,
    );
  }

  const teamsAppId = value(env, 'TEAMS_APP_ID');
  if (teamsAppId && !guidPattern.test(teamsAppId)) {
    problems.push(`TEAMS_APP_ID is "${teamsAppId}", but it must be a GUID (or unset, to use the bot's id)`);
  }

  const domain = readBotDomain(env);
  if ('problem' in domain) problems.push(domain.problem);
  if ('missing' in domain) {
    missing = true;
    problems.push(
      'BOT_DOMAIN (or PUBLIC_URL, as the running bot reads it) is not set: it must be the host name Teams reaches the bot at, such as bot.example.com',
    );
  }
  const botDomain = 'domain' in domain ? domain.domain : undefined;

  if (problems.length > 0 || !botId || !botDomain) {
    throw new PackageError(
      missing ? 'missing-setting' : 'bad-setting',
      `The Teams app package cannot be built: ${problems.join('; ')}. For example: BOT_ID=${exampleGuid} PUBLIC_URL=https://bot.example.com npm run package:teams (docs/setup.md, "The Teams app").`,
      { problems },
    );
  }
  return { botId, teamsAppId: teamsAppId ?? botId, botDomain: botDomain.toLowerCase() };
}

type DomainReading = { domain: string } | { problem: string } | { missing: true };

function readBotDomain(env: Env): DomainReading {
  const domain = value(env, 'BOT_DOMAIN');
  if (domain) {
    if (hostPattern.test(domain)) return { domain };
    return {
      problem: `BOT_DOMAIN is "${domain}", but it must be a host name alone, such as bot.example.com (no https://, no path)`,
    };
  }
  const publicUrl = value(env, 'PUBLIC_URL');
  if (!publicUrl) return { missing: true };
  const mustBe = 'an https URL such as https://bot.example.com';
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return { problem: `PUBLIC_URL is "${publicUrl}", but it must be the URL Teams reaches the bot at, ${mustBe}` };
  }
  if (url.protocol !== 'https:') {
    return { problem: `PUBLIC_URL is "${publicUrl}", but Teams reaches bots over https only: it must be ${mustBe}` };
  }
  return { domain: url.hostname };
}
