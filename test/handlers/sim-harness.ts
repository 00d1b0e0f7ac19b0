/**
 * The handlers against the real simulator over HTTPS (the gateway trusts its CA), with a small seed: tenant contoso
 * (contoso.com verified, contoso.onmicrosoft.com initial, contoso.org unverified) and tenant fabrikam, and the
 * store configured with their customers and plans.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../common/logger';
import { createM365Gateway } from '../../m365/index';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import type { RunningSimulator, SimFaults, SimSeed, SimulatorOptions } from '../../sim/types';
import { type Harness, startHarness } from './harness';

/**
 * These suites need the simulator (sim/index.ts, issue 3). Until it is in the tree they are skipped with this
 * reason, instead of breaking the type-check of everyone else's work; once it lands they run.
 */
export const simulatorAvailable = existsSync(path.join(__dirname, '../../sim/index.ts'));
export const describeWithSimulator = simulatorAvailable ? describe : describe.skip;
if (!simulatorAvailable)
  console.warn('handler integration tests skipped: sim/index.ts (the simulator) is not in the tree yet');

function loadSimulator(): (options: SimulatorOptions) => Promise<RunningSimulator> {
  // Loaded at run time so this file type-checks before the simulator lands.
  return (
    require(path.join(__dirname, '../../sim/index')) as {
      startSimulator: (options: SimulatorOptions) => Promise<RunningSimulator>;
    }
  ).startSimulator;
}

export const contosoTenant = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
export const fabrikamTenant = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

export function testSeed(units: { spb?: number; basic?: number; exchange?: number } = {}): SimSeed {
  return {
    tenants: [
      {
        id: contosoTenant,
        displayName: 'Contoso Ltd',
        consent: 'granted',
        domains: [
          { name: 'contoso.com', verified: true, default: true },
          { name: 'contoso.onmicrosoft.com', verified: true, initial: true },
          { name: 'contoso.org', verified: false },
        ],
        skus: [
          { partNumber: 'SPB', units: units.spb ?? 5 },
          { partNumber: 'O365_BUSINESS_ESSENTIALS', units: units.basic ?? 5 },
          { partNumber: 'EXCHANGESTANDARD', units: units.exchange ?? 5 },
        ],
        users: [
          { userPrincipalName: 'ed@contoso.com', displayName: 'Ed Existing', usageLocation: 'US' },
          {
            userPrincipalName: 'boss@contoso.com',
            displayName: 'Bo Boss',
            usageLocation: 'GB',
            licenses: ['SPB'],
            roles: ['Global Administrator'],
          },
        ],
      },
      {
        id: fabrikamTenant,
        displayName: 'Fabrikam Inc',
        consent: 'granted',
        domains: [
          { name: 'fabrikam.com', verified: true, default: true },
          { name: 'fabrikam.onmicrosoft.com', verified: true, initial: true },
        ],
        skus: [{ partNumber: 'O365_BUSINESS_ESSENTIALS', units: 2 }],
      },
    ],
  };
}

/** The plans the store holds, one per SKU of the contoso seed. */
const testPlans = [
  { id: 'business-premium', name: 'Microsoft 365 Business Premium', skus: ['SPB'] },
  { id: 'business-basic', name: 'Microsoft 365 Business Basic', skus: ['O365_BUSINESS_ESSENTIALS'] },
  { id: 'exchange', name: 'Exchange Online (Plan 1)', skus: ['EXCHANGESTANDARD'] },
];

export interface SimHarness extends Harness {
  sim: RunningSimulator;
}

export async function startSimHarness(
  options: {
    seed?: SimSeed;
    faults?: SimFaults;
    mailboxDelayMs?: number;
    maxRetries?: number;
    limits?: { premium?: number };
    /** The simulator's clock (default Date.now), to move it with the harness's. */
    now?: () => number;
    tokenLifetimeSeconds?: number;
  } = {},
): Promise<SimHarness> {
  const sim = await loadSimulator()({
    seed: options.seed ?? testSeed(),
    faults: options.faults,
    mailboxDelayMs: options.mailboxDelayMs ?? 60 * 60 * 1000,
    now: options.now,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    redirectUris: ['https://m365ops.example.test/consent/callback'],
  });
  const gateway = createM365Gateway({
    ...simulatorEndpoints(sim),
    ca: sim.caPem,
    logger: createLogger({ level: 'silent' }),
    retry: { maxRetries: options.maxRetries ?? 6, maxDelayMs: 200 },
  });
  const harness = await startHarness({ gateway });
  const { store } = harness;
  for (const plan of testPlans) await store.plans.create({ ...plan, disabledPlans: {} });
  await store.customers.create({
    id: 'contoso',
    name: 'Contoso Ltd',
    tenantId: contosoTenant,
    plans: [
      { planId: 'business-basic' },
      { planId: 'business-premium', limit: options.limits?.premium ?? 3 },
      { planId: 'exchange' },
    ],
    syncPolicy: { autoApprove: [] },
    consent: { status: 'granted' },
  });
  await store.customers.create({
    id: 'fabrikam',
    name: 'Fabrikam Inc',
    tenantId: fabrikamTenant,
    plans: [{ planId: 'business-basic' }],
    syncPolicy: { autoApprove: [] },
    consent: { status: 'granted' },
  });
  return {
    ...harness,
    sim,
    async close() {
      await harness.close();
      await sim.close();
    },
  };
}
