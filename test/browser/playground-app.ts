/**
 * m365ops as the end-to-end tests run it (createApp: embedded store in a temporary directory, the built-in simulated
 * tenants, dev mode with no MicrosoftAppId, Teams mounted on the one HTTP server), with Microsoft 365 Agents
 * Playground in front of it as the Teams client. The playground's default user is an admin here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../bot/server/http-server';
import { mountTeams } from '../../bot/teams/mount';
import { writeDemoConfig } from '../support/demo-config';
import { findFreePort } from '../support/free-port';
import { playgroundServiceUrl, type RunningPlayground, startAgentsPlayground } from './agents-playground';

/** Alex Wilber, the playground's default current user (its built-in configuration). */
export const playgroundUser = { name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' };

export interface PlaygroundApp {
  app: App;
  http: RunningHttpServer;
  playground: RunningPlayground;
  close(): Promise<void>;
}

export async function startPlaygroundApp(): Promise<PlaygroundApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-playground-app-'));
  const config = writeDemoConfig(dataDir, {
    admins: [`teams:${playgroundUser.aadObjectId}`],
    approvers: [],
    helpdesk: [],
  });
  // The playground's port is chosen first: its Bot Connector is the one serviceUrl dev mode may answer to.
  const playgroundPort = await findFreePort();
  const devConnector = { DEV_CONNECTOR_URL: playgroundServiceUrl(playgroundPort) };
  const app = await createApp({
    env: { DATA_DIR: dataDir, M365OPS_CONFIG: config, LOG_LEVEL: 'silent', ...devConnector },
    cwd: dataDir,
  });
  const closers: (() => Promise<void>)[] = [
    async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  ];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const http = await startHttpServer(app, {
      port: 0,
      mounts: [(server, m365ops) => mountTeams(server, m365ops, { env: devConnector })],
    });
    closers.push(() => http.close());
    const playground = await startAgentsPlayground({
      appEndpoint: `http://127.0.0.1:${http.port}/api/messages`,
      port: playgroundPort,
    });
    closers.push(() => playground.close());
    return { app, http, playground, close };
  } catch (error) {
    await close();
    throw error;
  }
}
