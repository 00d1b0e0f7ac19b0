/**
 * Approval requests over the Slack transport against the real m365ops and the simulated tenants (design §9): the
 * request message in the bound channel, Approve by an approver, never by the requester, and Deny changing nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import { mountSlack } from '../../../bot/slack/mount';
import { globalAdministratorTemplateId } from '../../../m365/tenant-roles';
import type { Role } from '../../../store/types';
import { writeDemoConfig } from '../../support/demo-config';
import {
  type RecordedSlackCall,
  type SlackApiStandIn,
  slackEnvironment,
  startSlackApiStandIn,
} from '../../support/slack-api-stand-in';
import { slackIdentityOf } from '../../support/slack-identities';
import { interactionBody, postSignedSlackBody, slashCommandBody } from '../../support/slack-signed-requests';
import { blockActionsPayload, findButton } from './slack-payloads';

const contosoTenant = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const signingSecret = 'e2e-signing-secret-0123456789abcdef';
const channel = 'C0HELPDESK';
const people = { admin: 'UADMIN001', helpdesk: 'UHELPDSK1', approver: 'UAPPROV01' };

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
  });
  const roles: [string, Role][] = [
    [people.admin, 'admin'],
    [people.helpdesk, 'helpdesk'],
    [people.approver, 'approver'],
  ];
  for (const [userId, role] of roles) await app.store.access.grant(slackIdentityOf(userId), role, 'test');
  http = await startHttpServer(app, { port: 0, mounts: [mountSlack] });
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
  options: { userId?: string; triggerId?: string } = {},
): Promise<{ responseId: string; answer: () => Promise<RecordedSlackCall> }> {
  commands += 1;
  const responseId = `cmd-${commands}`;
  const body = slashCommandBody({
    text: commandText,
    userId: options.userId ?? people.helpdesk,
    channelId: channel,
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
async function ask(upn: string): Promise<{ id: string; posted: RecordedSlackCall }> {
  const answer = await say(`grant admin ${upn} for 2h reason "Mailbox migration" ticket INC-1234`);
  const id = /Request ([A-Z2-9]{6}) is waiting/.exec(text(answer))?.[1];
  expect(id).toBeDefined();
  const posted = await slack.waitFor('chat.postMessage', (call) => text(call).includes(`Request ${id}`), 20_000);
  return { id: id!, posted };
}

async function clickOn(posted: RecordedSlackCall, title: string, userId: string) {
  const response = await interact(
    blockActionsPayload({
      button: findButton(posted.args.blocks, title),
      userId,
      responseUrl: slack.responseUrl(`click-${userId}-${Math.random()}`),
    }),
  );
  expect(response.status).toBe(200);
}

describe('approval requests in Slack', () => {
  beforeAll(async () => {
    await say('notify here contoso', people.admin);
    for (const name of ['slack.req1', 'slack.req2'])
      await say(`add user ${name}@contoso.com plan business-basic location GB`);
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

    await clickOn(posted, 'Deny', people.approver);
    await slack.waitFor(
      'chat.update',
      (call) => text(call).includes(`Request ${id}`) && text(call).includes('Denied by'),
      20_000,
    );
    expect(admins()).not.toContain(user.id);
    expect((await app.store.requests.get(id))?.state).toBe('denied');
  });
});
