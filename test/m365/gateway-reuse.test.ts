/**
 * What the gateway builds once and reuses, counted rather than timed: the TLS context for the simulator's CA
 * (building one parses every root certificate), the connection pool, each tenant's token, and each tenant's client
 * until it has been idle long enough to drop. Calls go over real HTTPS to the simulator; token requests are
 * counted there.
 */
import tls from 'node:tls';
import { maxConnectionsPerOrigin } from '../../m365/https-fetch';
import { createM365Gateway, type M365GatewayOptions } from '../../m365/index';
import { startSimulator } from '../../sim/index';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import type { RunningSimulator } from '../../sim/types';

const contosoId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const fabrikamId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const tokenRoute = 'POST /oauth2/v2.0/token';
const minute = 60_000;

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.control.resetRequestCounts();
});

afterEach(() => {
  jest.restoreAllMocks();
});

function gatewayFor(overrides: Partial<M365GatewayOptions> = {}) {
  return createM365Gateway({ ...simulatorEndpoints(sim), ca: sim.caPem, ...overrides });
}

const tokenRequests = () => sim.control.requestCounts()[tokenRoute] ?? 0;

it('builds one TLS context for the CA however many connections, tenants and gateways use it', async () => {
  const contexts = jest.spyOn(tls, 'createSecureContext');
  const first = gatewayFor();
  const second = gatewayFor();
  // Concurrent calls open concurrent connections: each would have parsed the roots again.
  const calls = [first, second].flatMap((gateway) =>
    [contosoId, fabrikamId].flatMap((tenantId) =>
      Array.from({ length: 10 }, () => gateway.forTenant(tenantId).listSkus()),
    ),
  );
  await Promise.all(calls);
  expect(contexts.mock.calls.length).toBeLessThanOrEqual(1);
});

it('opens at most its pool of connections for a burst of calls, then reuses them', async () => {
  const gateway = gatewayFor();
  const tenants = [contosoId, fabrikamId].map((tenantId) => gateway.forTenant(tenantId));
  await Promise.all(tenants.map((tenant) => tenant.listDomains())); // sign in first
  sim.control.setFaults({ latencyMs: 20 });
  const connects = jest.spyOn(tls, 'connect');
  const burst = 2 * maxConnectionsPerOrigin + 50;
  await Promise.all(Array.from({ length: burst }, (_, index) => tenants[index % 2]?.listDomains()));
  const opened = connects.mock.calls.length;
  expect(opened).toBeLessThanOrEqual(maxConnectionsPerOrigin);
  await Promise.all(tenants.map((tenant) => tenant.listDomains()));
  expect(connects.mock.calls.length).toBe(opened);
  sim.control.clearFaults();
});

it('takes one token per tenant for many calls', async () => {
  const gateway = gatewayFor();
  for (let round = 0; round < 5; round++) {
    await Promise.all([contosoId, fabrikamId].map((tenantId) => gateway.forTenant(tenantId).listDomains()));
  }
  expect(tokenRequests()).toBe(2);
});

it('shares one sign-in among concurrent first calls to a tenant', async () => {
  const gateway = gatewayFor();
  const before = tokenRequests();
  await Promise.all(Array.from({ length: 5 }, () => gateway.forTenant(contosoId).listDomains()));
  expect(tokenRequests() - before).toBe(1);
});

it('keeps a tenant client while it is used and drops it, with its token, once idle', async () => {
  let now = 0;
  const gateway = gatewayFor({ now: () => now, idleClientMs: 10 * minute });
  const contoso = gateway.forTenant(contosoId);
  await contoso.listSkus();
  now = 9 * minute;
  // A held client's calls count as use, not only asking the gateway for it.
  await contoso.listSkus();
  now = 18 * minute;
  expect(gateway.forTenant(contosoId)).toBe(contoso);
  expect(tokenRequests()).toBe(1);

  now = 29 * minute;
  await gateway.forTenant(fabrikamId).listSkus();
  const again = gateway.forTenant(contosoId);
  expect(again).not.toBe(contoso);
  await again.listSkus();
  expect(tokenRequests()).toBe(3);
});
