/**
 * m365ops as createApp builds it (embedded store in a temporary directory, the built-in simulated tenants) with Slack
 * mounted on the one HTTP server, its Web API the Slack API stand-in, and roles given to Slack users of the tests'
 * workspace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import { mountSlack } from '../../../bot/slack/mount';
import type { Clock } from '../../../common/clock';
import type { Role } from '../../../store/types';
import { writeDemoConfig } from '../../support/demo-config';
import { type SlackApiStandIn, slackEnvironment, startSlackApiStandIn } from '../../support/slack-api-stand-in';
import { slackIdentityOf } from '../../support/slack-identities';

export interface SlackApp {
  app: App;
  http: RunningHttpServer;
  slack: SlackApiStandIn;
  close(): Promise<void>;
}

export async function startSlackApp(options: {
  signingSecret: string;
  /** Slack user ids of the tests' workspace and the role each is given. */
  roles: [string, Role][];
  clock?: Clock;
}): Promise<SlackApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-slack-app-'));
  const slack = await startSlackApiStandIn();
  const app = await createApp({
    env: {
      DATA_DIR: dataDir,
      M365OPS_CONFIG: writeDemoConfig(dataDir),
      LOG_LEVEL: 'silent',
      ...slackEnvironment(slack, options.signingSecret),
    },
    cwd: dataDir,
    clock: options.clock,
  });
  for (const [userId, role] of options.roles) await app.store.access.grant(slackIdentityOf(userId), role, 'test');
  const http = await startHttpServer(app, { port: 0, mounts: [mountSlack] });
  return {
    app,
    http,
    slack,
    async close() {
      await http.close();
      await app.close();
      await slack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
