/**
 * The whole m365ops as `npm start` builds it — createApp (embedded store in a temporary directory, the built-in
 * simulated tenants) and the one HTTP server with Teams mounted — driven over HTTP with Teams-shaped activities,
 * the bot's answers read back at the Bot Connector stand-in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { defaultDevChatUserId, mountDevChat } from '../../../bot/devchat/mount';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import { mountTeams } from '../../../bot/teams/mount';
import type { Clock } from '../../../common/clock';
import type { Logger } from '../../../common/logger';
import {
  type BotConnectorStandIn,
  devConnectorEnv,
  startBotConnectorStandIn,
} from '../../support/bot-connector-stand-in';
import { writeDemoConfig } from '../../support/demo-config';
import { type ActivityAnswer, people, postActivity, type TeamsActivity } from './teams-activities';

export interface AppHarness {
  app: App;
  http: RunningHttpServer;
  connector: BotConnectorStandIn;
  post(activity: TeamsActivity): Promise<ActivityAnswer>;
  close(): Promise<void>;
}

/** The demo configuration, with one Teams identity per role. */
function writeConfig(dir: string): string {
  return writeDemoConfig(dir, {
    admins: [`teams:${people.admin.aadObjectId}`, defaultDevChatUserId],
    approvers: [`teams:${people.approver.aadObjectId}`],
    helpdesk: [`teams:${people.helpdesk.aadObjectId}`],
  });
}

export async function startAppHarness(
  options: { workingCardAfterMs?: number; devChat?: boolean; logger?: Logger; clock?: Clock } = {},
): Promise<AppHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-teams-'));
  const connector = await startBotConnectorStandIn();
  const app = await createApp({
    env: {
      DATA_DIR: dataDir,
      M365OPS_CONFIG: writeConfig(dataDir),
      LOG_LEVEL: 'silent',
      PORT: '3978',
      ...devConnectorEnv(connector),
    },
    cwd: dataDir,
    logger: options.logger,
    clock: options.clock,
  });
  const http = await startHttpServer(app, {
    port: 0,
    mounts: [
      (server, m365ops) => mountTeams(server, m365ops, { env: {}, workingCardAfterMs: options.workingCardAfterMs }),
      ...(options.devChat ? [(server: Express, m365ops: App) => mountDevChat(server, m365ops, { env: {} })] : []),
    ],
  });
  return {
    app,
    http,
    connector,
    post: (activity) => postActivity(http.url, activity),
    async close() {
      await http.close();
      await app.close();
      await connector.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
