/**
 * m365ops started as `npm start` starts it (startServer), driven over HTTP: no unauthenticated route outside dev
 * mode, dev mode only on loopback and replying only to its own web chat or DEV_CONNECTOR_URL, and a start-up log
 * that says how Teams is served and why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { type Every, type RunningServer, startServer } from '../../../bot/server/start-server';
import { createLogger } from '../../../common/logger';
import { type BotConnectorStandIn, startBotConnectorStandIn } from '../../support/bot-connector-stand-in';
import { type SlackApiStandIn, slackEnvironment, startSlackApiStandIn } from '../../support/slack-api-stand-in';
import { postSignedSlackBody, slashCommandBody } from '../../support/slack-signed-requests';
import { personalMessage } from '../teams/teams-activities';

interface LogLine {
  level: number;
  msg: string;
}

const warnLevel = 40;
// Real Microsoft 365 credentials pointed at a closed loopback port: nothing leaves the machine.
const realM365 = {
  M365_CLIENT_ID: '6b7f3c9e-2d4a-4e1b-8c5f-9a0b1c2d3e4f',
  M365_CLIENT_SECRET: 'not-a-real-secret',
  M365_LOGIN_URL: 'http://127.0.0.1:9',
  M365_GRAPH_URL: 'http://127.0.0.1:9',
  M365_EXCHANGE_URL: 'http://127.0.0.1:9',
};

const started: { server: RunningServer; dir: string }[] = [];
let connector: BotConnectorStandIn;
let stranger: BotConnectorStandIn;

beforeAll(async () => {
  connector = await startBotConnectorStandIn();
  stranger = await startBotConnectorStandIn();
});

afterAll(async () => {
  await connector.close();
  await stranger.close();
});

afterEach(async () => {
  for (const { server, dir } of started.splice(0)) {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function start(env: Record<string, string>, every?: Every) {
  const dir = mkdtempSync(path.join(tmpdir(), 'm365ops-start-'));
  const logs: LogLine[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => logs.push(JSON.parse(line)) } });
  const server = await startServer({
    env: { DATA_DIR: path.join(dir, 'data'), ...env },
    cwd: dir,
    logger,
    port: 0,
    every,
  });
  started.push({ server, dir });
  return { server, url: server.http.url, logs, messages: () => logs.map((line) => line.msg) };
}

function post(url: string, activity: unknown) {
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
}

/** GET /healthz on 127.0.0.1 with the Host header a browser would send for `host`. */
function statusWithHost(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: '/healthz', headers: { host } }, (answer) => {
      answer.resume();
      resolve(answer.statusCode ?? 0);
    });
    outgoing.once('error', reject);
    outgoing.end();
  });
}

function listenAddress(server: RunningServer): string {
  return (server.http.server.address() as AddressInfo).address;
}

describe('a production-like start (Microsoft 365 credentials, no MicrosoftAppId, no M365OPS_DEV_MODE)', () => {
  it('serves no unauthenticated route: /api/messages and GET / answer 404, and no reply goes anywhere', async () => {
    const { url } = await start(realM365);
    const response = await post(url, personalMessage(connector.serviceUrl, 'help'));
    expect(response.status).toBe(404);
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect(connector.recorded).toHaveLength(0);
  });

  it('says in the start-up log that Teams is off and why', async () => {
    const { messages } = await start(realM365);
    expect(messages()).toContainEqual(expect.stringContaining('Teams is off: MicrosoftAppId is not set'));
  });

  it('still serves Slack in a Slack-only deployment', async () => {
    const slack: SlackApiStandIn = await startSlackApiStandIn();
    try {
      const secret = 'start-server-signing-secret';
      const { url } = await start({ ...realM365, ...slackEnvironment(slack, secret) });
      const body = slashCommandBody({
        text: 'help',
        userId: 'UHELP0001',
        channelId: 'C0HELPDESK',
        responseUrl: slack.responseUrl('help'),
      });
      const answer = await postSignedSlackBody(`${url}/slack/events`, secret, body);
      expect(answer.status).toBe(200);
    } finally {
      await slack.close();
    }
  });
});

describe('with Teams credentials', () => {
  const teamsEnv = {
    MicrosoftAppId: '6b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  };

  it('demands a token on /api/messages and serves no web chat', async () => {
    const { url, messages } = await start({ ...realM365, ...teamsEnv });
    expect((await post(url, personalMessage(connector.serviceUrl, 'help'))).status).toBe(401);
    expect((await fetch(`${url}/`)).status).toBe(404);
    expect(messages()).toContainEqual(expect.stringContaining('Teams is on: MicrosoftAppId is set'));
  });
});

describe('dev mode', () => {
  it('is on by default with the built-in simulator, and listens on loopback only', async () => {
    const { server, url, logs } = await start({});
    expect(listenAddress(server)).toBe('127.0.0.1');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/`)).status).toBe(200);
    const devModeLine = logs.find((line) => line.msg.includes('Teams is in dev mode'));
    expect(devModeLine).toMatchObject({ level: warnLevel });
    expect(devModeLine!.msg).toContain('needs no authentication');
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    if (outside) {
      const port = (server.http.server.address() as AddressInfo).port;
      await expect(fetch(`http://${outside.address}:${port}/healthz`)).rejects.toThrow();
    }
  });

  it('answers only requests addressed to a loopback name, so a rebound DNS name cannot reach it from a browser', async () => {
    const { server } = await start({});
    const port = (server.http.server.address() as AddressInfo).port;
    expect(await statusWithHost(port, 'evil.example:80')).toBe(403);
    expect(await statusWithHost(port, `localhost:${port}`)).toBe(200);
    expect(await statusWithHost(port, `127.0.0.1:${port}`)).toBe(200);
  });

  it('sends no reply to a serviceUrl that is neither its web chat nor DEV_CONNECTOR_URL, and runs nothing', async () => {
    const { url } = await start({ DEV_CONNECTOR_URL: connector.serviceUrl });
    const refused = await post(url, personalMessage(stranger.serviceUrl, 'help'));
    expect(refused.status).toBe(403);
    const ownPortElsewhere = await post(url, personalMessage(`${url}/api/`, 'help'));
    expect(ownPortElsewhere.status).toBe(403);
    expect(stranger.recorded).toHaveLength(0);

    const accepted = await post(url, personalMessage(connector.serviceUrl, 'help'));
    expect(accepted.status).toBe(200);
    expect(connector.messages().length).toBeGreaterThan(0);
  });

  it('needs M365OPS_DEV_MODE=1 against a real Microsoft 365, and warns loudly at start and every hour', async () => {
    const timers: { ms: number; task: () => void; stopped: boolean }[] = [];
    const every: Every = (ms, task) => {
      const timer = { ms, task, stopped: false };
      timers.push(timer);
      return () => {
        timer.stopped = true;
      };
    };
    const { server, url, logs } = await start({ ...realM365, M365OPS_DEV_MODE: '1' }, every);
    expect(listenAddress(server)).toBe('127.0.0.1');
    expect((await fetch(`${url}/`)).status).toBe(200);
    const warnings = () => logs.filter((line) => line.level === warnLevel && line.msg.includes('DEV MODE'));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.msg).toContain('M365OPS_DEV_MODE');

    expect(timers.map((timer) => timer.ms)).toEqual([60 * 60 * 1000]);
    timers[0]!.task();
    timers[0]!.task();
    expect(warnings()).toHaveLength(3);
    await server.close();
    expect(timers[0]!.stopped).toBe(true);
  });
});
