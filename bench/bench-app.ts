/**
 * m365ops as the sync benchmarks run it: the embedded store in a temporary directory, the real gateway against a
 * remote simulator, the sync runtime, a notifier that posts nowhere, and one customer per generated tenant on the
 * Business Premium and Business Basic plans. The one place the benchmarks wire the app together.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../common/logger';
import type { Notifier } from '../core/notifier';
import { createRuntime, type Runtime, type RuntimeDeps } from '../core/runtime';
import { createM365Gateway } from '../m365/index';
import type { SimUserView } from '../sim/types';
import { openStore } from '../store/open-store';
import type { Store } from '../store/ports';
import type { Customer } from '../store/types';
import type { RemoteSimulator } from './remote-simulator';

export interface BenchApp {
  store: Store;
  runtime: Runtime;
  customers: Customer[];
  close(): Promise<void>;
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

/** Runs `call` for 0‥count-1, `parallel` at a time. */
export async function inBatches(count: number, parallel: number, call: (index: number) => Promise<unknown>) {
  for (let start = 0; start < count; start += parallel) {
    await Promise.all(Array.from({ length: Math.min(parallel, count - start) }, (_, k) => call(start + k)));
  }
}

export async function openBenchApp(
  sim: Pick<RemoteSimulator, 'endpoints' | 'caPem'>,
  tenants: { id: string; name: string }[],
): Promise<BenchApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-sync-bench-'));
  // BENCH_LOG_LEVEL=debug shows why a run failed (token errors, retries) on stdout.
  const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });
  const store: Store = await openStore({ dataDir, logger });
  await store.plans.upsert({ id: 'business-premium', name: 'Business Premium', skus: ['SPB'], disabledPlans: {} });
  await store.plans.upsert({
    id: 'business-basic',
    name: 'Business Basic',
    skus: ['O365_BUSINESS_ESSENTIALS'],
    disabledPlans: {},
  });
  const customers: Customer[] = [];
  for (const tenant of tenants) {
    customers.push(
      await store.customers.upsert({
        id: tenant.name,
        name: tenant.name,
        tenantId: tenant.id,
        plans: [{ planId: 'business-premium' }, { planId: 'business-basic' }],
        syncPolicy: { autoApprove: [] },
        consent: { status: 'granted' },
      }),
    );
  }
  const gateway = createM365Gateway({ ...sim.endpoints, ca: sim.caPem, logger });
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
  return {
    store,
    runtime: createRuntime(deps),
    customers,
    async close() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Makes every user of the tenant a managed service user on Business Premium and closes the open discrepancies,
 * straight in the store: the benchmarks measure sync, not thousands of decisions.
 */
export async function adoptAll(store: Store, customerId: string, users: SimUserView[]): Promise<void> {
  await inBatches(users.length, 50, (index) => {
    const user = users[index] as SimUserView;
    return store.serviceUsers.create({
      customerId,
      objectId: user.id,
      upn: user.userPrincipalName.toLowerCase(),
      displayName: user.displayName,
      planId: 'business-premium',
      admin: false,
      aliases: [],
      status: 'active',
      createdBy: 'bench',
    });
  });
  const open = await store.discrepancies.listOpen(customerId);
  await inBatches(open.length, 50, (index) => store.discrepancies.resolve(open[index]?.id as string));
}
