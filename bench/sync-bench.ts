/**
 * Sync of one simulated tenant of 5k and 20k users: the first sync (full read, every licensed user unmanaged), a
 * full pass once all are managed, and a delta round with 1% changed. Pages are streamed and findings spooled to
 * disk, so the heap after a run should not grow with the tenant. The simulator runs in this process, so its own
 * state is allocated before the first measurement.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createLogger } from '../common/logger';
import type { Notifier } from '../core/notifier';
import { createRuntime, type RuntimeDeps } from '../core/runtime';
import { createM365Gateway } from '../m365/index';
import { startSimulator } from '../sim/index';
import { generatedTenant } from '../sim/seed/generated-tenant';
import { simulatorEndpoints } from '../sim/simulator-endpoints';
import type { SeedTenant } from '../sim/types';
import { openStore } from '../store/open-store';
import type { Store } from '../store/ports';
import type { Customer } from '../store/types';
import { runOwner } from '../sync/run-owner';
import { syncCustomer } from '../sync/sync-customer';
import type { Benchmark, BenchRow } from './harness';
import { measurePeakRss } from './harness';

const sizes = [5_000, 20_000];
const tenantId = '00000000-0000-4000-8000-00000000be0c';

function seed(users: number): SeedTenant {
  return generatedTenant({ id: tenantId, displayName: 'Bench', name: 'bench', users, units: users + 100 });
}

const quietNotifier: Notifier = {
  async canPost() {
    return true;
  },
  async post() {
    return { platform: 'teams', ref: { activityId: 'bench' } };
  },
  async postTo() {
    return { platform: 'teams', ref: { activityId: 'bench' } };
  },
  async update() {},
};

// A full collection before each heap reading, even when node was not started with --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function heapMiB(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

async function benchSize(users: number): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-sync-bench-'));
  const logger = createLogger({ level: 'silent' });
  const sim = await startSimulator({ seed: { tenants: [seed(users)] } });
  const store: Store = await openStore({ dataDir, logger });
  try {
    await store.plans.upsert({ id: 'business-premium', name: 'Business Premium', skus: ['SPB'], disabledPlans: {} });
    await store.plans.upsert({
      id: 'business-basic',
      name: 'Business Basic',
      skus: ['O365_BUSINESS_ESSENTIALS'],
      disabledPlans: {},
    });
    const customer: Customer = await store.customers.upsert({
      id: 'bench',
      name: 'Bench',
      tenantId,
      plans: [{ planId: 'business-premium' }, { planId: 'business-basic' }],
      syncPolicy: { autoApprove: [] },
      consent: { status: 'granted' },
    });
    const gateway = createM365Gateway({
      ...simulatorEndpoints(sim),
      ca: sim.caPem,
      logger,
    });
    const deps: RuntimeDeps = {
      store,
      gateway,
      clock: { now: () => new Date() },
      logger,
      notifier: quietNotifier,
      settings: {
        publicUrl: 'http://localhost:3978',
        syncCron: '*/15 * * * *',
        consentSigningKey: 'bench',
        consentLinkTtlMs: 60_000,
        aliasRetryWindowMs: 60_000,
      },
    };
    const runtime = createRuntime(deps);
    const rows: BenchRow[] = [];
    const run = async (phase: string, fullPassEveryMs: number) => {
      const heapBefore = heapMiB();
      const started = process.hrtime.bigint();
      const { value, peakRssMiB } = await measurePeakRss(() =>
        syncCustomer(runtime, customer, { owner: runOwner('bench'), leaseMs: 60_000, fullPassEveryMs }),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (value.outcome !== 'ok') throw new Error(`${phase} failed: ${value.error}`);
      rows.push({
        users,
        phase,
        seconds,
        usersRead: value.usersRead,
        found: value.found,
        peakRssMiB,
        heapDeltaMiB: heapMiB() - heapBefore,
      });
    };

    await run('first sync (all unmanaged)', 0);
    // Adopt everyone straight in the store: the bench measures sync, not thousands of decisions.
    for (const user of sim.control.listUsers(tenantId)) {
      await store.serviceUsers.create({
        customerId: 'bench',
        objectId: user.id,
        upn: user.userPrincipalName.toLowerCase(),
        displayName: user.displayName,
        planId: 'business-premium',
        admin: false,
        aliases: [],
        status: 'active',
        createdBy: 'bench',
      });
    }
    for (const discrepancy of await store.discrepancies.listOpen('bench'))
      await store.discrepancies.resolve(discrepancy.id);
    await run('full pass (all managed)', 0);
    for (const user of sim.control.listUsers(tenantId).slice(0, users / 100)) {
      sim.control.setLicenses(tenantId, user.id, ['O365_BUSINESS_ESSENTIALS']);
    }
    await run('delta round (1% changed)', Number.MAX_SAFE_INTEGER);
    return rows;
  } finally {
    await store.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'sync',
  async run() {
    const rows: BenchRow[] = [];
    for (const users of sizes) rows.push(...(await benchSize(users)));
    return {
      name: 'sync',
      description:
        'One tenant synced through the real gateway against the in-process simulator, embedded store. heapDeltaMiB: heap after the run minus before, each after a full GC.',
      rows,
    };
  },
};
