import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../config/config-error';
import { parseEnv } from '../../config/env';

const emptyDir = () => mkdtempSync(path.join(tmpdir(), 'm365ops-env-'));

function refusal(env: Record<string, string>): string {
  try {
    parseEnv(env, emptyDir());
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the environment to be refused');
}

describe('parseEnv', () => {
  it('defaults to port 3978, the embedded store and the built-in simulator', () => {
    const dir = emptyDir();
    const env = parseEnv({}, dir);
    expect(env.port).toBe(3978);
    expect(env.publicUrl).toBe('http://localhost:3978');
    expect(env.m365).toBeUndefined();
    expect(env.mongodbUri).toBeUndefined();
    expect(env.slack).toBeUndefined();
    expect(env.teams.mode).toBe('dev');
    expect(env.dataDir).toBe(path.join(dir, 'data'));
    expect(env.syncCron).toBe('*/15 * * * *');
  });

  it('derives PUBLIC_URL from PORT', () => {
    expect(parseEnv({ PORT: '4000' }, emptyDir()).publicUrl).toBe('http://localhost:4000');
  });

  it('refuses a port that is not a number, naming key, value and what is allowed', () => {
    expect(refusal({ PORT: 'eighty' })).toBe('PORT is "eighty", but it must be a whole number from 1 to 65535.');
  });

  it('refuses a bad cron expression', () => {
    expect(refusal({ SYNC_CRON: 'every hour' })).toBe(
      'SYNC_CRON is "every hour", but it must be a cron expression such as "*/15 * * * *".',
    );
  });

  it('refuses a Microsoft URL that is not http(s)', () => {
    expect(
      refusal({
        M365_CLIENT_ID: '6b7f3c9e-2d4a-4e1b-8c5f-9a0b1c2d3e4f',
        M365_CLIENT_SECRET: 's',
        M365_GRAPH_URL: 'ftp://x',
      }),
    ).toContain('M365_GRAPH_URL is "ftp://x", but it must be an http(s) URL');
  });

  it('refuses a client id without its secret and never shows a secret', () => {
    expect(refusal({ M365_CLIENT_ID: '6b7f3c9e-2d4a-4e1b-8c5f-9a0b1c2d3e4f' })).toBe(
      'M365_CLIENT_ID is set but M365_CLIENT_SECRET is not: Microsoft 365 access needs all of M365_CLIENT_ID, M365_CLIENT_SECRET (or none of them).',
    );
    const message = refusal({ MONGODB_URI: 'postgres://user:hunter2@db' });
    expect(message).toContain('MONGODB_URI is (hidden)');
    expect(message).not.toContain('hunter2');
  });

  it('uses the Microsoft URLs given with the client credentials', () => {
    const env = parseEnv(
      {
        M365_CLIENT_ID: '6b7f3c9e-2d4a-4e1b-8c5f-9a0b1c2d3e4f',
        M365_CLIENT_SECRET: 'x',
        M365_LOGIN_URL: 'https://127.0.0.1:8443/',
        M365_GRAPH_URL: 'http://127.0.0.1:9000',
      },
      emptyDir(),
    );
    expect(env.m365).toEqual({
      clientId: '6b7f3c9e-2d4a-4e1b-8c5f-9a0b1c2d3e4f',
      clientSecret: 'x',
      loginUrl: 'https://127.0.0.1:8443',
      graphUrl: 'http://127.0.0.1:9000',
      exchangeUrl: 'https://outlook.office365.com',
    });
  });

  it('finds m365ops.yaml in the working directory and refuses a missing M365OPS_CONFIG', () => {
    const dir = emptyDir();
    writeFileSync(path.join(dir, 'm365ops.yaml'), 'plans: []\n');
    expect(parseEnv({}, dir).configPath).toBe(path.join(dir, 'm365ops.yaml'));
    expect(refusal({ M365OPS_CONFIG: 'nope.yaml' })).toBe(
      'M365OPS_CONFIG is "nope.yaml", but no file exists there; it must be the path of the YAML config file.',
    );
  });
});

describe('SLACK_TEAM_ID', () => {
  it('reads SLACK_TEAM_ID and refuses one that is not a Slack team id', () => {
    expect(parseEnv({ SLACK_TEAM_ID: 'T0123ABCD' }, emptyDir()).slackTeamId).toBe('T0123ABCD');
    expect(refusal({ SLACK_TEAM_ID: 'msp-helpdesk' })).toBe(
      'SLACK_TEAM_ID is "msp-helpdesk", but it must be a Slack team id such as T0123ABCD.',
    );
  });
});

describe('how Teams is served', () => {
  const m365 = { M365_CLIENT_ID: '6b7f3c9e-2d4a-4e1b-8c5f-9a0b1c2d3e4f', M365_CLIENT_SECRET: 'x' };
  const botTenant = '72F988BF-86F1-41AF-91AB-2D7CD011DB47';

  it('turns Teams auth on with MicrosoftAppId, accepting users from the bot’s own tenant by default', () => {
    const teams = parseEnv({ MicrosoftAppId: 'abc', MicrosoftAppTenantId: botTenant }, emptyDir()).teams;
    expect(teams).toMatchObject({ mode: 'authenticated', appId: 'abc' });
    expect(teams.allowedTenants).toEqual([botTenant.toLowerCase()]);
  });

  it('takes the allowed tenants from TEAMS_ALLOWED_TENANTS', () => {
    const teams = parseEnv(
      {
        MicrosoftAppId: 'abc',
        MicrosoftAppTenantId: botTenant,
        TEAMS_ALLOWED_TENANTS: ' 11111111-1111-4111-8111-111111111111, 22222222-2222-4222-8222-222222222222 ',
      },
      emptyDir(),
    ).teams;
    expect(teams.allowedTenants).toEqual([
      '11111111-1111-4111-8111-111111111111',
      '22222222-2222-4222-8222-222222222222',
    ]);
  });

  it('refuses Teams credentials without a tenant to accept users from', () => {
    expect(refusal({ MicrosoftAppId: 'abc' })).toContain(
      'MicrosoftAppId is set but neither TEAMS_ALLOWED_TENANTS nor MicrosoftAppTenantId is',
    );
    expect(refusal({ MicrosoftAppId: 'abc', TEAMS_ALLOWED_TENANTS: 'contoso.com' })).toBe(
      'TEAMS_ALLOWED_TENANTS is "contoso.com", but it must be a comma-separated list of tenant id GUIDs.',
    );
  });

  it('is in dev mode by default with the built-in simulator and no MicrosoftAppId, without a tenant check', () => {
    const teams = parseEnv({ DEV_CONNECTOR_URL: 'http://127.0.0.1:5000/' }, emptyDir()).teams;
    expect(teams).toMatchObject({ mode: 'dev', allowedTenants: [], devModeRealTenants: false });
    expect(teams.devConnectorUrl).toBe('http://127.0.0.1:5000');
  });

  it('is off against a real Microsoft 365 without MicrosoftAppId, and says why', () => {
    const teams = parseEnv({ ...m365, DEV_CONNECTOR_URL: 'http://127.0.0.1:5000' }, emptyDir()).teams;
    expect(teams.mode).toBe('off');
    expect(teams.why).toContain('MicrosoftAppId is not set');
    expect(teams.devConnectorUrl).toBeUndefined();
  });

  it('allows dev mode against a real Microsoft 365 only with M365OPS_DEV_MODE=1, flagged for loud warnings', () => {
    const teams = parseEnv({ ...m365, M365OPS_DEV_MODE: '1' }, emptyDir()).teams;
    expect(teams).toMatchObject({ mode: 'dev', devModeRealTenants: true });
  });

  it('turns dev mode off with M365OPS_DEV_MODE=0 even with the simulator', () => {
    expect(parseEnv({ M365OPS_DEV_MODE: '0' }, emptyDir()).teams.mode).toBe('off');
  });

  it('refuses dev mode together with Teams credentials, and a flag that is not 0 or 1', () => {
    expect(refusal({ MicrosoftAppId: 'abc', MicrosoftAppTenantId: botTenant, M365OPS_DEV_MODE: '1' })).toContain(
      'M365OPS_DEV_MODE is "1", but MicrosoftAppId is set',
    );
    expect(refusal({ M365OPS_DEV_MODE: 'yes' })).toBe(
      'M365OPS_DEV_MODE is "yes", but it must be 1 (allow the unauthenticated dev mode) or 0.',
    );
  });

  it('turns Graph change notifications on only with PUBLIC_URL, at its /graph routes', () => {
    expect(parseEnv({}, emptyDir()).graphNotifications).toBeUndefined();
    expect(parseEnv({ GRAPH_NOTIFICATIONS: 'off' }, emptyDir()).graphNotifications).toBeUndefined();
    expect(
      parseEnv({ GRAPH_NOTIFICATIONS: 'on', PUBLIC_URL: 'https://bot.example.com/' }, emptyDir()).graphNotifications,
    ).toEqual({
      notificationUrl: 'https://bot.example.com/graph/notifications',
      lifecycleUrl: 'https://bot.example.com/graph/lifecycle',
    });
    expect(refusal({ GRAPH_NOTIFICATIONS: 'on' })).toMatch(/GRAPH_NOTIFICATIONS is on but PUBLIC_URL is not set/);
    expect(refusal({ GRAPH_NOTIFICATIONS: 'yes' })).toBe('GRAPH_NOTIFICATIONS is "yes"; it must be on or off.');
  });
});
