/**
 * The CLI killed (SIGKILL) at random points of `add user`, then run again, leaves exactly one user in the tenant,
 * complete: the plan's licences, the usage location, and one service-user record. Each round kills twice: once
 * right after a randomly chosen Microsoft request was answered (spread over every step of the provisioning), once
 * after a random delay (which also lands in start-up and store writes). The simulator answers slowly so a request
 * answered is not yet a request acted on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { cliEnvForSimulator, runCliProcess, startCli, waitForCli } from '../../support/cli-process';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const rounds = 5;

let simulator: RunningSimulator;
let dataDir: string;
let env: Record<string, string>;
/** Called for every request the simulator answers. */
let onSimRequest: () => void = () => {};

beforeAll(async () => {
  simulator = await startSimulator({ faults: { latencyMs: 150 }, onRequest: () => onSimRequest() });
  // Enough licences for every round, so "no free licences" never stands in for a crash bug.
  simulator.control.setSkuUnits(contosoTenantId, 'O365_BUSINESS_ESSENTIALS', 200);
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-cli-crash-'));
  env = cliEnvForSimulator(simulator, dataDir);
});

afterAll(async () => {
  await simulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A small seeded generator, so a failing round can be replayed with the same kill points. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function addUserArgs(upn: string): string[] {
  return ['add', 'user', upn, 'plan', 'business-basic', 'location', 'GB'];
}

/** Starts `add user` and kills it once `killAt` says so; resolves when the process is gone. */
async function killAddUser(upn: string, killAt: { requests: number } | { ms: number }): Promise<void> {
  const child = startCli(addUserArgs(upn), env);
  const finished = waitForCli(child);
  let timer: NodeJS.Timeout | undefined;
  if ('ms' in killAt) {
    timer = setTimeout(() => child.kill('SIGKILL'), killAt.ms);
  } else {
    let answered = 0;
    onSimRequest = () => {
      answered += 1;
      if (answered === killAt.requests) child.kill('SIGKILL');
    };
  }
  await finished;
  clearTimeout(timer);
  onSimRequest = () => {};
}

it('leaves exactly one complete user however often add user is killed and run again', async () => {
  // One uninterrupted run: how long it takes and how many requests it makes, to spread the kill points over it.
  let requests = 0;
  onSimRequest = () => {
    requests += 1;
  };
  const started = Date.now();
  const baseline = await runCliProcess(addUserArgs('crash.baseline@contoso.com'), env);
  const runMs = Date.now() - started;
  onSimRequest = () => {};
  expect(baseline.code).toBe(0);
  expect(requests).toBeGreaterThan(2);

  const random = createRandom(Number(process.env.CRASH_SEED ?? 4));
  const basicSkuId = simulator.control
    .getSkus(contosoTenantId)
    .find((sku) => sku.skuPartNumber === 'O365_BUSINESS_ESSENTIALS')!.skuId;
  let roundsKilledAfterCreating = 0;

  for (let round = 0; round < rounds; round += 1) {
    const upn = `crash.${round}@contoso.com`;
    // Stratified: round r kills within the r-th share of the requests, so every step is hit once in a while.
    const killAfterRequests = 1 + Math.floor(((round + random()) * requests) / rounds);
    const killAfterMs = Math.round(random() * runMs);
    await killAddUser(upn, { requests: killAfterRequests });
    if (simulator.control.listUsers(contosoTenantId).some((user) => user.userPrincipalName === upn)) {
      roundsKilledAfterCreating += 1;
    }
    await killAddUser(upn, { ms: killAfterMs });

    const rerun = await runCliProcess(addUserArgs(upn), env);
    const context = `round ${round}, killed after request ${killAfterRequests} of ${requests}, then after ${killAfterMs} ms: ${rerun.stderr}`;
    expect({ context, code: rerun.code }).toEqual({ context, code: 0 });

    const inTenant = simulator.control.listUsers(contosoTenantId).filter((user) => user.userPrincipalName === upn);
    expect({ context, count: inTenant.length }).toEqual({ context, count: 1 });
    expect(inTenant[0]!.assignedLicenses.map((licence) => licence.skuId)).toEqual([basicSkuId]);
    expect(inTenant[0]!.usageLocation).toBe('GB');
  }
  // The kills did land between creating the user and finishing, not only before or after the work.
  expect(roundsKilledAfterCreating).toBeGreaterThan(0);
  expect(roundsKilledAfterCreating).toBeLessThan(rounds);

  const listing = await runCliProcess(['users', 'contoso'], env);
  expect(listing.code).toBe(0);
  for (let round = 0; round < rounds; round += 1) {
    const lines = listing.stdout.split('\n').filter((line) => line.startsWith(`crash.${round}@contoso.com `));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Microsoft 365 Business Basic');
  }
}, 300_000);
