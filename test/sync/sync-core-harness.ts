/**
 * Sync without chat transports: the simulator with tenants made for the test, a store (embedded in a temporary
 * directory, or MongoDB), the real gateway and handlers, and a notifier port that records what would reach the
 * customer's channel. Several "replicas" (runtimes with their own gateway and scheduler) can share one store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '../../common/clock';
import { systemClock } from '../../common/clock';
import { createLogger } from '../../common/logger';
import type { M365ops } from '../../core/m365ops-port';
import type { ChannelReply, Notifier } from '../../core/notifier';
import { createRuntime, type Runtime, type RuntimeDeps } from '../../core/runtime';
import { createM365ops } from '../../handlers/index';
import { createM365Gateway } from '../../m365/index';
import type { M365Gateway } from '../../m365/types';
import { type RunningSimulator, type SeedTenant, type SimFaults, startSimulator } from '../../sim/index';
import { generatedTenant } from '../../sim/seed/generated-tenant';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/ports';
import type { MessageRef } from '../../store/types';
import { createSyncScheduler, type SyncScheduler } from '../../sync/sync-scheduler';
import { neverSchedule, syncHandlerSettings } from '../support/sync-handler-settings';

export interface RecordedPost {
  customerId: string;
  reply: ChannelReply;
  ref: MessageRef;
}

export interface RecordingNotifier extends Notifier {
  posts: RecordedPost[];
  updates: { ref: MessageRef; reply: ChannelReply }[];
}

export function createRecordingNotifier(): RecordingNotifier {
  const posts: RecordedPost[] = [];
  const updates: { ref: MessageRef; reply: ChannelReply }[] = [];
  return {
    posts,
    updates,
    async canPost() {
      return true;
    },
    async post(customerId, reply) {
      const ref: MessageRef = { platform: 'teams', ref: { activityId: `message-${posts.length + 1}` } };
      posts.push({ customerId, reply, ref });
      return ref;
    },
    async postTo() {
      return { platform: 'teams', ref: { activityId: `message-${posts.length + 1}` } };
    },
    async update(ref, reply) {
      updates.push({ ref, reply });
    },
  };
}

export interface Replica {
  runtime: Runtime;
  handlers: M365ops;
  scheduler: SyncScheduler;
}

export interface SyncCore {
  sim: RunningSimulator;
  store: Store;
  notifier: RecordingNotifier;
  /** The first replica. */
  runtime: Runtime;
  handlers: M365ops;
  scheduler: SyncScheduler;
  addReplica(owner: string, options?: { leaseMs?: number; concurrency?: number }): Replica;
  close(): Promise<void>;
}

export interface SyncCoreOptions {
  tenants: SeedTenant[];
  /** Customer ids are the tenants' display names in lower case. */
  plans?: { id: string; skus: string[] }[];
  faults?: SimFaults;
  mongodbUri?: string;
  leaseMs?: number;
  /** SYNC_CONCURRENCY of each replica's scheduler. */
  concurrency?: number;
  clock?: Clock;
  /** Wraps each replica's gateway (a test gate holding one Microsoft call open). */
  wrapGateway?: (gateway: M365Gateway) => M365Gateway;
}

export const defaultPlans = [
  { id: 'business-premium', skus: ['SPB'] },
  { id: 'business-basic', skus: ['O365_BUSINESS_ESSENTIALS'] },
];

export async function startSyncCore(options: SyncCoreOptions): Promise<SyncCore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-sync-core-'));
  const logger = createLogger({ level: 'silent' });
  const clock = options.clock ?? systemClock;
  const sim = await startSimulator({ seed: { tenants: options.tenants }, faults: options.faults });
  const store = await openStore({ mongodbUri: options.mongodbUri, dataDir, logger, clock });
  const notifier = createRecordingNotifier();
  const plans = options.plans ?? defaultPlans;
  await configureCustomers(store, options.tenants, plans);

  function addReplica(owner: string, replicaOptions: { leaseMs?: number; concurrency?: number } = {}): Replica {
    const real = createM365Gateway({
      ...simulatorEndpoints(sim),
      ca: sim.caPem,
      logger,
      retry: { maxRetries: 2, maxDelayMs: 50 },
    });
    const gateway = options.wrapGateway ? options.wrapGateway(real) : real;
    const deps: RuntimeDeps = {
      store,
      gateway,
      clock,
      logger,
      notifier,
      settings: syncHandlerSettings,
    };
    const runtime = createRuntime(deps);
    const scheduler = createSyncScheduler({
      runtime,
      owner,
      defaultSchedule: neverSchedule,
      leaseMs: replicaOptions.leaseMs ?? options.leaseMs,
      concurrency: replicaOptions.concurrency ?? options.concurrency,
    });
    return { runtime, handlers: createM365ops(runtime), scheduler };
  }

  const first = addReplica('replica-a');
  const replicas = [first];
  return {
    sim,
    store,
    notifier,
    ...first,
    addReplica(owner, replicaOptions) {
      const replica = addReplica(owner, replicaOptions);
      replicas.push(replica);
      return replica;
    },
    async close() {
      for (const replica of replicas) await replica.scheduler.stop();
      await store.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Stores the plans (named by their ids) and one consented customer per tenant, with every plan enabled. */
export async function configureCustomers(
  store: Store,
  tenants: SeedTenant[],
  plans: { id: string; skus: string[] }[] = defaultPlans,
): Promise<void> {
  for (const plan of plans) await store.plans.upsert({ ...plan, name: plan.id, disabledPlans: {} });
  for (const tenant of tenants) {
    await store.customers.upsert({
      id: customerIdOf(tenant),
      name: tenant.displayName,
      tenantId: tenant.id,
      plans: plans.map((plan) => ({ planId: plan.id })),
      syncPolicy: { autoApprove: [] },
      consent: { status: 'granted' },
    });
  }
}

export function customerIdOf(tenant: SeedTenant): string {
  return tenant.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** A tenant of `count` users licensed with SPB, named "Given{i} Surname{i}". */
export function seedTenant(index: number, count: number, options: { units?: number } = {}): SeedTenant {
  return generatedTenant({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    displayName: `Tenant ${index}`,
    name: `tenant${index}`,
    users: count,
    units: options.units ?? count + 50,
  });
}

/** Adopts every licensed user of a customer, as an approver clicking "Approve all unmanaged-user" would. */
export async function adoptAll(handlers: M365ops, customerId: string): Promise<void> {
  await handlers.handle({
    context: { identity: 'cli:ops', origin: 'cli', isPersonal: true },
    command: { name: 'decide-all', customerId, kind: 'unmanaged-user', action: 'approve', confirmed: true },
  });
}

export const cli = { identity: 'cli:ops', origin: 'cli' as const, isPersonal: true };
