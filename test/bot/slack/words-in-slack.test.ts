/**
 * What a person reads in Slack, through signed requests against the real m365ops: help for the person's role,
 * the sync summary as one line, and the welcome when the bot joins a channel or the app is first opened (once per person, across restarts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import { writeDemoConfig } from '../../support/demo-config';
import {
  type RecordedSlackCall,
  type SlackApiStandIn,
  slackEnvironment,
  startSlackApiStandIn,
} from '../../support/slack-api-stand-in';
import { slackIdentityOf, testSlackTeamId } from '../../support/slack-identities';
import { postSignedSlackBody, slashCommandBody } from '../../support/slack-signed-requests';
import { unpacedSlack } from './slack-harness';

const signingSecret = 'words-signing-secret-0123456789abcdef';
const channel = 'C0HELPDESK';
const helpdesk = 'UHELPDSK1';
const botUserId = 'UBOT00001';

let app: App;
let http: RunningHttpServer;
let slack: SlackApiStandIn;
let dataDir: string;
let commands = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-slack-words-'));
  slack = await startSlackApiStandIn();
  writeDemoConfig(dataDir);
  await start();
  await app.store.access.grant(slackIdentityOf(helpdesk), 'helpdesk', 'test');
});

/** Starts m365ops with Slack over the data directory (again, after a restart). */
async function start(): Promise<void> {
  app = await createApp({
    env: {
      DATA_DIR: dataDir,
      M365OPS_CONFIG: path.join(dataDir, 'm365ops.yaml'),
      LOG_LEVEL: 'silent',
      ...slackEnvironment(slack, signingSecret),
    },
    cwd: dataDir,
  });
  http = await startHttpServer(app, { port: 0, mounts: [unpacedSlack] });
}

afterAll(async () => {
  await http?.close();
  await app?.close();
  await slack?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const text = (call: RecordedSlackCall) => JSON.stringify(call.args);

async function say(commandText: string, userId = helpdesk): Promise<string> {
  commands += 1;
  const responseId = `words-${commands}`;
  const body = slashCommandBody({
    text: commandText,
    userId,
    channelId: channel,
    responseUrl: slack.responseUrl(responseId),
  });
  expect((await postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body)).status).toBe(200);
  const answer = await slack.waitFor(
    'response_url',
    (call) => call.responseId === responseId && !text(call).includes('Working…'),
    30_000,
  );
  return text(answer);
}

async function sendEvent(event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify({
    token: 'unused',
    team_id: testSlackTeamId,
    api_app_id: 'A0WORDS',
    type: 'event_callback',
    event_id: `Ev${randomUUID().slice(0, 8)}`,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
  const response = await postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body, {
    contentType: 'application/json',
  });
  expect(response.status).toBe(200);
}

/** Waits until every event sent before is handled: the bot joining `marker` is greeted after them. */
async function handledSoFar(marker: string): Promise<void> {
  await sendEvent({
    type: 'member_joined_channel',
    user: botUserId,
    channel: marker,
    channel_type: 'C',
    team: testSlackTeamId,
  });
  await slack.waitFor('chat.postMessage', (call) => call.args.channel === marker, 10_000);
}

function welcomesIn(target: string): RecordedSlackCall[] {
  return slack.calls.filter(
    (call) =>
      call.method === 'chat.postMessage' && call.args.channel === target && text(call).includes('Hello, I am m365ops'),
  );
}

describe('help in Slack', () => {
  it('keeps every <placeholder> of a usage in a code span and says who grants the other roles', async () => {
    const answer = await say('help');
    expect(answer).toContain('`revoke admin &lt;upn&gt;`');
    expect(answer).not.toContain('customer add &lt;id&gt;');
    expect(answer).toMatch(
      /\d+ more commands need the approver or admin role: an m365ops admin gives a role with `access &lt;role&gt; add &lt;identity&gt;`/,
    );
  });
});

describe('the sync summary in Slack', () => {
  it('reads as one line and says how to bind a channel when none is', async () => {
    const answer = await say('sync contoso');
    expect(answer).toMatch(
      /Read \d+ users · \d+ new differences · 0 posted: no channel bound — run `notify here contoso`/,
    );
  }, 60_000);
});

describe('the welcome in Slack', () => {
  it('greets a channel the bot joins, with its first three commands as buttons', async () => {
    await sendEvent({
      type: 'member_joined_channel',
      user: botUserId,
      channel: 'C0JOINED1',
      channel_type: 'C',
      team: testSlackTeamId,
    });
    const [welcome] = [await slack.waitFor('chat.postMessage', (call) => call.args.channel === 'C0JOINED1', 10_000)];
    expect(text(welcome)).toContain('what changed in their tenants outside m365ops');
    const blocks = welcome.args.blocks as { type: string; elements?: { text: { text: string }; value: string }[] }[];
    const buttons = blocks.find((block) => block.type === 'actions')!.elements!;
    expect(buttons.map((button) => [button.text.text, JSON.parse(button.value)])).toEqual([
      ['help', { text: 'help' }],
      ['status', { text: 'status' }],
      ['add user', { text: 'add user' }],
    ]);
  });

  it('says nothing when someone else joins a channel', async () => {
    await sendEvent({
      type: 'member_joined_channel',
      user: helpdesk,
      channel: 'C0OTHERS1',
      channel_type: 'C',
      team: testSlackTeamId,
    });
    await handledSoFar('C0MARKER1');
    expect(welcomesIn('C0OTHERS1')).toEqual([]);
  });

  it('greets a person the first time they open the app’s messages, not every time', async () => {
    const opened = { type: 'app_home_opened', user: 'UNEWCOMER', channel: 'D0NEWCOMER', tab: 'messages' };
    await sendEvent(opened);
    await slack.waitFor('chat.postMessage', (call) => call.args.channel === 'D0NEWCOMER', 10_000);
    await sendEvent(opened);
    await handledSoFar('C0MARKER2');
    expect(welcomesIn('D0NEWCOMER')).toHaveLength(1);
  });

  it('remembers whom it greeted across a restart', async () => {
    const opened = { type: 'app_home_opened', user: 'URETURNS1', channel: 'D0RETURNS', tab: 'messages' };
    await sendEvent(opened);
    await slack.waitFor('chat.postMessage', (call) => call.args.channel === 'D0RETURNS', 10_000);
    await http.close();
    await app.close();
    await start();
    await sendEvent(opened);
    await handledSoFar('C0MARKER3');
    expect(welcomesIn('D0RETURNS')).toHaveLength(1);
  });
});
