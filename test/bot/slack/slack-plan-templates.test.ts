/**
 * Plans as templates over Slack against the real m365ops and the simulated tenants: an admin sets the plan's
 * username format and its domain, helpdesk adds "Jane Doe" without a UPN (the steps' card is posted, naming where
 * the UPN came from), and a name whose UPN is taken is refused with the next free one, nothing written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import type { Role } from '../../../store/types';
import { writeDemoConfig } from '../../support/demo-config';
import {
  type RecordedSlackCall,
  type SlackApiStandIn,
  slackEnvironment,
  startSlackApiStandIn,
} from '../../support/slack-api-stand-in';
import { slackIdentityOf } from '../../support/slack-identities';
import { postSignedSlackBody, slashCommandBody } from '../../support/slack-signed-requests';
import { unpacedSlack } from './slack-harness';

const contosoTenant = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const signingSecret = 'e2e-signing-secret-0123456789abcdef';
const channel = 'C0HELPDESK';
const people = { admin: 'UADMIN001', helpdesk: 'UHELPDSK1' };

let app: App;
let http: RunningHttpServer;
let slack: SlackApiStandIn;
let dataDir: string;
let commands = 0;

const text = (call: RecordedSlackCall) => JSON.stringify(call.args);

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

/** Sends `/m365 <text>`; answers the first answer through its response_url that is not "working…". */
async function say(commandText: string, userId: string): Promise<RecordedSlackCall> {
  commands += 1;
  const responseId = `cmd-${commands}`;
  const body = slashCommandBody({
    text: commandText,
    userId,
    channelId: channel,
    responseUrl: slack.responseUrl(responseId),
  });
  const response = await postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body);
  expect(response.status).toBe(200);
  return slack.waitFor(
    'response_url',
    (call) => call.responseId === responseId && !text(call).includes('Working…'),
    20_000,
  );
}

describe('add user "<name>" plan <plan> in Slack', () => {
  it("derives the UPN from the plan's format and domain, and the posted card says so", async () => {
    const set = await say('plan business-premium format f.last domain contoso.com', people.admin);
    expect(text(set)).toContain('makes UPNs as f.last@contoso.com');

    const body = slashCommandBody({
      text: 'add user "Jane Doe" plan business-premium customer contoso location GB',
      userId: people.helpdesk,
      channelId: channel,
      responseUrl: slack.responseUrl('add-jane'),
    });
    expect((await postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body)).status).toBe(200);
    const card = await slack.waitFor(
      'chat.postMessage',
      (call) => text(call).includes('Added j.doe@contoso.com'),
      20_000,
    );
    expect(text(card)).toContain("UPN j.doe@contoso.com from the plan's format f.last (the plan's domain).");
    expect(app.simulator!.control.getUser(contosoTenant, 'j.doe@contoso.com')?.displayName).toBe('Jane Doe');
  });

  it('refuses a taken UPN with the next free one, and adds nothing', async () => {
    const before = app.simulator!.control.listUsers(contosoTenant).length;
    const answer = await say('add user "John Doe" plan business-premium customer contoso', people.helpdesk);
    expect(text(answer)).toContain('j.doe@contoso.com');
    expect(text(answer)).toContain('is already taken in Contoso Ltd');
    expect(text(answer)).toContain('The next free one is j.doe2@contoso.com');
    expect(app.simulator!.control.listUsers(contosoTenant)).toHaveLength(before);
  });
});
