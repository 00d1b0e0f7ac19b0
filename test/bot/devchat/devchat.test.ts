/**
 * The local web chat over HTTP, as a browser and as an attacker on the same machine would drive it: the page and
 * its session cookie, the page's messages to the bot, the session's outbox, and the local Bot Connector the bot
 * replies to.
 */

import type { Reply } from '../../../core/reply';
import type { Request } from '../../../core/request';
import { addUserFormClean, addUserResult, sampleSecretValue } from '../../support/sample-replies';
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

interface PageEvent {
  op: string;
  conversationId: string;
  activityId: string;
  activity: { text?: string; attachments?: unknown[] };
}

/** Loads the page as a new browser would and returns the session cookie it was given (`name=value`). */
async function openPage(): Promise<string> {
  const response = await fetch(`${harness.url}/`);
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie');
  expect(setCookie).toBeTruthy();
  return setCookie!.split(';')[0]!;
}

async function say(cookie: string | undefined, body: Record<string, unknown>) {
  return fetch(`${harness.url}/devchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

async function readEvents(cookie: string | undefined, query = '') {
  const response = await fetch(`${harness.url}/devchat/events${query}`, cookie ? { headers: { cookie } } : {});
  const text = await response.text();
  const events = response.status === 200 ? (JSON.parse(text).events as PageEvent[]) : [];
  return { status: response.status, text, events };
}

const addUser = { type: 'message', text: 'add user jane@contoso.com plan business-premium' };

it('serves the chat page with the settings of the local operator', async () => {
  const response = await fetch(`${harness.url}/`);
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain('/devchat/adaptivecards.js');
  expect(html).toContain('00000000-0000-4000-8000-00000000d3c0');
  expect(html).not.toContain('__DEVCHAT_SETTINGS__');
});

it('gives each browser an unguessable session cookie the page’s scripts cannot read', async () => {
  const first = await fetch(`${harness.url}/`);
  const second = await fetch(`${harness.url}/`);
  const cookies = [first, second].map((response) => response.headers.get('set-cookie') ?? '');
  for (const cookie of cookies) {
    expect(cookie).toMatch(/^devchat_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
  }
  expect(cookies[0]).not.toBe(cookies[1]);
});

it('serves the official adaptivecards renderer from node_modules', async () => {
  const response = await fetch(`${harness.url}/devchat/adaptivecards.js`);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('AdaptiveCard');
});

it('acts as the local operator and delivers the bot’s cards to the session’s outbox', async () => {
  const cookie = await openPage();
  const response = await say(cookie, { type: 'message', text: 'add user' });
  expect(response.status).toBe(200);
  expect(requests[0]!.context.identity).toBe('teams:00000000-0000-4000-8000-00000000d3c0');
  const { events } = await readEvents(cookie);
  const card = events.find((event) => event.op === 'message' && event.activity.attachments);
  expect(JSON.stringify(card!.activity)).toContain('Add a user to Contoso Ltd');
  // The conversation is the session's own, with an id nobody can guess.
  expect(requests[0]!.context.channelKey).toBe(card!.conversationId);
  expect(card!.conversationId).toMatch(/^a:devchat-[0-9a-f]{32}$/);
});

it('speaks only as the operator in the session’s own conversation, whatever the page sends', async () => {
  const victim = await openPage();
  await say(victim, { type: 'message', text: 'add user' });
  const victimConversation = (await readEvents(victim)).events[0]!.conversationId;

  const attacker = await openPage();
  const response = await say(attacker, {
    type: 'message',
    text: 'add user',
    from: { id: '29:someone-else', aadObjectId: '11111111-2222-4333-8444-555555555555' },
    conversation: { id: victimConversation, conversationType: 'personal' },
    serviceUrl: 'http://127.0.0.1:9/evil/',
  });
  expect(response.status).toBe(200);
  expect(requests[1]!.context.identity).toBe('teams:00000000-0000-4000-8000-00000000d3c0');
  expect(requests[1]!.context.channelKey).not.toBe(victimConversation);
  expect((await readEvents(victim)).events).toEqual([]);
  expect((await readEvents(attacker)).events.length).toBeGreaterThan(0);
});

it('refuses the page’s messages without a session cookie', async () => {
  expect((await say(undefined, { type: 'message', text: 'add user' })).status).toBe(403);
  expect((await say('devchat_session=made-up', { type: 'message', text: 'add user' })).status).toBe(403);
  expect(requests).toEqual([]);
});

it('shows one session’s conversation and temporary password to no other session', async () => {
  const owner = await openPage();
  expect((await say(owner, addUser)).status).toBe(200);
  const ownConversation = requests[0]!.context.channelKey!;

  const other = await openPage();
  const otherView = await readEvents(other);
  expect(otherView.status).toBe(200);
  expect(otherView.events).toEqual([]);
  const naming = await readEvents(other, `?conversation=${encodeURIComponent(ownConversation)}`);
  expect([403, 404]).toContain(naming.status);
  expect(naming.text).not.toContain(sampleSecretValue);

  for (const cookie of [undefined, 'devchat_session=made-up']) {
    const anonymous = await readEvents(cookie);
    expect(anonymous.status).toBe(403);
    expect(anonymous.text).not.toContain(sampleSecretValue);
    expect(anonymous.text).not.toContain('jane@contoso.com');
  }

  expect((await readEvents(owner)).text).toContain(sampleSecretValue);
});

it('keeps replies to activities posted around the page out of every outbox', async () => {
  // Straight to /api/messages with the web chat's connector as serviceUrl: the bot's answer is refused there.
  const response = await fetch(`${harness.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: 'devchat-user-1',
      channelId: 'msteams',
      serviceUrl: `${harness.url}/devchat/`,
      from: { id: '29:devchat', name: 'Local operator', aadObjectId: '00000000-0000-4000-8000-00000000d3c0' },
      recipient: { id: '28:m365ops-devchat', name: 'm365ops' },
      conversation: { id: 'a:devchat-test', conversationType: 'personal', tenantId: 'devchat' },
      text: addUser.text,
    }),
  });
  await response.text();
  for (const query of ['', '?after=0&conversation=a:devchat-test', '?after=0&conversation=none']) {
    const anonymous = await readEvents(undefined, query);
    expect(anonymous.status).toBe(403);
    expect(anonymous.text).not.toContain(sampleSecretValue);
  }
  const session = await openPage();
  expect((await readEvents(session)).text).not.toContain(sampleSecretValue);
});

it('hands a temporary password to the page once, then forgets it', async () => {
  const cookie = await openPage();
  await say(cookie, addUser);
  const first = await readEvents(cookie);
  expect(first.text).toContain(sampleSecretValue);
  expect(first.text).toContain('Added jane@contoso.com');

  const again = await readEvents(cookie);
  expect(again.status).toBe(200);
  expect(again.text).not.toContain(sampleSecretValue);
  expect((await readEvents(cookie, '?after=0')).text).not.toContain(sampleSecretValue);
});

it('refuses bot activities from anyone but the bot', async () => {
  const forged = {
    type: 'message',
    text: 'Your session expired: sign in again at http://evil.example',
    from: { id: '28:m365ops-devchat', name: 'm365ops' },
  };
  const post = (path: string, cookie?: string) =>
    fetch(`${harness.url}/devchat${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(forged),
    });
  expect((await post('/v3/conversations/a%3Adevchat-test/activities')).status).toBe(401);

  const cookie = await openPage();
  await say(cookie, { type: 'message', text: 'add user' });
  const conversation = encodeURIComponent((await readEvents(cookie)).events[0]!.conversationId);
  expect((await post(`/v3/conversations/${conversation}/activities`, cookie)).status).toBe(401);
  expect((await post(`/v3/conversations/${conversation}/activities/some-id`, cookie)).status).toBe(401);
  expect((await post('/v3/conversations', cookie)).status).toBe(401);
  expect((await post(`/connector/guessed-secret/v3/conversations/${conversation}/activities`, cookie)).status).toBe(
    403,
  );

  expect((await readEvents(cookie)).text).not.toContain('evil.example');
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
