/**
 * The fault test of issue 3: the simulator answers 429 on every 3rd request (batch items included) and 503 on
 * 5 % more; 500 gateway operations must all complete, each exactly once, as the tenant's state shows.
 */
import { createM365Gateway } from '../../m365/index';
import type { TenantClient } from '../../m365/types';
import { startSimulator } from '../../sim/index';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import type { RunningSimulator } from '../../sim/types';

const tenantId = '5a0e4c1d-2b3f-4a5e-8c7d-9e0f1a2b3c4d';
const spb = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const essentials = '3b555118-da6a-4418-894f-7df1e2096870';
const lanes = 100;
const concurrency = 25;

let sim: RunningSimulator;
let tenant: TenantClient;

beforeAll(async () => {
  sim = await startSimulator({
    seed: {
      tenants: [
        {
          id: tenantId,
          displayName: 'Fault Test Ltd',
          consent: 'granted',
          domains: [
            { name: 'faulttest.com', verified: true, default: true },
            { name: 'faulttest.onmicrosoft.com', verified: true, initial: true },
          ],
          skus: [
            { partNumber: 'SPB', units: 1000 },
            { partNumber: 'O365_BUSINESS_ESSENTIALS', units: 1000 },
          ],
        },
      ],
    },
  });
  tenant = createM365Gateway({
    ...simulatorEndpoints(sim),
    ca: sim.caPem,
    // Every 3rd request fails whatever its turn, so each attempt fails with a chance of about 0.38.
    retry: { maxRetries: 10, maxDelayMs: 100 },
  }).forTenant(tenantId);
});

afterAll(async () => {
  await sim.close();
});

function newUser(name: string) {
  return {
    userPrincipalName: `${name}@faulttest.com`,
    displayName: name,
    mailNickname: name,
    usageLocation: 'GB',
    accountEnabled: true,
    password: 'Fault-T0lerant!',
    forceChangePasswordNextSignIn: true,
  };
}

/** Five operations in order: create, license, read back, create licensed in one batch, list SKUs. */
async function runLane(lane: number): Promise<number> {
  const plain = await tenant.createUser(newUser(`plain${lane}`));
  const licensed = await tenant.assignLicenses(plain.id, [{ skuId: spb, disabledPlans: [] }], []);
  if (licensed.assignedLicenses[0]?.skuId !== spb) throw new Error(`lane ${lane}: licence not returned`);
  const read = await tenant.getUser(plain.userPrincipalName);
  if (read?.id !== plain.id) throw new Error(`lane ${lane}: user not read back`);
  await tenant.createLicensedUser({
    user: newUser(`batch${lane}`),
    licences: [{ skuId: essentials, disabledPlans: [] }],
  });
  await tenant.listSkus();
  return 5;
}

it('completes 500 operations exactly once under 429 every 3rd request and 5 % 503s', async () => {
  await tenant.listSkus(); // the token, before faults
  sim.control.setFaults({ throttleEvery: 3, retryAfterSeconds: 0.02, serviceUnavailableShare: 0.05, seed: 7 });
  sim.control.resetRequestCounts();

  let completed = 0;
  let next = 0;
  const worker = async () => {
    while (next < lanes) {
      const lane = next++;
      const done = await runLane(lane);
      completed += done;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  sim.control.clearFaults();

  expect(completed).toBe(500);
  const users = sim.control.listUsers(tenantId);
  const upns = users.map((user) => user.userPrincipalName);
  expect(upns).toHaveLength(2 * lanes);
  expect(new Set(upns).size).toBe(2 * lanes);
  for (let lane = 0; lane < lanes; lane++) {
    const plain = users.find((user) => user.userPrincipalName === `plain${lane}@faulttest.com`);
    const batch = users.find((user) => user.userPrincipalName === `batch${lane}@faulttest.com`);
    expect(plain?.assignedLicenses.map((license) => license.skuId)).toEqual([spb]);
    expect(batch?.assignedLicenses.map((license) => license.skuId)).toEqual([essentials]);
  }
  const skus = sim.control.getSkus(tenantId);
  expect(skus.find((sku) => sku.skuId === spb)?.consumedUnits).toBe(lanes);
  expect(skus.find((sku) => sku.skuId === essentials)?.consumedUnits).toBe(lanes);
  // The faults really happened: far more requests than operations reached the simulator.
  const requests = Object.values(sim.control.requestCounts()).reduce((sum, n) => sum + n, 0);
  expect(requests).toBeGreaterThan(600);
}, 90_000);
