/** The local web chat over HTTP: the page, the renderer it loads, and its Bot Connector outbox. */

import type { Reply } from '../../../handlers/reply';
import type { Request } from '../../../handlers/request';
import { addUserFormClean, addUserResult } from '../../support/sample-replies';
import { scriptedApp } from '../teams/scripted-app';
import { startTeamsHarness, type TeamsHarness } from '../teams/teams-harness';

let harness: TeamsHarness;
let requests: Request[];

beforeEach(async () => {
  const scripted = scriptedApp(
    async (request): Promise<Reply> => (request.command.name === 'add-user-form' ? addUserFormClean : addUserResult),
  );
  requests = scripted.requests;
  harness = await startTeamsHarness(scripted.app, { devChat: true });
});

afterEach(async () => {
  await harness.close();
});

function devChatMessage(text: string) {
  return {
    type: 'message',
    id: 'devchat-user-1',
    channelId: 'msteams',
    serviceUrl: `${harness.url}/devchat/`,
    from: { id: '29:devchat', name: 'Local operator', aadObjectId: '00000000-0000-4000-8000-00000000d3c0' },
    recipient: { id: '28:m365ops-devchat', name: 'm365ops' },
    conversation: { id: 'a:devchat-test', conversationType: 'personal', tenantId: 'devchat' },
    text,
  };
}

async function events(after = 0) {
  const response = await fetch(`${harness.url}/devchat/events?after=${after}&conversation=a:devchat-test`);
  return (await response.json()).events as { op: string; activityId: string; activity: { attachments?: unknown[] } }[];
}

it('serves the chat page with the settings of the local operator', async () => {
  const response = await fetch(`${harness.url}/`);
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain('/devchat/adaptivecards.js');
  expect(html).toContain('00000000-0000-4000-8000-00000000d3c0');
  expect(html).not.toContain('__DEVCHAT_SETTINGS__');
});

it('serves the official adaptivecards renderer from node_modules', async () => {
  const response = await fetch(`${harness.url}/devchat/adaptivecards.js`);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('AdaptiveCard');
});

it('acts as the local operator and delivers the bot’s cards to the page’s outbox', async () => {
  const response = await fetch(`${harness.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(devChatMessage('add user')),
  });
  expect(response.status).toBe(200);
  expect(requests[0]!.context.identity).toBe('teams:00000000-0000-4000-8000-00000000d3c0');
  const outbox = await events();
  const card = outbox.find((event) => event.op === 'message' && event.activity.attachments);
  expect(JSON.stringify(card!.activity)).toContain('Add a user to Contoso Ltd');
});

it('is not served when Teams authentication is on', async () => {
  const appId = '6b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
  const scripted = scriptedApp(async () => addUserResult, { mode: 'authenticated', appId });
  const withAuth = await startTeamsHarness(scripted.app, { devChat: true, env: { MicrosoftAppId: appId } });
  try {
    const response = await fetch(`${withAuth.url}/`);
    expect(response.status).toBe(404);
  } finally {
    await withAuth.close();
  }
});
