/**
 * The environment of design.md §3, parsed and validated at start. A bad value stops the process with a
 * message that names the key, the value and what is allowed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { parseDuration } from '../core/duration';
import { ConfigError, describeValue } from './config-error';
import { type GraphNotificationsEnv, readGraphNotifications } from './graph-notifications-env';

export interface EnvConfig {
  port: number;
  publicUrl: string;
  teams: TeamsEnv;
  slack?: { signingSecret: string; botToken: string; apiUrl: string };
  /** SLACK_TEAM_ID: the MSP's Slack workspace; requests from others are refused, bare `slack:<user>` means it. */
  slackTeamId?: string;
  /** Absent: the built-in simulator runs in-process. */
  m365?: { clientId: string; clientSecret: string; loginUrl: string; graphUrl: string; exchangeUrl: string };
  mongodbUri?: string;
  dataDir: string;
  configPath?: string;
  syncCron: string;
  /** SYNC_CONCURRENCY: tenants one process syncs at once; unset, the scheduler's default. */
  syncConcurrency?: number;
  logLevel: string;
  /** METRICS_TOKEN: the bearer token GET /metrics requires; unset, /metrics answers on loopback only. */
  metricsToken?: string;
  /** M365_TENANT_ID: the MSP's own tenant, where the Graph app is registered (default MicrosoftAppTenantId). */
  mspTenantId?: string;
  /** REQUEST_TTL: how long an approval request stays open, in minutes (default 24 h). */
  requestTtlMinutes: number;
  /** APPROVALS_CHANNEL: per platform, where requests go instead of the customer's channel. */
  approvalsChannels: { teams?: string; slack?: string };
  /** GRAPH_NOTIFICATIONS=on (needs PUBLIC_URL): where Graph posts user changes and lifecycle events. */
  graphNotifications?: GraphNotificationsEnv;
}

/**
 * How Teams is served (design.md §9). `authenticated`: MicrosoftAppId is set and every request needs a Bot
 * Framework token from an allowed tenant. `dev`: /api/messages without authentication and the local web chat, on
 * loopback only. `off`: /api/messages is not served (a Slack-only deployment).
 */
export type TeamsMode = 'authenticated' | 'dev' | 'off';

export interface TeamsEnv {
  mode: TeamsMode;
  /** Why Teams is in this mode, for the start-up log ("MicrosoftAppId is not set"). */
  why: string;
  appId?: string;
  /** Entra tenant ids (lower case) whose users may talk to the bot; empty outside authenticated mode (no check). */
  allowedTenants: string[];
  /** In dev mode, the one serviceUrl besides the built-in web chat's that replies may go to (DEV_CONNECTOR_URL). */
  devConnectorUrl?: string;
  /** Dev mode against a real Microsoft 365 (M365OPS_DEV_MODE=1): warned about loudly at start and every hour. */
  devModeRealTenants: boolean;
}

type Env = Record<string, string | undefined>;

const httpUrl = (example: string) =>
  z
    .string()
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    }, `an http(s) URL such as ${example}`)
    .transform((value) => value.replace(/\/+$/, ''));

const port = z
  .string()
  .regex(/^\d+$/, 'a whole number from 1 to 65535')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, 'a whole number from 1 to 65535');

const cron = z.string().refine((value) => isValidCron(value), 'a cron expression such as "*/15 * * * *"');

const concurrency = z
  .string()
  .regex(/^\d+$/, 'a whole number from 1 to 256')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 256, 'a whole number from 1 to 256');

const mongodbUri = z
  .string()
  .regex(/^mongodb(\+srv)?:\/\/.+/, 'a connection string starting with mongodb:// or mongodb+srv://');

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Reads one key: empty strings count as unset, like most tools treat `KEY=`. */
function read<T>(env: Env, key: string, schema: z.ZodType<T, string>): T | undefined {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') return undefined;
  const parsed = schema.safeParse(raw.trim());
  if (!parsed.success) {
    const allowed = parsed.error.issues.map((issue) => issue.message).join('; ');
    throw new ConfigError(`${key} is ${describeValue(key, raw)}, but it must be ${allowed}.`, { key });
  }
  return parsed.data;
}

function requireTogether(env: Env, keys: string[], meaning: string): void {
  const set = keys.filter((key) => (env[key] ?? '').trim() !== '');
  if (set.length > 0 && set.length < keys.length) {
    const missing = keys.filter((key) => !set.includes(key));
    throw new ConfigError(
      `${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not: ${meaning} needs all of ${keys.join(', ')} (or none of them).`,
      { keys },
    );
  }
}

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const tenantList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((id) => id.trim().toLowerCase())
      .filter((id) => id !== ''),
  )
  .refine((ids) => ids.length > 0 && ids.every((id) => guid.test(id)), 'a comma-separated list of tenant id GUIDs');

const devModeFlag = z.enum(['0', '1'], { error: '1 (allow the unauthenticated dev mode) or 0' });

/** Teams is authenticated with MicrosoftAppId, in dev mode only by default with the simulator or when asked, else off. */
function readTeams(env: Env, usesSimulator: boolean): TeamsEnv {
  const appId = read(env, 'MicrosoftAppId', z.string());
  const devMode = read(env, 'M365OPS_DEV_MODE', devModeFlag);
  const off = { appId, allowedTenants: [], devModeRealTenants: false };
  if (appId !== undefined) {
    if (devMode === '1') {
      throw new ConfigError(
        'M365OPS_DEV_MODE is "1", but MicrosoftAppId is set: dev mode is the unauthenticated mode of a bot without Teams credentials. Unset one of them.',
        { keys: ['M365OPS_DEV_MODE', 'MicrosoftAppId'] },
      );
    }
    const allowedTenants = readAllowedTenants(env);
    return {
      ...off,
      mode: 'authenticated',
      why: `MicrosoftAppId is set; Teams users are accepted from tenant ${allowedTenants.join(', ')}`,
      allowedTenants,
    };
  }
  if (devMode === '0') return { ...off, mode: 'off', why: 'MicrosoftAppId is not set and M365OPS_DEV_MODE is 0' };
  if (devMode === undefined && !usesSimulator) {
    return {
      ...off,
      mode: 'off',
      why: 'MicrosoftAppId is not set (dev mode against a real Microsoft 365 needs M365OPS_DEV_MODE=1)',
    };
  }
  return {
    ...off,
    mode: 'dev',
    why:
      devMode === '1'
        ? `M365OPS_DEV_MODE is 1 and MicrosoftAppId is not set${usesSimulator ? '' : ', against a real Microsoft 365'}`
        : 'MicrosoftAppId is not set and the built-in simulator is in use',
    devConnectorUrl: read(env, 'DEV_CONNECTOR_URL', httpUrl('http://127.0.0.1:56150')),
    devModeRealTenants: !usesSimulator,
  };
}

function readAllowedTenants(env: Env): string[] {
  const listed = read(env, 'TEAMS_ALLOWED_TENANTS', tenantList);
  if (listed) return listed;
  const botTenant = read(env, 'MicrosoftAppTenantId', z.string())?.toLowerCase();
  if (botTenant !== undefined && guid.test(botTenant)) return [botTenant];
  throw new ConfigError(
    `MicrosoftAppId is set but ${botTenant === undefined ? 'neither TEAMS_ALLOWED_TENANTS nor MicrosoftAppTenantId is' : `TEAMS_ALLOWED_TENANTS is not, and MicrosoftAppTenantId is ${JSON.stringify(botTenant)}, not a tenant id GUID`}: m365ops accepts Teams users only from the MSP's own Entra tenant(s). Set TEAMS_ALLOWED_TENANTS to their tenant ids, comma-separated.`,
    { keys: ['TEAMS_ALLOWED_TENANTS', 'MicrosoftAppTenantId'] },
  );
}

/** M365_TENANT_ID, else the single-tenant bot's MicrosoftAppTenantId when it is a tenant id (both are the MSP's). */
function readMspTenant(env: Env): string | undefined {
  const named = read(env, 'M365_TENANT_ID', z.string().regex(guid, 'a tenant id GUID'));
  if (named) return named.toLowerCase();
  const botTenant = read(env, 'MicrosoftAppTenantId', z.string())?.toLowerCase();
  return botTenant !== undefined && guid.test(botTenant) ? botTenant : undefined;
}

export function parseEnv(env: Env, cwd = process.cwd()): EnvConfig {
  const portNumber = read(env, 'PORT', port) ?? 3978;
  const publicUrl = read(env, 'PUBLIC_URL', httpUrl('https://bot.example.com')) ?? `http://localhost:${portNumber}`;

  requireTogether(env, ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'], 'Slack');
  const signingSecret = read(env, 'SLACK_SIGNING_SECRET', z.string());
  const botToken = read(env, 'SLACK_BOT_TOKEN', z.string().regex(/^xox[a-z]-/, 'a bot token starting with xoxb-'));
  const slackApiUrl = read(env, 'SLACK_API_URL', httpUrl('https://slack.com/api/')) ?? 'https://slack.com/api';
  const slackTeamId = read(
    env,
    'SLACK_TEAM_ID',
    z.string().regex(/^T[A-Z0-9]{2,31}$/, 'a Slack team id such as T0123ABCD'),
  );

  requireTogether(env, ['M365_CLIENT_ID', 'M365_CLIENT_SECRET'], 'Microsoft 365 access');
  const clientId = read(
    env,
    'M365_CLIENT_ID',
    z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'an application (client) id GUID'),
  );
  const clientSecret = read(env, 'M365_CLIENT_SECRET', z.string());
  const loginUrl = read(env, 'M365_LOGIN_URL', httpUrl('https://login.microsoftonline.com'));
  const graphUrl = read(env, 'M365_GRAPH_URL', httpUrl('https://graph.microsoft.com'));
  const exchangeUrl = read(env, 'M365_EXCHANGE_URL', httpUrl('https://outlook.office365.com'));

  const configFile = read(env, 'M365OPS_CONFIG', z.string());
  let configPath: string | undefined;
  if (configFile !== undefined) {
    configPath = path.resolve(cwd, configFile);
    if (!existsSync(configPath)) {
      throw new ConfigError(
        `M365OPS_CONFIG is ${JSON.stringify(configFile)}, but no file exists there; it must be the path of the YAML config file.`,
        { key: 'M365OPS_CONFIG' },
      );
    }
  } else if (existsSync(path.resolve(cwd, 'm365ops.yaml'))) {
    configPath = path.resolve(cwd, 'm365ops.yaml');
  }

  return {
    port: portNumber,
    publicUrl,
    teams: readTeams(env, !(clientId && clientSecret)),
    slack: signingSecret && botToken ? { signingSecret, botToken, apiUrl: slackApiUrl } : undefined,
    slackTeamId,
    m365:
      clientId && clientSecret
        ? {
            clientId,
            clientSecret,
            loginUrl: loginUrl ?? 'https://login.microsoftonline.com',
            graphUrl: graphUrl ?? 'https://graph.microsoft.com',
            exchangeUrl: exchangeUrl ?? 'https://outlook.office365.com',
          }
        : undefined,
    mongodbUri: read(env, 'MONGODB_URI', mongodbUri),
    dataDir: path.resolve(cwd, read(env, 'DATA_DIR', z.string()) ?? './data'),
    configPath,
    syncCron: read(env, 'SYNC_CRON', cron) ?? '*/15 * * * *',
    syncConcurrency: read(env, 'SYNC_CONCURRENCY', concurrency),
    logLevel: read(env, 'LOG_LEVEL', logLevel) ?? 'info',
    metricsToken: read(env, 'METRICS_TOKEN', z.string().min(16, 'at least 16 characters (a random token)')),
    mspTenantId: readMspTenant(env),
    requestTtlMinutes: read(env, 'REQUEST_TTL', duration('24h')) ?? 24 * 60,
    approvalsChannels: read(env, 'APPROVALS_CHANNEL', approvalsChannels) ?? {},
    graphNotifications: readGraphNotifications(env),
  };
}

function duration(example: string) {
  return z.string().transform((raw, context) => {
    const parsed = parseDuration(raw);
    if (!parsed.ok) context.addIssue({ code: 'custom', message: `a duration such as ${example} (${parsed.message})` });
    return parsed.ok ? parsed.minutes : 0;
  });
}

/** `teams:<conversationId>` and/or `slack:<channelId>`, separated by a comma. */
const approvalsChannels = z.string().transform((raw, context) => {
  const channels: { teams?: string; slack?: string } = {};
  for (const part of raw.split(',').map((item) => item.trim())) {
    const match = /^(teams|slack):(\S+)$/.exec(part);
    if (!match) {
      context.addIssue({ code: 'custom', message: 'teams:<conversationId> or slack:<channelId>, comma-separated' });
      continue;
    }
    channels[match[1] as 'teams' | 'slack'] = match[2];
  }
  return channels;
});
