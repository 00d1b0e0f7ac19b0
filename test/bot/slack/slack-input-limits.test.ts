/**
 * Cheap denial of service through Slack, over HTTP against the real m365ops: a huge slash command or form value is
 * refused at once with a sentence, and a body over the limit is answered 413 before it is read.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import { mountSlack } from '../../../bot/slack/mount';
import type { SlackView } from '../../../cards';
import { captureLogs, errorLevel, type LogLine } from '../../support/captured-logger';
import { writeDemoConfig } from '../../support/demo-config';
import {
  type RecordedSlackCall,
  type SlackApiStandIn,
  slackEnvironment,
  startSlackApiStandIn,
} from '../../support/slack-api-stand-in';
import { slackIdentityOf } from '../../support/slack-identities';
import { interactionBody, postSignedSlackBody, slashCommandBody } from '../../support/slack-signed-requests';
import { viewSubmissionPayload } from './slack-payloads';

const signingSecret = 'limits-signing-secret-0123456789abcdef';
const channel = 'C0HELPDESK';
const helpdesk = 'UHELPDSK1';

let app: App;
let http: RunningHttpServer;
let slack: SlackApiStandIn;
let dataDir: string;
let logs: LogLine[];
let commands = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-slack-limits-'));
  slack = await startSlackApiStandIn();
  const captured = captureLogs();
  logs = captured.lines;
  app = await createApp({
    env: { DATA_DIR: dataDir, M365OPS_CONFIG: writeDemoConfig(dataDir), ...slackEnvironment(slack, signingSecret) },
    logger: captured.logger,
    cwd: dataDir,
  });
  await app.store.access.grant(slackIdentityOf(helpdesk), 'helpdesk', 'test');
  http = await startHttpServer(app, { port: 0, mounts: [mountSlack] });
});

afterAll(async () => {
  await http?.close();
  await app?.close();
  await slack?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const text = (call: RecordedSlackCall) => JSON.stringify(call.args);

function post(body: string) {
  return postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body);
}

/** Sends `/m365 <text>` and returns the answer through its response_url that is not "working…". */
async function command(commandText: string, triggerId?: string): Promise<RecordedSlackCall> {
  commands += 1;
  const responseId = `limits-${commands}`;
  const body = slashCommandBody({
    text: commandText,
    userId: helpdesk,
    channelId: channel,
    responseUrl: slack.responseUrl(responseId),
    triggerId,
  });
  expect((await post(body)).status).toBe(200);
  return slack.waitFor('response_url', (call) => call.responseId === responseId && !text(call).includes('Working…'));
}

it('answers a slash command of a million characters with the length limit', async () => {
  const answer = await command('x'.repeat(1_000_000));
  expect(text(answer)).toContain('That command is 1,000,000 characters long; the limit is 4,000.');
});

it('answers a signed body over 1 MB with 413 before reading it, logging no error', async () => {
  const before = logs.length;
  const body = slashCommandBody({
    text: 'x'.repeat(2_000_000),
    userId: helpdesk,
    channelId: channel,
    responseUrl: slack.responseUrl('too-large'),
  });
  const response = await post(body);
  expect(response.status).toBe(413);
  expect(response.text.length).toBeLessThan(200);
  const errors = logs.slice(before).filter((line) => line.level >= errorLevel || line.err?.stack !== undefined);
  expect(errors).toEqual([]);
});

it('refuses a form value over the limit, saying how long it was', async () => {
  const triggerId = 'trigger.limits.form';
  commands += 1;
  await post(
    slashCommandBody({
      text: 'add user',
      userId: helpdesk,
      channelId: channel,
      responseUrl: slack.responseUrl(`limits-${commands}`),
      triggerId,
    }),
  );
  const opened = await slack.waitFor('views.open', (call) => call.args.trigger_id === triggerId);
  // The modal opens as "loading…" and is filled in with views.update.
  const filled = await slack.waitFor(
    'views.update',
    (call) => (call.args.view as SlackView | undefined)?.callback_id === 'form:add-user' && call.at >= opened.at,
  );
  const view = filled.args.view as SlackView;
  const submitted = await post(
    interactionBody(
      viewSubmissionPayload({
        view,
        viewId: String(filled.args.view_id),
        userId: helpdesk,
        values: {
          customerId: { kind: 'select', value: 'contoso' },
          displayName: { kind: 'text', value: 'n'.repeat(5_000) },
          userName: { kind: 'text', value: 'long.name' },
          domain: { kind: 'select', value: 'contoso.com' },
          planId: { kind: 'select', value: 'business-premium' },
        },
      }),
    ),
  );
  expect(submitted.status).toBe(200);
  expect(submitted.text).toContain('The display name is 5,000 characters long; the limit is 4,000.');
  expect(submitted.text).not.toContain('n'.repeat(100));
});
