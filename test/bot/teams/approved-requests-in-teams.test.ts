/**
 * Approved requests, seen where they were asked. An offboarding that deletes the user, asked by helpdesk where the
 * customer's policy has an approver decide deletions, becomes a request; once approved, its card of steps is posted
 * where the requester asked and redrawn there as the steps finish (the approver's own answer is the request card).
 * An approved add user's temporary password goes to the requester alone, in their own chat, never the channel.
 */

import { cardButtons } from '../../cards/card-walk';
import { type AppHarness, startAppHarness } from './app-harness';
import {
  cardAction,
  channelId,
  channelMessage,
  people,
  personalConversationId,
  personalMessage,
  type TeamsUser,
} from './teams-activities';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const upn = 'leaver.approved@contoso.com';

let h: AppHarness;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000 });
  await say(people.admin, 'notify here contoso', 'channel');
  await say(people.admin, 'policy contoso approval user-delete');
  await say(people.helpdesk, `add user ${upn} plan business-basic location GB`);
});

afterAll(async () => {
  await h?.close();
});

async function say(user: TeamsUser, text: string, where: 'personal' | 'channel' = 'personal'): Promise<string> {
  const before = h.connector.recorded.length;
  const activity =
    where === 'personal'
      ? personalMessage(h.connector.serviceUrl, text, user)
      : channelMessage(h.connector.serviceUrl, text, user);
  expect((await h.post(activity)).status).toBe(200);
  return JSON.stringify(h.connector.recorded.slice(before).map((sent) => sent.body));
}

async function click(user: TeamsUser, button: { verb: string; data: Record<string, unknown> }, where = 'personal') {
  const activity =
    where === 'personal'
      ? personalMessage(h.connector.serviceUrl, '', user)
      : channelMessage(h.connector.serviceUrl, '', user);
  const response = await h.post(cardAction(activity, button.verb, button.data));
  expect(response.status).toBe(200);
  return JSON.stringify(response.body);
}

it('posts the card of steps to the requester once an approver approves, and keeps where it is to redraw it', async () => {
  const asked = await say(people.helpdesk, `offboard ${upn} block-sign-in delete`);
  const id = /Request ([A-Z2-9]{6}) is waiting/.exec(asked)?.[1];
  expect(id).toBeDefined();
  const requestCard = h.connector
    .messages(channelId)
    .find((sent) => JSON.stringify(sent.body).includes(`Request ${id}: Offboard ${upn}`));
  const approve = cardButtons(requestCard?.body).find((button) => button.title === 'Approve')!;
  expect(sim().getUser(contosoTenantId, upn)?.deletedDateTime ?? null).toBeNull();

  const before = h.connector.recorded.length;
  const answer = await click(people.approver, approve, 'channel');
  expect(answer).toContain('Approved by Ben Approver');
  expect(sim().getUser(contosoTenantId, upn)?.deletedDateTime).toBeTruthy();

  const toRequester = h.connector
    .messages(personalConversationId)
    .filter((sent) => h.connector.recorded.indexOf(sent) >= before)
    .map((sent) => JSON.stringify(sent.body));
  const steps = toRequester.find((body) => body.includes('Delete the user'));
  expect(steps).toBeDefined();
  expect(steps).toContain('✅ Block sign-in');
  expect(steps).toContain('✅ Delete the user');
  expect(steps).not.toContain('Temporary password');

  const [operation] = await h.app.store.trackedOperations.list('contoso', { upn, kind: 'offboard' });
  expect(operation?.messageRefs).toHaveLength(1);
});

const sim = () => h.app.simulator!.control;

it('shows an approved add user’s temporary password to the requester alone, in their own chat', async () => {
  const newAdmin = 'approved.admin@contoso.com';
  const asked = await say(people.helpdesk, `add user ${newAdmin} plan business-basic location GB admin`);
  const id = /Request ([A-Z2-9]{6}) is waiting/.exec(asked)?.[1];
  expect(id).toBeDefined();
  const requestCard = h.connector
    .messages(channelId)
    .find((sent) => JSON.stringify(sent.body).includes(`Request ${id}:`));
  const approve = cardButtons(requestCard?.body).find((button) => button.title === 'Approve')!;
  const before = h.connector.recorded.length;
  const answer = await click(people.approver, approve, 'channel');
  expect(answer).toContain('Its temporary password went privately to Hal Helpdesk');
  expect(answer).not.toContain('Temporary password for');
  const toRequester = h.connector
    .messages(personalConversationId)
    .filter((sent) => h.connector.recorded.indexOf(sent) >= before)
    .map((sent) => JSON.stringify(sent.body));
  expect(toRequester.filter((body) => body.includes(`Temporary password for ${newAdmin}`))).toHaveLength(1);
  const inChannel = h.connector
    .messages(channelId)
    .filter((sent) => h.connector.recorded.indexOf(sent) >= before)
    .map((sent) => JSON.stringify(sent.body));
  expect(inChannel.join('\n')).not.toContain('Temporary password for');
  expect(sim().getUser(contosoTenantId, newAdmin)).toBeTruthy();
});

it('makes a bulk batch with a grant-admin row one request; approved, every row runs and the passwords go to the requester', async () => {
  const csv = [
    'action,upn,plan,location,for,reason',
    'add,batch.new@contoso.com,business-basic,GB,,',
    'grant-admin,batch.admin@contoso.com,,,2h,On call',
  ].join('\n');
  await say(people.helpdesk, 'add user batch.admin@contoso.com plan business-basic location GB');
  const preview = await say(people.helpdesk, `bulk\n${csv}`);
  expect(preview).toContain('grant admin (asks an approver)');
  const run = cardButtons(JSON.parse(preview)).find((button) => button.title === 'Run 2 rows')!;
  const asked = await click(people.helpdesk, run);
  const id = /Request ([A-Z2-9]{6}) is waiting/.exec(asked)?.[1];
  expect(id).toBeDefined();
  expect(sim().getUser(contosoTenantId, 'batch.new@contoso.com')).toBeNull();

  const requestCard = h.connector
    .messages(channelId)
    .find((sent) => JSON.stringify(sent.body).includes(`Request ${id}: Run bulk batch`));
  expect(JSON.stringify(requestCard?.body)).toContain('an approver decides row 3 grant-admin batch.admin@contoso.com');
  const approve = cardButtons(requestCard?.body).find((button) => button.title === 'Approve')!;
  const before = h.connector.recorded.length;
  const answer = await click(people.approver, approve, 'channel');
  expect(answer).toContain('2 done, 0 failed');
  expect(answer).toContain('The temporary passwords went privately to Hal Helpdesk');
  expect(sim().getUser(contosoTenantId, 'batch.new@contoso.com')).toBeTruthy();
  const admin = sim().getUser(contosoTenantId, 'batch.admin@contoso.com')!;
  expect(sim().listRoleMembers(contosoTenantId, 'Global Administrator')).toContain(admin.id);
  const toRequester = h.connector
    .messages(personalConversationId)
    .filter((sent) => h.connector.recorded.indexOf(sent) >= before)
    .map((sent) => JSON.stringify(sent.body));
  expect(toRequester.filter((body) => body.includes('batch.new@contoso.com,'))).toHaveLength(1);
});
