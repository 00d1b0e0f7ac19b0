/**
 * Approval requests over the Slack transport against the real m365ops and the simulated tenants (design §9): the
 * request message in the bound channel, Approve by an approver, never by the requester, Deny changing nothing, an
 * expired request that cannot be approved, 20 concurrent Approve clicks making one grant, and the time-boxed grant
 * that warns (privately and in the channel) before it ends and is removed once at the end (injected clock).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import type { SlackView } from '../../../cards';
import { createJobHandlers } from '../../../jobs/alias-job';
import { createJobRunner } from '../../../jobs/job-runner';
import { globalAdministratorTemplateId } from '../../../m365/tenant-roles';
import type { Role } from '../../../store/types';
import { ManualClock } from '../../store/contract/harness';
import { writeDemoConfig } from '../../support/demo-config';
import {
  type RecordedSlackCall,
  type SlackApiStandIn,
  slackEnvironment,
  startSlackApiStandIn,
} from '../../support/slack-api-stand-in';
import { slackIdentityOf } from '../../support/slack-identities';
import { interactionBody, postSignedSlackBody, slashCommandBody } from '../../support/slack-signed-requests';
import { unpacedSlack } from './slack-harness';
import { blockActionsPayload, findButton, viewSubmissionPayload } from './slack-payloads';

const contosoTenant = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const signingSecret = 'e2e-signing-secret-0123456789abcdef';
const channel = 'C0HELPDESK';
/** The helpdesk person's direct-message conversation with the bot: what is said there is private. */
const helpdeskDm = 'D0HELPDSK1';
const people = { admin: 'UADMIN001', helpdesk: 'UHELPDSK1', approver: 'UAPPROV01' };
const minute = 60_000;
const hour = 60 * minute;
const clock = new ManualClock(new Date());

let app: App;
let http: RunningHttpServer;
let slack: SlackApiStandIn;
let dataDir: string;
let commands = 0;

const text = (call: RecordedSlackCall) => JSON.stringify(call.args);
const tenantUser = (upn: string) => app.simulator!.control.getUser(contosoTenant, upn);
const admins = () => app.simulator!.control.listRoleMembers(contosoTenant, globalAdministratorTemplateId);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-slack-'));
  slack = await startSlackApiStandIn();
  app = await createApp({
    env: {
      DATA_DIR: dataDir,
      M365OPS_CONFIG: writeDemoConfig(dataDir),
      LOG_LEVEL: 'silent',
      ...slackEnvironment(slack, signingSecret),
    },
    cwd: dataDir,
    clock,
  });
  const roles: [string, Role][] = [
    [people.admin, 'admin'],
    [people.helpdesk, 'helpdesk'],
    [people.approver, 'approver'],
  ];
  for (const [userId, role] of roles) await app.store.access.grant(slackIdentityOf(userId), role, 'test');
  http = await startHttpServer(app, { port: 0, mounts: [unpacedSlack] });
});

afterAll(async () => {
  await http?.close();
  await app?.close();
  await slack?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Sends `/m365 <text>` and returns the first answer through its response_url that is not "working…". */
async function command(
  commandText: string,
  options: { userId?: string; triggerId?: string; channelId?: string } = {},
): Promise<{ responseId: string; answer: () => Promise<RecordedSlackCall> }> {
  commands += 1;
  const responseId = `cmd-${commands}`;
  const body = slashCommandBody({
    text: commandText,
    userId: options.userId ?? people.helpdesk,
    channelId: options.channelId ?? channel,
    responseUrl: slack.responseUrl(responseId),
    triggerId: options.triggerId,
  });
  const response = await postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body);
  expect(response.status).toBe(200);
  expect(response.text).toBe('');
  return {
    responseId,
    answer: () =>
      slack.waitFor(
        'response_url',
        (call) => call.responseId === responseId && !text(call).includes('Working…'),
        20_000,
      ),
  };
}

async function say(commandText: string, userId = people.helpdesk): Promise<RecordedSlackCall> {
  return (await command(commandText, { userId })).answer();
}

async function interact(payload: unknown) {
  return postSignedSlackBody(`${http.url}/slack/events`, signingSecret, interactionBody(payload));
}

/** Asks for 2h of admin as helpdesk; answers the request id and the message posted for approvers. */
async function ask(upn: string, channelId = channel): Promise<{ id: string; posted: RecordedSlackCall }> {
  const asking = `grant admin ${upn} for 2h reason "Mailbox migration" ticket INC-1234`;
  const answer = await (await command(asking, { userId: people.helpdesk, channelId })).answer();
  const id = /Request ([A-Z2-9]{6}) is waiting/.exec(text(answer))?.[1];
  expect(id).toBeDefined();
  const posted = await slack.waitFor('chat.postMessage', (call) => text(call).includes(`Request ${id}`), 20_000);
  return { id: id!, posted };
}

let clicks = 0;

/** Clicks a button of a posted message; answers the click's first answer through its response_url. */
async function clickOn(posted: RecordedSlackCall, title: string, userId: string): Promise<() => Promise<string>> {
  clicks += 1;
  const responseId = `click-${clicks}`;
  const response = await interact(
    blockActionsPayload({
      button: findButton(posted.args.blocks, title),
      userId,
      responseUrl: slack.responseUrl(responseId),
    }),
  );
  expect(response.status).toBe(200);
  return async () => text(await slack.waitFor('response_url', (call) => call.responseId === responseId, 20_000));
}

/** Clicks Deny, which opens a modal asking for a comment, and submits it with `comment` (empty: none). */
async function denyWith(posted: RecordedSlackCall, userId: string, comment: string): Promise<void> {
  const opened = slack.callsTo('views.open').length;
  await clickOn(posted, 'Deny', userId);
  const modal = await slack.waitFor('views.open', () => slack.callsTo('views.open').length > opened, 20_000);
  const view = modal.args.view as SlackView;
  expect(view.callback_id).toBe('deny-request');
  const values: Parameters<typeof viewSubmissionPayload>[0]['values'] = comment
    ? { comment: { kind: 'text', value: comment } }
    : {};
  const response = await interact(viewSubmissionPayload({ view, viewId: `VDENY${opened}`, userId, values }));
  expect(response.status).toBe(200);
}

const grants = async () =>
  (await app.store.audit.list({ customerId: 'contoso' })).filter(
    (r) => r.action === 'grant-admin' && r.result === 'ok',
  );
const runJobs = () =>
  createJobRunner({
    store: app.store,
    logger: app.logger,
    clock,
    owner: 'test',
    handlers: createJobHandlers(app.runtime, 'test'),
    random: () => 0,
  }).runDue();
const postedSince = (channelId: string, from: number) =>
  slack.calls.slice(from).filter((call) => call.method === 'chat.postMessage' && call.args.channel === channelId);

describe('approval requests in Slack', () => {
  beforeAll(async () => {
    await say('notify here contoso', people.admin);
    for (const name of [
      'slack.req1',
      'slack.req2',
      'slack.req3',
      'slack.req4',
      'slack.req5',
      'slack.req6',
      'slack.req7',
    ]) {
      // The user's card (its steps) is posted with chat.postMessage, to be redrawn in place.
      await command(`add user ${name}@contoso.com plan business-basic location GB`, { userId: people.helpdesk });
      await slack.waitFor('chat.postMessage', (call) => text(call).includes(`Added ${name}@contoso.com`), 20_000);
    }
  });

  it('helpdesk asks for 2h of admin, the approver approves: the role is in the tenant and the message says who', async () => {
    const { id, posted } = await ask('slack.req1@contoso.com');
    for (const part of ['slack.req1@contoso.com', 'Global Administrator', '2h', 'Mailbox migration', 'INC-1234']) {
      expect(text(posted)).toContain(part);
    }
    const user = tenantUser('slack.req1@contoso.com')!;
    expect(admins()).not.toContain(user.id);
    await clickOn(posted, 'Approve', people.approver);
    const updated = await slack.waitFor(
      'chat.update',
      (call) => text(call).includes(`Request ${id}`) && text(call).includes('Approved by'),
      20_000,
    );
    expect(text(updated)).not.toContain('"Approve"');
    expect(admins()).toContain(user.id);
    expect((await app.store.requests.get(id))?.result).toBe('applied');
  });

  it('refuses the requester, even as an approver, and a denial changes nothing', async () => {
    const { id, posted } = await ask('slack.req2@contoso.com');
    const user = tenantUser('slack.req2@contoso.com')!;
    await app.store.access.grant(slackIdentityOf(people.helpdesk), 'approver', 'test');
    await clickOn(posted, 'Approve', people.helpdesk);
    await slack.waitFor('response_url', (call) => text(call).includes(`You asked for Request ${id} yourself`), 20_000);
    await app.store.access.revoke(slackIdentityOf(people.helpdesk), 'approver');
    expect((await app.store.requests.get(id))?.state).toBe('open');

    await denyWith(posted, people.approver, '');
    await slack.waitFor(
      'chat.update',
      (call) => text(call).includes(`Request ${id}`) && text(call).includes('Denied by'),
      20_000,
    );
    expect(admins()).not.toContain(user.id);
    expect((await app.store.requests.get(id))?.state).toBe('denied');
  });
});

describe('Deny in Slack', () => {
  it('asks for an optional comment in a modal; the message then says who denied it and why, and nothing changes', async () => {
    const { id, posted } = await ask('slack.req6@contoso.com');
    await denyWith(posted, people.approver, 'Use the break-glass account');
    const updated = await slack.waitFor(
      'chat.update',
      (call) => text(call).includes(`Request ${id}`) && text(call).includes('Denied by'),
      20_000,
    );
    expect(text(updated)).toContain('Use the break-glass account');
    expect(text(updated)).not.toContain('"Approve"');
    expect(await app.store.requests.get(id)).toMatchObject({ state: 'denied', comment: 'Use the break-glass account' });
    expect(admins()).not.toContain(tenantUser('slack.req6@contoso.com')!.id);
  });

  it('tells a helpdesk person who submits the modal that deciding needs an approver, and nothing changes', async () => {
    const { id, posted } = await ask('slack.req6@contoso.com');
    const before = slack.calls.length;
    await denyWith(posted, people.helpdesk, 'no');
    await slack.waitFor(
      'chat.postEphemeral',
      (call) => slack.calls.indexOf(call) >= before && text(call).includes('approver role'),
      20_000,
    );
    expect((await app.store.requests.get(id))?.state).toBe('open');
  });
});

describe('approval requests in Slack that close or race', () => {
  it('expires after REQUEST_TTL: the message says so without buttons, and it cannot be approved', async () => {
    const { id, posted } = await ask('slack.req3@contoso.com');
    clock.advance(24 * hour + 1000);
    await runJobs();
    expect((await app.store.requests.get(id))?.state).toBe('expired');
    const updated = await slack.waitFor(
      'chat.update',
      (call) => text(call).includes(`Request ${id}`) && text(call).includes('Expired'),
      20_000,
    );
    expect(text(updated)).not.toContain('"Approve"');
    const answer = await (await clickOn(posted, 'Approve', people.approver))();
    expect(answer).toContain(`Request ${id} cannot be approved`);
    expect(admins()).not.toContain(tenantUser('slack.req3@contoso.com')!.id);
  });

  it('makes one grant of 20 concurrent Approve clicks', async () => {
    const { id, posted } = await ask('slack.req4@contoso.com');
    const before = (await grants()).length;
    const answers = await Promise.all(
      await Promise.all(Array.from({ length: 20 }, () => clickOn(posted, 'Approve', people.approver))),
    ).then((waits) => Promise.all(waits.map((wait) => wait())));
    expect(answers.filter((answer) => answer.includes('decided already') || answer.includes('first'))).toHaveLength(19);
    expect((await grants()).length).toBe(before + 1);
    expect(admins()).toContain(tenantUser('slack.req4@contoso.com')!.id);
    expect((await app.store.requests.get(id))?.result).toBe('applied');
  });
});

describe('admin access granted through a request in Slack, time-boxed', () => {
  it('warns a requester who asked in the channel in their direct messages too', async () => {
    const { posted } = await ask('slack.req7@contoso.com');
    await (await clickOn(posted, 'Approve', people.approver))();
    const beforeWarning = slack.calls.length;
    clock.advance(2 * hour - 15 * minute);
    await runJobs();
    // chat.postMessage to a user id posts in the app's direct messages with them.
    for (const where of [channel, people.helpdesk]) {
      const warnings = postedSince(where, beforeWarning).filter((call) =>
        text(call).includes('slack.req7@contoso.com ends in 15 minutes'),
      );
      expect(warnings).toHaveLength(1);
      expect(() => findButton(warnings[0]!.args.blocks, 'Extend 1h')).not.toThrow();
    }
    clock.advance(15 * minute);
    await runJobs();
    expect(admins()).not.toContain(tenantUser('slack.req7@contoso.com')!.id);
  });

  it('warns the requester privately and the channel 15 minutes before the end, then removes the role once', async () => {
    const { id, posted } = await ask('slack.req5@contoso.com', helpdeskDm);
    clock.advance(2 * hour); // the clock starts at the grant, not at the request
    await (await clickOn(posted, 'Approve', people.approver))();
    const user = tenantUser('slack.req5@contoso.com')!.id;
    expect(admins()).toContain(user);
    expect((await app.store.adminGrants.findCurrent('contoso', user))?.endsAt?.getTime()).toBe(
      clock.now().getTime() + 2 * hour,
    );

    const beforeWarning = slack.calls.length;
    clock.advance(2 * hour - 15 * minute);
    await runJobs();
    for (const where of [channel, helpdeskDm]) {
      const warning = postedSince(where, beforeWarning).find((call) =>
        text(call).includes('slack.req5@contoso.com ends in 15 minutes'),
      );
      expect(warning).toBeDefined();
      expect(() => findButton(warning!.args.blocks, 'Extend 1h')).not.toThrow();
      expect(() => findButton(warning!.args.blocks, 'End now')).not.toThrow();
    }
    expect(admins()).toContain(user);

    app.simulator!.control.resetRequestCounts();
    const beforeEnd = slack.calls.length;
    clock.advance(15 * minute);
    await runJobs();
    clock.advance(hour);
    await runJobs();
    expect(admins()).not.toContain(user);
    const removals = Object.entries(app.simulator!.control.requestCounts())
      .filter(([route]) => route.startsWith('DELETE') && route.includes('roleAssignments'))
      .reduce((sum, [, count]) => sum + count, 0);
    expect(removals).toBe(1);
    expect(
      postedSince(channel, beforeEnd).filter((call) =>
        text(call).includes('Admin access of slack.req5@contoso.com ended'),
      ),
    ).toHaveLength(1);
    const expired = (await app.store.audit.list({ customerId: 'contoso' })).filter(
      (r) => r.action === 'admin-expired' && r.target === 'slack.req5@contoso.com',
    );
    expect(expired).toHaveLength(1);
    expect(expired[0]?.details).toMatchObject({ requestId: id });
  });
});
