/**
 * The recycle bin's 30 days: a deleted user can be restored until then; after them Entra removes it for good, so
 * it leaves `deletedItems`, its restore answers 404 like any unknown object, and delta reports it as deleted.
 */
import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { contosoId, graphFor } from '../sim-requests';

const day = 24 * 60 * 60 * 1000;
let now = Date.parse('2025-03-01T09:00:00Z');
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ now: () => now });
});

afterAll(async () => {
  await simulator.close();
});

/** A fresh token each time: the clock moves further than a token lives. */
async function graph(method: string, path: string) {
  return (await graphFor(simulator, contosoId))(method, path);
}

async function deletedIds(): Promise<string[]> {
  const answer = await graph('GET', '/directory/deletedItems/microsoft.graph.user?$select=id');
  return answer.json.value.map((user: { id: string }) => user.id);
}

it('restores a user deleted 29 days and 23 hours ago', async () => {
  const user = simulator.control.addUser(contosoId, { userPrincipalName: 'late.restore@contoso.com' });
  expect((await graph('DELETE', `/users/${user.id}`)).status).toBe(204);
  now += 30 * day - 60 * 60 * 1000;
  expect(await deletedIds()).toContain(user.id);
  expect((await graph('POST', `/directory/deletedItems/${user.id}/restore`)).status).toBe(200);
  expect(simulator.control.getUser(contosoId, user.id)?.deletedDateTime).toBeNull();
});

it('removes a user for good 30 days after its deletion: gone from deletedItems, restore answers 404', async () => {
  const user = simulator.control.addUser(contosoId, { userPrincipalName: 'too.late@contoso.com' });
  expect((await graph('DELETE', `/users/${user.id}`)).status).toBe(204);
  now += 30 * day;
  expect(await deletedIds()).not.toContain(user.id);
  const restore = await graph('POST', `/directory/deletedItems/${user.id}/restore`);
  expect(restore.status).toBe(404);
  expect(restore.json.error.code).toBe('Request_ResourceNotFound');
  expect(simulator.control.getUser(contosoId, user.id)).toBeNull();
});
