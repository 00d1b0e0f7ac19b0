/**
 * Runs Teams the way production does — mountTeams on an express server listening on loopback — against the
 * Bot Connector stand-in, and posts activities to /api/messages over real HTTP.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { mountDevChat } from '../../../bot/devchat/mount';
import type { App } from '../../../bot/server/app';
import { type MountTeamsOptions, mountTeams } from '../../../bot/teams/mount';
import {
  type BotConnectorStandIn,
  devConnectorEnv,
  startBotConnectorStandIn,
} from '../../support/bot-connector-stand-in';
import { type ActivityAnswer, postActivity, type TeamsActivity } from './teams-activities';

export interface TeamsHarness {
  url: string;
  connector: BotConnectorStandIn;
  post(activity: TeamsActivity, headers?: Record<string, string>): Promise<ActivityAnswer>;
  close(): Promise<void>;
}

export interface HarnessOptions extends MountTeamsOptions {
  /** Also mount the local web chat (GET /). */
  devChat?: boolean;
}

export async function startTeamsHarness(app: App, options: HarnessOptions = {}): Promise<TeamsHarness> {
  const connector = await startBotConnectorStandIn();
  // The scripted App's env stands for createApp's: DEV_CONNECTOR_URL names the stand-in (devConnectorEnv).
  app.env.teams = { ...app.env.teams, devConnectorUrl: devConnectorEnv(connector).DEV_CONNECTOR_URL };
  const server = express();
  await mountTeams(server, app, { env: {}, ...options });
  if (options.devChat) await mountDevChat(server, app, { env: {} });
  const http: Server = await new Promise((resolve) => {
    const listening = server.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    connector,
    post: (activity, headers) => postActivity(url, activity, headers),
    async close() {
      await app.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await connector.close();
    },
  };
}
