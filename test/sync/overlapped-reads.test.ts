/**
 * Overlapped reads: a sync asks for the tenant's SKUs, the admin role's members, the delta link for "now" and the
 * first page of users at once, instead of one round trip after another; the request count stays at the bound.
 */
import { type GatedGateway, gateFirstCall } from '../support/gated-gateway';
import { cli, type SyncCore, seedTenant, startSyncCore } from './sync-core-harness';

const tenant = seedTenant(1, 2_500);
let core: SyncCore;
let gate: GatedGateway;

beforeAll(async () => {
  gate = gateFirstCall('listSkus');
  core = await startSyncCore({ tenants: [tenant], wrapGateway: (gateway) => gate.wrap(gateway) });
});

afterAll(async () => {
  await core.close();
});

const graphRequests = () =>
  Object.fromEntries(
    Object.entries(core.sim.control.requestCounts()).filter(([route]) => route.startsWith('GET /v1.0/')),
  );

/** Resolves once the simulator has answered `route`; the test's own timeout bounds the wait. */
async function requested(route: string): Promise<void> {
  while (!Object.keys(core.sim.control.requestCounts()).some((key) => key.startsWith(route))) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

it('reads the first page, the delta link and the role members while the SKUs are still on their way', async () => {
  core.sim.control.resetRequestCounts();
  gate.arm();
  const run = core.handlers.handle({ context: cli, command: { name: 'sync', customerId: 'tenant-1' } });
  await gate.entered;
  await requested('GET /v1.0/users');
  await requested('GET /v1.0/users/delta');
  await requested('GET /v1.0/roleManagement/directory/roleAssignments');
  gate.open();
  expect(await run).toMatchObject({ customers: [{ outcome: 'ok', found: 2_500, usersRead: 2_500 }] });
}, 120_000);

it('still makes the user pages plus three requests for a full read', async () => {
  expect(graphRequests()).toEqual({
    'GET /v1.0/subscribedSkus': 1,
    'GET /v1.0/users': 3,
    'GET /v1.0/users/delta': 1,
    'GET /v1.0/roleManagement/directory/roleAssignments': 1,
  });
});

it('posts the first sync as one digest whose reference every finding keeps', async () => {
  const open = await core.store.discrepancies.listOpen('tenant-1');
  expect(open).toHaveLength(2_500);
  const refs = new Set(open.map((discrepancy) => JSON.stringify(discrepancy.messageRef)));
  expect(refs.size).toBe(1);
  expect(open[0]?.messageRef).toBeDefined();
});
