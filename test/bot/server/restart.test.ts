/**
 * A demo survives Ctrl-C, and a sync never dead-ends: m365ops started, synced through Teams, stopped and started
 * again on the same data directory — with the built-in simulator, which keeps its tenants and its port there, and
 * with M365_GRAPH_URL moved to another host serving the same tenants. The second sync succeeds and reads the
 * tenant in full, dropping the stored delta link with a log line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import { mountTeams } from '../../../bot/teams/mount';
import { type RunningSimulator, startSimulator } from '../../../sim/index';
import {
  type BotConnectorStandIn,
  devConnectorEnv,
  startBotConnectorStandIn,
} from '../../support/bot-connector-stand-in';
import { type CapturedLogs, captureLogs } from '../../support/captured-logger';
import { writeDemoConfig } from '../../support/demo-config';
import { channelMessage, people, postActivity } from '../teams/teams-activities';

const contosoTenant = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
// Each test starts m365ops and its simulator (new certificates, a full sync) twice.
jest.setTimeout(120_000);

interface Running {
  app: App;
  http: RunningHttpServer;
  logs: CapturedLogs;
  close(): Promise<void>;
}

let dataDir: string;
let connector: BotConnectorStandIn;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-restart-'));
  connector = await startBotConnectorStandIn();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, microsoftCa?: string): Promise<Running> {
  const logs = captureLogs('info');
  const app = await createApp({
    env: {
      DATA_DIR: dataDir,
      M365OPS_CONFIG: writeDemoConfig(dataDir, {
        admins: [`teams:${people.admin.aadObjectId}`],
        approvers: [],
        helpdesk: [`teams:${people.helpdesk.aadObjectId}`],
      }),
      PORT: '3978',
      ...devConnectorEnv(connector),
      ...env,
    },
    cwd: dataDir,
    logger: logs.logger,
    microsoftCa,
  });
  const http = await startHttpServer(app, {
    port: 0,
    // The answer is the sync's own summary, never a "working…" card finished later, however busy the machine.
    mounts: [(server, m365ops) => mountTeams(server, m365ops, { env: {}, workingCardAfterMs: 120_000 })],
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await http.close();
    await app.close();
  };
  closers.push(close);
  return { app, http, logs, close };
}

/** `sync contoso` typed in the Teams channel; answers what the bot said and the run the store recorded. */
async function syncInTeams(running: Running) {
  const before = connector.recorded.length;
  const answer = await postActivity(
    running.http.url,
    channelMessage(connector.serviceUrl, 'sync contoso', people.helpdesk),
  );
  expect(answer.status).toBe(200);
  const said = JSON.stringify(connector.recorded.slice(before).map((activity) => activity.body));
  const state = await running.app.store.syncState.get('contoso');
  return { said, lastRun: state?.lastRun, deltaLink: state?.deltaLink };
}

function droppedLinkLines(logs: CapturedLogs) {
  return logs.lines.filter((line) => line.msg.includes('stored delta link cannot be followed'));
}

it("keeps the built-in simulator's tenants and port across a restart, and the second sync succeeds", async () => {
  const first = await start();
  const graphUrl = first.app.simulator!.graphUrl;
  expect((await syncInTeams(first)).lastRun).toMatchObject({ outcome: 'ok' });
  first.app.simulator!.control.addUser(contosoTenant, {
    userPrincipalName: 'kept.after.restart@contoso.com',
    displayName: 'Kept After Restart',
  });
  await first.close();

  const second = await start();
  expect(second.app.simulator!.graphUrl).toBe(graphUrl);
  expect(second.app.simulator!.control.getUser(contosoTenant, 'kept.after.restart@contoso.com')).toMatchObject({
    displayName: 'Kept After Restart',
  });
  const synced = await syncInTeams(second);
  expect(synced.lastRun).toMatchObject({ outcome: 'ok' });
  expect(synced.said).not.toContain('unexpected host');
});

it('reads the tenant in full when the built-in simulator comes back on another port (its own was taken)', async () => {
  const first = await start();
  const firstPort = new URL(first.app.simulator!.graphUrl).port;
  expect((await syncInTeams(first)).lastRun).toMatchObject({ outcome: 'ok' });
  await first.close();

  const squatter: Server = createServer();
  await new Promise<void>((resolve) => squatter.listen(Number(firstPort), '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

  const second = await start();
  expect(new URL(second.app.simulator!.graphUrl).port).not.toBe(firstPort);
  const synced = await syncInTeams(second);
  expect(synced.lastRun).toMatchObject({ outcome: 'ok' });
  expect(new URL(synced.deltaLink!).port).toBe(new URL(second.app.simulator!.graphUrl).port);
  expect(droppedLinkLines(second.logs)).toEqual([expect.objectContaining({ reason: 'delta-foreign' })]);
});

it('reads the tenant in full when M365_GRAPH_URL moves to another host serving the same tenants', async () => {
  const simulator: RunningSimulator = await startSimulator({
    redirectUris: ['http://localhost:3978/consent/callback'],
  });
  closers.unshift(() => simulator.close());
  const microsoft = {
    M365_CLIENT_ID: simulator.clientId,
    M365_CLIENT_SECRET: simulator.clientSecret,
    M365_LOGIN_URL: simulator.loginUrl,
    M365_EXCHANGE_URL: simulator.exchangeUrl,
    // Unauthenticated Teams on loopback against a Microsoft 365 that is not the built-in one.
    M365OPS_DEV_MODE: '1',
  };
  const first = await start({ ...microsoft, M365_GRAPH_URL: simulator.graphUrl }, simulator.caPem);
  expect((await syncInTeams(first)).lastRun).toMatchObject({ outcome: 'ok' });
  await first.close();

  const localhostGraph = simulator.graphUrl.replace('127.0.0.1', 'localhost');
  const second = await start({ ...microsoft, M365_GRAPH_URL: localhostGraph }, simulator.caPem);
  const synced = await syncInTeams(second);
  expect(synced.lastRun).toMatchObject({ outcome: 'ok' });
  expect(synced.said).not.toContain('unexpected host');
  expect(synced.deltaLink).toMatch(/^https:\/\/localhost:/);
  expect(droppedLinkLines(second.logs)).toEqual([expect.objectContaining({ reason: 'delta-foreign' })]);
});
