/**
 * Issue 15's "done when" for plan templates, through Teams and through Slack against the simulator: add user on a
 * plan naming groups and a shared mailbox, whose new mailbox Exchange makes 2 simulated hours after the licence.
 * The card shows the groups ✅ and the grant ⏳; m365ops stops and starts again on the same data directory; the
 * operation's durable job, run on the injected clock, finds the mailbox and the same card is updated in place
 * (Teams: an update of the posted activity; Slack: chat.update of the posted message) to ✅. The tenant has the
 * memberships and the mailbox permission. And a group the tenant does not have fails alone; once it is made in the
 * portal, the card's Retry failed steps runs only that step and redraws the same card as done.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../bot/server/http-server';
import { mountTeams } from '../../bot/teams/mount';
import { actionData } from '../../cards';
import { createJobHandlers } from '../../jobs/alias-job';
import { createJobRunner } from '../../jobs/job-runner';
import { startSimulator } from '../../sim/index';
import type { RunningSimulator } from '../../sim/types';
import type { SharedMailboxGrant } from '../../store/types';
import { ManualClock } from '../store/contract/harness';
import { type BotConnectorStandIn, devConnectorEnv, startBotConnectorStandIn } from '../support/bot-connector-stand-in';
import { writeDemoConfig } from '../support/demo-config';
import { type SlackApiStandIn, slackEnvironment, startSlackApiStandIn } from '../support/slack-api-stand-in';
import { slackIdentityOf } from '../support/slack-identities';
import { interactionBody, postSignedSlackBody, slashCommandBody } from '../support/slack-signed-requests';
import { unpacedSlack } from './slack/slack-harness';
import { blockActionsPayload, findButton } from './slack/slack-payloads';
import { cardAction, people, personalMessage, postActivity } from './teams/teams-activities';

jest.setTimeout(120_000);

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const hour = 60 * 60_000;
const signingSecret = 'template-signing-secret-0123456789abcdef';
const slackHelpdesk = 'UHELPDSK7';
const clock = new ManualClock(new Date());

let sim: RunningSimulator;
let connector: BotConnectorStandIn;
let slack: SlackApiStandIn;

beforeAll(async () => {
  sim = await startSimulator({
    redirectUris: ['http://localhost:3978/consent/callback'],
    mailboxDelayMs: 2 * hour,
    now: () => clock.now().getTime(),
    // m365ops caches its tokens by the real clock, the simulator expires them by the injected one.
    tokenLifetimeSeconds: 24 * 60 * 60,
  });
  sim.control.setSkuUnits(contosoTenantId, 'SPB', 500);
  [connector, slack] = await Promise.all([startBotConnectorStandIn(), startSlackApiStandIn()]);
});

afterAll(async () => {
  await Promise.all([sim?.close(), connector?.close(), slack?.close()]);
});

interface Running {
  app: App;
  http: RunningHttpServer;
  close(): Promise<void>;
}

/** m365ops on `dataDir` against the simulator, with Teams (dev mode, the connector stand-in) and Slack mounted. */
async function start(dataDir: string): Promise<Running> {
  const app = await createApp({
    env: {
      DATA_DIR: dataDir,
      M365OPS_CONFIG: writeDemoConfig(dataDir, {
        admins: [`teams:${people.admin.aadObjectId}`],
        approvers: [],
        helpdesk: [`teams:${people.helpdesk.aadObjectId}`, slackIdentityOf(slackHelpdesk)],
      }),
      LOG_LEVEL: 'silent',
      PORT: '3978',
      M365_CLIENT_ID: sim.clientId,
      M365_CLIENT_SECRET: sim.clientSecret,
      M365_LOGIN_URL: sim.loginUrl,
      M365_GRAPH_URL: sim.graphUrl,
      M365_EXCHANGE_URL: sim.exchangeUrl,
      M365OPS_DEV_MODE: '1',
      ...devConnectorEnv(connector),
      ...slackEnvironment(slack, signingSecret),
    },
    cwd: dataDir,
    clock,
    microsoftCa: sim.caPem,
  });
  const http = await startHttpServer(app, {
    port: 0,
    mounts: [(server, m365ops) => mountTeams(server, m365ops, { env: {}, workingCardAfterMs: 60_000 }), unpacedSlack],
  });
  return {
    app,
    http,
    async close() {
      await http.close();
      await app.close();
    },
  };
}

/** The plan template: two groups (All Staff is a Microsoft 365 group) and Full Access on the shared mailbox. */
async function useTemplate(
  app: App,
  groups = ['Sales', 'All Staff'],
  sharedMailboxes: SharedMailboxGrant[] = [{ mailbox: 'sales.team@contoso.com', access: ['FullAccess'] }],
): Promise<void> {
  const plan = await app.store.plans.get('business-premium');
  await app.store.plans.upsert({ ...plan!, groups, sharedMailboxes });
}

/** Runs the due durable jobs of `app` as its background would, on the injected clock. */
const runJobs = (app: App) =>
  createJobRunner({
    store: app.store,
    logger: app.logger,
    clock,
    owner: 'test',
    handlers: createJobHandlers(app.runtime, 'test'),
    random: () => 0,
  }).runDue();

/** Card text without the renderers' escaping. */
const plain = (shown: unknown) => JSON.stringify(shown).replace(/\\+(["'.`*_\-<>#!|()[\]])/g, '$1');

function expectTenantHas(upn: string): void {
  const user = sim.control.getUser(contosoTenantId, upn);
  for (const group of ['Sales', 'All Staff']) {
    expect(sim.control.getGroup(contosoTenantId, group)?.memberIds).toContain(user?.id);
  }
  expect(sim.control.getMailbox(contosoTenantId, 'sales.team@contoso.com')?.fullAccess).toContain(upn);
}

const waitingCard = [
  '✅ Join Sales',
  '✅ Join All Staff',
  '⏳ Give Full Access on sales.team@contoso.com',
  'mailbox of',
  'not ready yet',
  'Not done yet',
];

/** Resolves once the operation of `upn` keeps where its card was posted. */
async function cardKept(app: App, upn: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [operation] = await app.store.trackedOperations.list('contoso', { upn });
    if ((operation?.messageRefs.length ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error(`The card of ${upn} was never kept: ${JSON.stringify(operation)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** An hour on, the job finds no mailbox yet and waits again; another hour on, it runs the grant. */
async function stillWaitingAfterAnHour(app: App, upn: string): Promise<void> {
  clock.advance(hour);
  expect(await runJobs(app)).toBe(1);
  const [operation] = await app.store.trackedOperations.list('contoso', { upn });
  expect(operation?.steps.map((step) => step.state)).toEqual(['done', 'done', 'done', 'waiting']);
  clock.advance(hour + 5 * 60_000);
  expect(await runJobs(app)).toBe(1);
}

function withDataDir(run: (dataDir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-template-'));
    try {
      await run(dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

test(
  'Teams: the card waits for the mailbox, and after a restart the same activity is updated to done',
  withDataDir(async (dataDir) => {
    const upn = 'tina.template@contoso.com';
    const first = await start(dataDir);
    await useTemplate(first.app);
    const before = connector.recorded.length;
    const text = `add user ${upn} plan business-premium location GB`;
    const answer = await postActivity(first.http.url, personalMessage(connector.serviceUrl, text, people.helpdesk));
    expect(answer.status).toBe(200);
    const posted = connector.recorded
      .slice(before)
      .find((sent) => plain(sent.body?.attachments ?? '').includes(`Added ${upn}`));
    const card = plain(posted?.body.attachments[0].content);
    for (const line of waitingCard) expect(card).toContain(line);
    await cardKept(first.app, upn);
    await first.close();

    const second = await start(dataDir);
    try {
      await stillWaitingAfterAnHour(second.app, upn);
      const activityId = posted?.newActivityId as string;
      const updated = await connector.waitFor(
        (sent) => sent.operation === 'update' && sent.activityId === activityId && plain(sent.body).includes('Done'),
        10_000,
      );
      const redrawn = plain(updated.body.attachments[0].content);
      expect(redrawn).toContain('✅ Give Full Access on sales.team@contoso.com');
      expect(redrawn).toContain('Done: all 4 steps finished.');
      expect(redrawn).not.toContain('⏳');
      expectTenantHas(upn);
    } finally {
      await second.close();
    }
  }),
);

test(
  'Slack: the posted message waits for the mailbox, and after a restart chat.update redraws it as done',
  withDataDir(async (dataDir) => {
    const upn = 'sam.template@contoso.com';
    const first = await start(dataDir);
    await useTemplate(first.app);
    const body = slashCommandBody({
      text: `add user ${upn} plan business-premium location GB`,
      userId: slackHelpdesk,
      channelId: 'C0HELPDESK',
      responseUrl: slack.responseUrl('template-add'),
    });
    expect((await postSignedSlackBody(`${first.http.url}/slack/events`, signingSecret, body)).status).toBe(200);
    const posted = await slack.waitFor('chat.postMessage', (call) => plain(call.args).includes(`Added ${upn}`), 20_000);
    const card = plain(posted.args.blocks);
    for (const line of waitingCard) expect(card).toContain(line);
    // Slack answers after its ack: m365ops keeps where the card went (to redraw it) just after posting it.
    await cardKept(first.app, upn);
    await first.close();

    const second = await start(dataDir);
    try {
      await stillWaitingAfterAnHour(second.app, upn);
      const ts = posted.answer?.ts;
      const updated = await slack.waitFor(
        'chat.update',
        (call) => call.args.ts === ts && plain(call.args).includes('Done'),
        10_000,
      );
      expect(updated.args.channel).toBe(posted.answer?.channel ?? posted.args.channel);
      const redrawn = plain(updated.args.blocks);
      expect(redrawn).toContain('✅ Give Full Access on sales.team@contoso.com');
      expect(redrawn).toContain('Done: all 4 steps finished.');
      expect(redrawn).not.toContain('⏳');
      expectTenantHas(upn);
    } finally {
      await second.close();
    }
  }),
);

/** A plan naming a group the tenant does not have yet: it fails alone, naming the groups there are. */
function unknownGroupCard(group: string): string[] {
  const names = sim.control.listGroups(contosoTenantId).map((known) => known.displayName);
  return [
    '✅ Join Sales',
    `❌ Join ${group}`,
    `There is no group "${group}" in Contoso Ltd's tenant; its groups are ${names.sort((a, b) => a.localeCompare(b)).join(', ')}.`,
    'Not done yet: 2 of 3 steps finished; 1 failed.',
    'Retry failed steps',
  ];
}

function expectRetriedCard(redrawn: string, upn: string, group: string): void {
  expect(redrawn).toContain(`✅ Join ${group}`);
  expect(redrawn).toContain('Done: all 3 steps finished.');
  expect(redrawn).not.toContain('Retry failed steps');
  const user = sim.control.getUser(contosoTenantId, upn);
  expect(sim.control.getGroup(contosoTenantId, group)?.memberIds).toContain(user?.id);
}

test(
  'Teams: a missing group fails alone, and Retry failed steps redraws the same card as done once it exists',
  withDataDir(async (dataDir) => {
    const upn = 'ivo.intern@contoso.com';
    const running = await start(dataDir);
    try {
      await useTemplate(running.app, ['Sales', 'Interns'], []);
      const before = connector.recorded.length;
      const text = `add user ${upn} plan business-premium location GB`;
      await postActivity(running.http.url, personalMessage(connector.serviceUrl, text, people.helpdesk));
      const posted = connector.recorded
        .slice(before)
        .find((sent) => plain(sent.body?.attachments ?? '').includes(`Added ${upn}`));
      const card = plain(posted?.body.attachments[0].content);
      for (const line of unknownGroupCard('Interns')) expect(card).toContain(line);

      sim.control.createGroup(contosoTenantId, { displayName: 'Interns' });
      const [operation] = await running.app.store.trackedOperations.list('contoso', { upn });
      const { verb, data } = actionData({ name: 'retry-steps', operationId: operation!.id });
      const base = personalMessage(connector.serviceUrl, '', people.helpdesk);
      expect((await postActivity(running.http.url, cardAction(base, verb, data))).status).toBe(200);
      const updated = await connector.waitFor(
        (sent) =>
          sent.operation === 'update' && sent.activityId === posted?.newActivityId && plain(sent.body).includes('Done'),
        10_000,
      );
      expectRetriedCard(plain(updated.body.attachments[0].content), upn, 'Interns');
    } finally {
      await running.close();
    }
  }),
);

test(
  'Slack: a missing group fails alone, and its Retry failed steps button redraws the message as done (chat.update)',
  withDataDir(async (dataDir) => {
    const upn = 'ida.intern@contoso.com';
    const running = await start(dataDir);
    try {
      await useTemplate(running.app, ['Sales', 'Trainees'], []);
      const body = slashCommandBody({
        text: `add user ${upn} plan business-premium location GB`,
        userId: slackHelpdesk,
        channelId: 'C0HELPDESK',
        responseUrl: slack.responseUrl('template-retry'),
      });
      await postSignedSlackBody(`${running.http.url}/slack/events`, signingSecret, body);
      const posted = await slack.waitFor(
        'chat.postMessage',
        (call) => plain(call.args).includes(`Added ${upn}`),
        20_000,
      );
      for (const line of unknownGroupCard('Trainees')) expect(plain(posted.args.blocks)).toContain(line);
      await cardKept(running.app, upn);

      sim.control.createGroup(contosoTenantId, { displayName: 'Trainees' });
      const ts = posted.answer?.ts as string;
      const click = blockActionsPayload({
        button: findButton(posted.args.blocks, 'Retry failed steps'),
        userId: slackHelpdesk,
        messageTs: ts,
        responseUrl: slack.responseUrl('template-retry-click'),
      });
      const clicked = await postSignedSlackBody(
        `${running.http.url}/slack/events`,
        signingSecret,
        interactionBody(click),
      );
      expect(clicked.status).toBe(200);
      const updated = await slack.waitFor(
        'chat.update',
        (call) => call.args.ts === ts && plain(call.args).includes('Done'),
        10_000,
      );
      expectRetriedCard(plain(updated.args.blocks), upn, 'Trainees');
    } finally {
      await running.close();
    }
  }),
);
