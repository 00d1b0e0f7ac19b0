/** A customer's first sync: every licensed tenant user m365ops does not know becomes unmanaged-user, in one digest. */
import { cardAction, channelId, channelMessage } from '../bot/teams/teams-activities';
import { contosoTenant, findExecuteAction, type SyncHarness, startSyncHarness, teamsPeople } from './sync-harness';

let harness: SyncHarness;

beforeAll(async () => {
  harness = await startSyncHarness();
  await harness.bindChannel('teams');
});

afterAll(async () => {
  await harness.close();
});

function licensedUsers(): string[] {
  return harness.app
    .simulator!.control.listUsers(contosoTenant)
    .filter((user) => user.assignedLicenses.length > 0)
    .map((user) => user.id);
}

it('posts one digest for the unmanaged users of a first sync', async () => {
  await harness.syncContoso();
  const open = await harness.app.store.discrepancies.listOpen('contoso', 'unmanaged-user');
  expect(open.length).toBe(licensedUsers().length);
  expect(open.length).toBeGreaterThan(10);
  const posts = harness.connector.messages(channelId);
  expect(posts).toHaveLength(1);
  const digest = JSON.stringify(posts[0]!.body);
  expect(digest).toContain(`unmanaged-user: ${open.length}`);
  expect(digest).toContain('Approve all unmanaged-user');
});

it('adopts every unmanaged user with "Approve all unmanaged-user"', async () => {
  const digest = harness.connector.messages(channelId)[0]!;
  const action = findExecuteAction(digest.body, 'Approve all unmanaged-user');
  const base = channelMessage(harness.connector.serviceUrl, '', teamsPeople.approver);
  await fetch(`${harness.http.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(cardAction(base, action.verb, action.data, digest.newActivityId)),
  });
  const users = await harness.app.store.serviceUsers.list('contoso', { status: 'active' });
  expect(users.map((user) => user.objectId).sort()).toEqual(licensedUsers().sort());
  expect(await harness.app.store.discrepancies.listOpen('contoso')).toEqual([]);
  const updated = harness.connector.current(channelId, digest.newActivityId!);
  expect(JSON.stringify(updated!.body)).not.toContain('Approve all unmanaged-user');
});

it('finds nothing on the next sync once every user is adopted', async () => {
  const before = harness.connector.messages(channelId).length;
  await harness.syncContoso();
  expect(await harness.app.store.discrepancies.listOpen('contoso')).toEqual([]);
  expect(harness.connector.messages(channelId)).toHaveLength(before);
});
