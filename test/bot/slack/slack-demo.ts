/**
 * The whole m365ops as `npm start` runs it (the demo YAML, the built-in simulated tenants) behind the Slack harness,
 * with the given people granted roles: the start of the Slack tests that drive one command end to end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import type { Role } from '../../../store/types';
import { writeDemoConfig } from '../../support/demo-config';
import { slackEnvironment } from '../../support/slack-api-stand-in';
import { slackIdentityOf } from '../../support/slack-identities';
import { type SlackHarness, startSlackHarness, testSigningSecret } from './slack-harness';

export interface SlackDemo {
  h: SlackHarness;
  app: App;
  close(): Promise<void>;
}

/** `people`: Slack user ids of the harness's workspace and the role each gets. */
export async function startSlackDemo(people: Record<string, Role>): Promise<SlackDemo> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-slack-demo-'));
  let app: App | undefined;
  const h = await startSlackHarness(
    async (slack) => {
      app = await createApp({
        env: {
          DATA_DIR: dataDir,
          M365OPS_CONFIG: writeDemoConfig(dataDir),
          LOG_LEVEL: 'silent',
          ...slackEnvironment(slack, testSigningSecret),
        },
        cwd: dataDir,
      });
      return app;
    },
    { timings: { workingAfterMs: 60_000, modalAnswerWithinMs: 60_000 } },
  );
  for (const [userId, role] of Object.entries(people)) {
    await app!.store.access.grant(slackIdentityOf(userId), role, 'test');
  }
  return {
    h,
    app: app!,
    async close() {
      await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
