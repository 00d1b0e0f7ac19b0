/**
 * Slack against the real m365ops: createApp (embedded store in a temporary directory, the built-in simulated
 * tenants, Slack keys pointing at the Slack Web API stand-in) and the one HTTP server with the Slack mount, driven
 * with signed slash commands and interactivity payloads; what the app sent is read back at the stand-in and what
 * it did at the simulated tenant.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import { slackWebApiMethods } from '../../../bot/slack/slack-web-api';
import type { SlackView } from '../../../cards';
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
import { unpacedSlack } from './slack-harness';
import { blockActionsPayload, findButton, viewSubmissionPayload } from './slack-payloads';

const contosoTenant = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const signingSecret = 'e2e-signing-secret-0123456789abcdef';
const channel = 'C0HELPDESK';
const people = { admin: 'UADMIN001', helpdesk: 'UHELPDSK1', stranger: 'USTRANGE1' };

let app: App;
let http: RunningHttpServer;
let slack: SlackApiStandIn;
let dataDir: string;
let commands = 0;

const text = (call: RecordedSlackCall) => JSON.stringify(call.args);
const tenantUser = (upn: string) => app.simulator!.control.getUser(contosoTenant, upn);

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

/** Adds a user by text: its steps' card is posted with chat.postMessage (redrawn in place as steps finish). */
async function addUserByText(upn: string): Promise<RecordedSlackCall> {
  await command(`add user ${upn} plan business-basic location GB`, { userId: people.helpdesk });
  return slack.waitFor('chat.postMessage', (call) => text(call).includes(`Added ${upn}`), 20_000);
}

async function interact(payload: unknown) {
  return postSignedSlackBody(`${http.url}/slack/events`, signingSecret, interactionBody(payload));
}

/** The password in the ephemeral message to `userId` that carries it (a plain_text section). */
async function passwordSentTo(userId: string, upn: string): Promise<string> {
  const ephemeral = await slack.waitFor(
    'chat.postEphemeral',
    (call) => call.args.user === userId && text(call).includes(`Temporary password for ${upn}`),
    20_000,
  );
  expect(ephemeral.args.channel).toBe(channel);
  const blocks = ephemeral.args.blocks as { type: string; text?: { type: string; text: string } }[];
  const password = blocks.find((block) => block.type === 'section' && block.text?.type === 'plain_text')?.text?.text;
  expect(password).toMatch(/^\S{8,}$/);
  return password!;
}

/** Every message others can see: channel posts, updates, in-channel responses. */
function publicMessages(): RecordedSlackCall[] {
  return slack.calls.filter(
    (call) =>
      call.method === 'chat.postMessage' ||
      call.method === 'chat.update' ||
      (call.method === 'response_url' && call.args.response_type !== 'ephemeral'),
  );
}

/** Every string in a call's decoded fields (form-encoded bodies hide a password from a search of the raw text). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

function expectNotInPublic(secret: string): void {
  const messages = publicMessages();
  expect(messages.length).toBeGreaterThan(0);
  for (const call of messages) {
    expect(call.raw).not.toContain(secret);
    expect(stringsOf(call.args).filter((value) => value.includes(secret))).toEqual([]);
  }
}

function skusOf(upn: string): string[] {
  const names = new Map(app.simulator!.control.getSkus(contosoTenant).map((sku) => [sku.skuId, sku.skuPartNumber]));
  return (tenantUser(upn)?.assignedLicenses ?? []).map((licence) => String(names.get(licence.skuId))).sort();
}

type InputBlock = {
  type: string;
  block_id?: string;
  element?: { type: string; options?: { value: string }[]; initial_option?: { value: string } };
};

function inputBlock(view: SlackView, blockId: string): InputBlock {
  const block = (view.blocks as InputBlock[]).find((candidate) => candidate.block_id === blockId);
  if (!block) throw new Error(`The modal has no ${blockId} block.`);
  return block;
}

const optionsOf = (view: SlackView, blockId: string) =>
  (inputBlock(view, blockId).element?.options ?? []).map((option) => option.value);

describe('Slack end to end', () => {
  it('adds a user directly: the result in the channel, the password only to the requester', async () => {
    const upn = 'jane@contoso.com';
    await command(`add user ${upn} plan business-premium location GB`, { userId: people.helpdesk });
    // Its steps' card is posted with chat.postMessage, so it can be redrawn in place as steps finish.
    const answer = await slack.waitFor(
      'chat.postMessage',
      (call) => call.args.channel === channel && text(call).includes(`Added ${upn}`),
      20_000,
    );
    expect(text(answer)).toContain('Done.');
    const password = await passwordSentTo(people.helpdesk, upn);
    expect(answer.raw).not.toContain(password);
    expectNotInPublic(password);
    expect(tenantUser(upn)).toMatchObject({ userPrincipalName: upn, usageLocation: 'GB', accountEnabled: true });
    expect(skusOf(upn)).toEqual(['SPB']);
  });

  describe('the add-user modal', () => {
    beforeAll(async () => {
      // The channel's default customer fills the form: bound the way an admin would.
      const bound = await say('notify here contoso', people.admin);
      expect(text(bound)).toContain('Contoso');
      expect(await app.store.bindings.get('contoso')).toMatchObject({ platform: 'slack' });
    });

    async function openModal(): Promise<{ view: SlackView; viewId: string }> {
      const triggerId = `trigger.modal.${commands}`;
      await command('add user', { triggerId });
      const opened = await slack.waitFor('views.open', (call) => call.args.trigger_id === triggerId);
      const updated = await slack.waitFor(
        'views.update',
        (call) => (call.args.view as SlackView | undefined)?.callback_id === 'form:add-user' && call.at >= opened.at,
        20_000,
      );
      return { view: updated.args.view as SlackView, viewId: String(updated.args.view_id) };
    }

    it('opens with views.open and fills the form from the channel’s customer: its plans and domains', async () => {
      const { view } = await openModal();
      expect(view.callback_id).toBe('form:add-user');
      expect(inputBlock(view, 'customerId').element?.initial_option?.value).toBe('contoso');
      expect(optionsOf(view, 'planId')).toEqual(['business-premium', 'business-basic', 'exchange-only']);
      expect(optionsOf(view, 'domain')).toContain('contoso.com');
      expect(optionsOf(view, 'usageLocation')).toContain('GB');
      expect(JSON.parse(String(view.private_metadata))).toMatchObject({ channelId: channel });
    });

    it('answers a bad usage location with errors keyed by its block, then adds the user on a good submission', async () => {
      const { view, viewId } = await openModal();
      const upn = 'modal.user@contoso.com';
      const values = {
        customerId: { kind: 'select' as const, value: 'contoso' },
        givenName: { kind: 'text' as const, value: 'Modal' },
        surname: { kind: 'text' as const, value: 'User' },
        userName: { kind: 'text' as const, value: 'modal.user' },
        domain: { kind: 'select' as const, value: 'contoso.com' },
        planId: { kind: 'select' as const, value: 'business-premium' },
        usageLocation: { kind: 'select' as const, value: 'UK' },
        admin: { kind: 'checkbox' as const, checked: false },
      };
      const invalid = await interact(viewSubmissionPayload({ view, viewId, userId: people.helpdesk, values }));
      expect(invalid.status).toBe(200);
      const refused = invalid.json() as { response_action: string; errors: Record<string, string> };
      expect(refused.response_action).toBe('errors');
      expect(Object.keys(refused.errors)).toEqual(['usageLocation']);
      expect(refused.errors.usageLocation).toContain('"UK" is not a country code');
      expect(tenantUser(upn)).toBeNull();

      const postsBefore = slack.callsTo('chat.postMessage').length;
      const valid = await interact(
        viewSubmissionPayload({
          view,
          viewId,
          userId: people.helpdesk,
          values: { ...values, usageLocation: { kind: 'select', value: 'GB' } },
        }),
      );
      const done = valid.json() as { response_action: string; view: unknown };
      expect(done.response_action).toBe('update');
      expect(JSON.stringify(done.view)).toContain(upn);
      expect(tenantUser(upn)).toMatchObject({ usageLocation: 'GB', givenName: 'Modal', surname: 'User' });
      expect(skusOf(upn)).toEqual(['SPB']);

      const posted = await slack.waitFor(
        'chat.postMessage',
        (call) => slack.callsTo('chat.postMessage').indexOf(call) >= postsBefore && text(call).includes(upn),
      );
      expect(posted.args.channel).toBe(channel);
      // The modal result is the requester's own view; the channel post must not carry its password.
      const password = (done.view as { blocks: { type: string; text?: { type: string; text: string } }[] }).blocks.find(
        (block) => block.type === 'section' && block.text?.type === 'plain_text',
      )?.text?.text;
      expect(password).toMatch(/^\S{8,}$/);
      expectNotInPublic(password!);
    });
  });

  it('lists a customer’s users in the channel', async () => {
    const answer = await say('users contoso');
    expect(answer.args.response_type).toBe('in_channel');
    expect(text(answer)).toContain('Contoso');
    expect(text(answer)).toContain('jane@contoso.com');
  });

  it('removes a user after the Remove button of the confirmation', async () => {
    const upn = 'rob.remove@contoso.com';
    await addUserByText(upn);
    expect(skusOf(upn)).toEqual(['O365_BUSINESS_ESSENTIALS']);

    const confirmation = await say(`remove user ${upn}`);
    expect(confirmation.args.response_type).toBe('ephemeral');
    expect(text(confirmation)).toContain(`Remove ${upn}?`);
    expect(skusOf(upn)).toEqual(['O365_BUSINESS_ESSENTIALS']);

    const clickResponse = `click-remove-${commands}`;
    const click = await interact(
      blockActionsPayload({
        button: findButton(confirmation.args.blocks, 'Remove user'),
        userId: people.helpdesk,
        channelId: channel,
        responseUrl: slack.responseUrl(clickResponse),
        ephemeral: true,
      }),
    );
    expect(click.status).toBe(200);
    const result = await slack.waitFor(
      'response_url',
      (call) => call.responseId === clickResponse && text(call).includes(upn),
      20_000,
    );
    expect(result.args.response_type).toBe('in_channel');
    expect(skusOf(upn)).toEqual([]);
    expect(tenantUser(upn)?.accountEnabled).toBe(false);
  });

  it('resets a password after the confirmation: a new password only to the requester, never in the channel', async () => {
    const upn = 'pat.reset@contoso.com';
    await addUserByText(upn);
    const first = await passwordSentTo(people.helpdesk, upn);

    const confirmation = await say(`reset password ${upn}`);
    expect(confirmation.args.response_type).toBe('ephemeral');
    expect(text(confirmation)).toContain(`Reset the password of ${upn}?`);
    const clickResponse = `click-reset-${commands}`;
    const click = await interact(
      blockActionsPayload({
        button: findButton(confirmation.args.blocks, 'Reset password'),
        userId: people.helpdesk,
        channelId: channel,
        responseUrl: slack.responseUrl(clickResponse),
        ephemeral: true,
      }),
    );
    expect(click.status).toBe(200);
    const ephemeral = await slack.waitFor(
      'chat.postEphemeral',
      (call) => text(call).includes(`Temporary password for ${upn}`) && !text(call).includes(first),
      20_000,
    );
    expect(ephemeral.args).toMatchObject({ user: people.helpdesk, channel });
    const blocks = ephemeral.args.blocks as { type: string; text?: { type: string; text: string } }[];
    const password = blocks.find((block) => block.type === 'section' && block.text?.type === 'plain_text')?.text?.text;
    expect(password).toMatch(/^\S{16}$/);
    expectNotInPublic(password!);
  });

  it('refuses someone without the helpdesk role and names the role', async () => {
    const upn = 'refused@contoso.com';
    const answer = await say(`add user ${upn} plan business-premium`, people.stranger);
    expect(answer.args.response_type).toBe('ephemeral');
    expect(text(answer)).toContain('helpdesk role');
    expect(tenantUser(upn)).toBeNull();
  });

  it('answers a misspelt command with "Did you mean", to the requester only', async () => {
    const answer = await say('ad user someone@contoso.com plan business-premium');
    expect(answer.args.response_type).toBe('ephemeral');
    expect(text(answer)).toContain('Did you mean');
    expect(text(answer)).toContain('add user');
    expect(tenantUser('someone@contoso.com')).toBeNull();
  });

  it('called only the Slack methods the manifest’s scopes cover, with the bot token', () => {
    const api = slack.calls.filter((call) => call.method !== 'response_url');
    expect(api.filter((call) => !Object.hasOwn(slackWebApiMethods, call.method))).toEqual([]);
    for (const call of api) expect(call.authorization).toBe(`Bearer ${slack.botToken}`);
  });
});
