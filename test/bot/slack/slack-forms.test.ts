/**
 * The forms in Slack, with signed requests on /slack/events against the real m365ops and the demo tenants, and
 * the Slack Web API stand-in capturing views.open / views.update: `add user contoso` opens the modal for Contoso;
 * choosing another customer (dispatch_action) is answered with views.update; a submission shows every error at
 * once (`response_action: errors`, one per block_id); a user select is an external_select whose options come from
 * block_suggestion; the remove-user form closes and asks in the channel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import { mountSlack } from '../../../bot/slack/mount';
import type { SlackView } from '../../../cards';
import { writeDemoConfig } from '../../support/demo-config';
import { type SlackApiStandIn, slackEnvironment, startSlackApiStandIn } from '../../support/slack-api-stand-in';
import { slackIdentityOf } from '../../support/slack-identities';
import { interactionBody, postSignedSlackBody, slashCommandBody } from '../../support/slack-signed-requests';
import { blockSuggestionPayload, viewSelectPayload, viewSubmissionPayload } from './slack-payloads';

const signingSecret = 'forms-signing-secret-0123456789abcdef';
const channel = 'C0HELPDESK';
const helpdesk = 'UHELPDSK1';

let app: App;
let http: RunningHttpServer;
let slack: SlackApiStandIn;
let dataDir: string;
let sent = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-slack-forms-'));
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
  await app.store.access.grant(slackIdentityOf(helpdesk), 'helpdesk', 'test');
  for (const [upn, displayName, status] of [
    ['adele.vance@contoso.com', 'Adele Vance', 'active'],
    ['alex.wilber@contoso.com', 'Alex Wilber', 'active'],
    ['gone.user@contoso.com', 'Gone User', 'deleted'],
  ] as const) {
    await app.store.serviceUsers.create({
      customerId: 'contoso',
      objectId: `object-${upn}`,
      upn,
      displayName,
      planId: 'business-basic',
      admin: false,
      usageLocation: 'GB',
      aliases: [],
      status,
      createdBy: 'cli:test',
    });
  }
  http = await startHttpServer(app, { port: 0, mounts: [mountSlack] });
});

afterAll(async () => {
  await http?.close();
  await app?.close();
  await slack?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function post(body: string) {
  return postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body);
}

/** `/m365 <text>` with a trigger id; the form the app put into the modal it opened. */
async function openModal(text: string): Promise<{ view: SlackView; viewId: string }> {
  sent += 1;
  const triggerId = `trigger.forms.${sent}`;
  const body = slashCommandBody({
    text,
    userId: helpdesk,
    channelId: channel,
    responseUrl: slack.responseUrl(`forms-${sent}`),
    triggerId,
  });
  expect((await post(body)).status).toBe(200);
  const opened = await slack.waitFor('views.open', (call) => call.args.trigger_id === triggerId);
  const updated = await slack.waitFor(
    'views.update',
    (call) =>
      String((call.args.view as SlackView | undefined)?.callback_id).startsWith('form:') && call.at >= opened.at,
    20_000,
  );
  return { view: updated.args.view as SlackView, viewId: String(updated.args.view_id) };
}

type Block = {
  block_id?: string;
  dispatch_action?: boolean;
  element?: {
    type: string;
    options?: { value: string }[];
    initial_option?: { value: string };
    initial_value?: string;
    min_query_length?: number;
  };
};

const block = (view: SlackView, id: string) => (view.blocks as Block[]).find((candidate) => candidate.block_id === id)!;
const optionsOf = (view: SlackView, id: string) => (block(view, id).element?.options ?? []).map((o) => o.value);

describe('the add-user modal in Slack', () => {
  it('opens for the customer named, with its domains and plans, the customer select dispatching its change', async () => {
    const { view } = await openModal('add user contoso');
    expect(block(view, 'customerId').element?.initial_option?.value).toBe('contoso');
    expect(block(view, 'customerId').dispatch_action).toBe(true);
    expect(optionsOf(view, 'domain')).toContain('contoso.com');
    expect(optionsOf(view, 'planId')).toEqual(expect.arrayContaining(['business-premium', 'business-basic']));
  });

  it('is drawn again with views.update for the customer chosen, with its hash and every value kept', async () => {
    const { view, viewId } = await openModal('add user contoso');
    const before = slack.callsTo('views.update').length;
    const payload = viewSelectPayload({
      view,
      viewId,
      userId: helpdesk,
      blockId: 'customerId',
      selected: 'fabrikam',
      values: {
        customerId: { kind: 'select', value: 'fabrikam' },
        givenName: { kind: 'text', value: 'Kept' },
        domain: { kind: 'select', value: 'contoso.com' },
      },
    });
    expect((await post(interactionBody(payload))).status).toBe(200);

    const updated = await slack.waitFor(
      'views.update',
      (call) => slack.callsTo('views.update').indexOf(call) >= before && call.args.view_id === viewId,
    );
    expect(updated.args.hash).toBe(payload.view.hash);
    const redrawn = updated.args.view as SlackView;
    expect(block(redrawn, 'customerId').element?.initial_option?.value).toBe('fabrikam');
    expect(optionsOf(redrawn, 'domain')).toContain('fabrikam.com');
    expect(optionsOf(redrawn, 'domain')).not.toContain('contoso.com');
    expect(block(redrawn, 'givenName').element?.initial_value).toBe('Kept');
    expect(redrawn.private_metadata).toBe(view.private_metadata);
  });

  it('answers a submission with every error at once, one per block', async () => {
    const { view, viewId } = await openModal('add user contoso');
    const response = await post(
      interactionBody(
        viewSubmissionPayload({
          view,
          viewId,
          userId: helpdesk,
          values: {
            customerId: { kind: 'select', value: 'contoso' },
            userName: { kind: 'text', value: 'three@errors' },
            domain: { kind: 'select', value: 'contoso.com' },
            usageLocation: { kind: 'select', value: 'Atlantis' },
            admin: { kind: 'checkbox', checked: false },
          },
        }),
      ),
    );
    const answer = response.json() as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors).sort()).toEqual(['planId', 'usageLocation', 'userName']);
  });
});

describe('choosing a user in Slack', () => {
  it('makes the user an external select and answers block_suggestion with the customer’s matching users', async () => {
    const { view, viewId } = await openModal('remove user customer contoso');
    expect(block(view, 'upn').element).toMatchObject({ type: 'external_select', min_query_length: 0 });

    const response = await post(
      interactionBody(
        blockSuggestionPayload({
          view,
          viewId,
          userId: helpdesk,
          blockId: 'upn',
          typed: 'a',
          values: { customerId: { kind: 'select', value: 'contoso' } },
        }),
      ),
    );
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      options: [
        {
          text: { type: 'plain_text', text: 'Adele Vance (adele.vance@contoso.com)' },
          value: 'adele.vance@contoso.com',
        },
        {
          text: { type: 'plain_text', text: 'Alex Wilber (alex.wilber@contoso.com)' },
          value: 'alex.wilber@contoso.com',
        },
      ],
    });
  });

  it('asks the requester in the channel, with the buttons, and the remove-user form says where to confirm', async () => {
    const { view, viewId } = await openModal('remove user customer contoso');
    const before = slack.callsTo('chat.postEphemeral').length;
    const response = await post(
      interactionBody(
        viewSubmissionPayload({
          view,
          viewId,
          userId: helpdesk,
          values: {
            customerId: { kind: 'select', value: 'contoso' },
            upn: { kind: 'select', value: 'alex.wilber@contoso.com' },
            delete: { kind: 'checkbox', checked: false },
          },
        }),
      ),
    );
    const answer = response.json() as { response_action: string; view: unknown };
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toContain('Confirm with the button in the message I sent you');
    const asked = await slack.waitFor(
      'chat.postEphemeral',
      (call) => slack.callsTo('chat.postEphemeral').indexOf(call) >= before,
    );
    expect(asked.args).toMatchObject({ channel, user: helpdesk });
    expect(JSON.stringify(asked.args.blocks)).toContain('Remove alex.wilber@contoso.com?');
    expect(JSON.stringify(asked.args.blocks)).toContain('"type":"button"');
  });
});
