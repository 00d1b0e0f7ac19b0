/**
 * Several replicas on one store each run the schedule: the tenant lease makes exactly one of them sync a tenant
 * per tick, nothing is posted twice, and a replica that dies mid-sync is taken over once its lease expires.
 */
import { type SyncCore, seedTenant, startSyncCore } from './sync-core-harness';

const tenants = Array.from({ length: 20 }, (_, i) => seedTenant(100 + i, 3));
const customerIds = tenants.map((_, i) => `tenant-${100 + i}`);
let core: SyncCore;

beforeEach(async () => {
  // Every tenant at once, so a replica that dies holds all twenty leases.
  core = await startSyncCore({ tenants, leaseMs: 1500, concurrency: tenants.length });
});

afterEach(async () => {
  await core.close();
});

function postedIds(): string[] {
  return core.notifier.posts.flatMap((post) =>
    post.reply.kind === 'discrepancy'
      ? [post.reply.discrepancy.id]
      : post.reply.kind === 'digest'
        ? post.reply.items.map((item) => item.id)
        : [],
  );
}

async function runIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const id of customerIds) {
    const run = (await core.store.syncState.get(id))?.lastRun;
    if (run) ids.push(`${id}:${run.runId}:${run.outcome}`);
  }
  return ids;
}

it('syncs each of 20 tenants once per tick across two schedulers, posting nothing twice', async () => {
  const other = core.addReplica('replica-b');
  const tick = new Date();
  const [a, b] = await Promise.all([core.scheduler.runTick(tick), other.scheduler.runTick(tick)]);
  const ran = [...a, ...b].filter((outcome) => outcome.outcome === 'ok').map((outcome) => outcome.customerId);
  expect(ran.sort()).toEqual([...customerIds].sort());
  expect([...a, ...b].filter((outcome) => outcome.outcome === 'failed')).toEqual([]);
  expect(postedIds()).toHaveLength(60);
  expect(new Set(postedIds()).size).toBe(60);

  const next = new Date(tick.getTime() + 60_000);
  const [a2, b2] = await Promise.all([core.scheduler.runTick(next), other.scheduler.runTick(next)]);
  expect([...a2, ...b2].filter((outcome) => outcome.outcome === 'ok')).toHaveLength(20);
  expect(postedIds()).toHaveLength(60);
});

it('takes over the tenants of a replica that died mid-sync once its leases expire, losing nothing', async () => {
  const other = core.addReplica('replica-b');
  core.sim.control.setFaults({ latencyMs: 150 });
  const tick = new Date();
  const dying = core.scheduler.runTick(tick);
  // Let it take every lease and get into the reads, then kill it.
  await new Promise((resolve) => setTimeout(resolve, 400));
  const held = await Promise.all(customerIds.map((id) => core.store.leases.get(`sync:${id}`)));
  expect(held.filter((lease) => lease?.owner.startsWith('replica-a'))).toHaveLength(20);
  await core.scheduler.crash();
  await dying;

  const early = await other.scheduler.runTick(tick);
  expect(early.every((outcome) => outcome.outcome === 'skipped')).toBe(true);

  await new Promise((resolve) => setTimeout(resolve, 1700));
  core.sim.control.clearFaults();
  const later = await other.scheduler.runTick(tick);
  // A tenant the dying replica finished before it died is synced already this tick; every other one is taken over.
  const finishedBefore = (outcome: (typeof later)[number]) =>
    outcome.outcome === 'skipped' && /^Already synced/.test(outcome.error ?? '');
  expect(later.filter((outcome) => outcome.outcome === 'ok' || finishedBefore(outcome))).toHaveLength(20);
  expect(await runIds()).toHaveLength(20);
  for (const id of customerIds) {
    expect(await core.store.discrepancies.listOpen(id, 'unmanaged-user')).toHaveLength(3);
  }
  expect(postedIds()).toHaveLength(60);
  expect(new Set(postedIds()).size).toBe(60);
});
