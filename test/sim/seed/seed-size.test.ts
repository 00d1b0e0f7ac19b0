/**
 * A large tenant seeds in time linear in its users (the sync benchmark's 100k-user tenants start in seconds), and
 * the indexes that make it so (UPN, seats, id order) answer as a scan over every user would. The 30 s limit is far
 * above what a linear seed takes on a busy machine and far below a quadratic one (minutes for 50k users).
 */
import { startSimulator } from '../../../sim/index';
import { generatedTenant } from '../../../sim/seed/generated-tenant';
import type { RunningSimulator } from '../../../sim/types';
import { type GraphCall, graphFor, newUserBody, skuIds } from '../sim-requests';

const tenantId = '00000000-0000-4000-8000-000000005120';
const users = 50_000;
let simulator: RunningSimulator;
let graph: GraphCall;

beforeAll(async () => {
  simulator = await startSimulator({
    seed: {
      tenants: [generatedTenant({ id: tenantId, displayName: 'Large', name: 'large', users, units: users + 5 })],
    },
  });
  graph = await graphFor(simulator, tenantId);
}, 30_000);

afterAll(async () => {
  await simulator?.close();
});

const seatsOf = (partNumber: string) =>
  simulator.control.getSkus(tenantId).find((sku) => sku.skuPartNumber === partNumber)?.consumedUnits;

it(`seeds all ${users} users, each holding its seat`, () => {
  expect(simulator.control.listUsers(tenantId)).toHaveLength(users);
  expect(seatsOf('SPB')).toBe(users);
  expect(seatsOf('O365_BUSINESS_ESSENTIALS')).toBe(0);
});

it('finds the last seeded user by UPN and refuses its UPN to a new user', async () => {
  const upn = `given${users - 1}.surname${users - 1}@large.example`;
  const found = await graph('GET', `/users/${upn.toUpperCase()}?$select=id,userPrincipalName`);
  expect(found.status).toBe(200);
  expect(found.json.userPrincipalName).toBe(upn);
  const duplicate = await graph('POST', '/users', newUserBody(upn));
  expect(duplicate.status).toBe(400);
  expect(duplicate.json.error.details).toEqual([{ target: 'userPrincipalName', code: 'ObjectConflict' }]);
});

it('frees a seat on delete, takes it back on restore and counts a licence change', async () => {
  const upn = 'given7.surname7@large.example';
  const { id } = (await graph('GET', `/users/${upn}`)).json as { id: string };
  await graph('DELETE', `/users/${id}`);
  expect(seatsOf('SPB')).toBe(users - 1);
  expect((await graph('GET', `/users/${upn}`)).status).toBe(404);
  await graph('POST', `/directory/deletedItems/${id}/restore`);
  expect(seatsOf('SPB')).toBe(users);
  const change = await graph('POST', `/users/${id}/assignLicense`, {
    addLicenses: [{ skuId: skuIds.O365_BUSINESS_ESSENTIALS, disabledPlans: [] }],
    removeLicenses: [skuIds.SPB],
  });
  expect(change.status).toBe(200);
  expect([seatsOf('SPB'), seatsOf('O365_BUSINESS_ESSENTIALS')]).toEqual([users - 1, 1]);
});

it('serves full pages in id order from the first to the last', async () => {
  const first = await graph('GET', '/users?$top=999&$select=id');
  expect(first.json.value).toHaveLength(999);
  const ids = simulator.control
    .listUsers(tenantId)
    .map((user) => user.id)
    .sort();
  expect(first.json.value.map((user: { id: string }) => user.id)).toEqual(ids.slice(0, 999));
  const second = await graph('GET', first.json['@odata.nextLink']);
  expect(second.json.value[0].id).toBe(ids[999]);
});
