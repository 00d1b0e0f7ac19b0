/**
 * The real m365ops with Slack on, started as an operator starts it: createApp on a data directory that outlives
 * the run (so a test can restart it), the demo config file with the access lists the test gives, Slack pointed at
 * the Slack API stand-in, and the one HTTP server. The start-up log is kept for the test to read.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { type App, createApp } from '../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../bot/server/http-server';
import { mountSlack } from '../../bot/slack/mount';
import { createLogger } from '../../common/logger';
import { type ConfigAccess, writeDemoConfig } from './demo-config';
import { type RecordedSlackCall, type SlackApiStandIn, slackEnvironment } from './slack-api-stand-in';
import { testSlackTeamId } from './slack-identities';
import { postSignedSlackBody, slashCommandBody } from './slack-signed-requests';

const signingSecret = 'slack-app-signing-secret-0123456789';

export interface SlackAppRun {
  app: App;
  /** The log messages written so far, start-up included. */
  logMessages(): string[];
  /** `/m365 <text>` typed by `userId` of `teamId` (default the tests' workspace); the first answer that is not "working…". */
  say(text: string, from: { userId: string; teamId?: string }): Promise<RecordedSlackCall>;
  close(): Promise<void>;
}

export interface SlackAppOptions {
  slack: SlackApiStandIn;
  /** Holds the config file and the data directory; the same directory is the same m365ops after a restart. */
  dir: string;
  access: ConfigAccess;
  env?: Record<string, string>;
}

let commands = 0;

/** Starts m365ops; rejects as createApp does when the configuration is refused. */
export async function startSlackApp(options: SlackAppOptions): Promise<SlackAppRun> {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  mkdirSync(options.dir, { recursive: true });
  const app = await createApp({
    env: {
      DATA_DIR: path.join(options.dir, 'data'),
      M365OPS_CONFIG: writeDemoConfig(options.dir, options.access),
      ...slackEnvironment(options.slack, signingSecret),
      ...options.env,
    },
    cwd: options.dir,
    logger: createLogger({ level: 'info', destination }),
  });
  let http: RunningHttpServer;
  try {
    http = await startHttpServer(app, { port: 0, mounts: [mountSlack] });
  } catch (error) {
    await app.close();
    throw error;
  }
  const { slack } = options;
  return {
    app,
    logMessages: () => lines.map((line) => String(JSON.parse(line).msg)),
    async say(text, from) {
      commands += 1;
      const responseId = `slack-app-${commands}`;
      const body = slashCommandBody({
        text,
        userId: from.userId,
        teamId: from.teamId ?? testSlackTeamId,
        channelId: 'C0HELPDESK',
        responseUrl: slack.responseUrl(responseId),
      });
      const response = await postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body);
      if (response.status !== 200) throw new Error(`/slack/events answered ${response.status}: ${response.text}`);
      return slack.waitFor(
        'response_url',
        (call) => call.responseId === responseId && !JSON.stringify(call.args).includes('Working…'),
        20_000,
      );
    },
    async close() {
      await http.close();
      await app.close();
    },
  };
}

/** The text of a Slack answer, for matching. */
export function answerText(call: RecordedSlackCall): string {
  return JSON.stringify(call.args);
}
