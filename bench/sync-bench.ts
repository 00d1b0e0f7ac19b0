/**
 * Sync of one generated tenant per size (`--users`): the first sync (full read, every licensed user unmanaged),
 * a full pass once all are managed, and a delta round with 1% changed. The simulator runs in a process of its
 * own with `--latency-ms` per Graph request and counts the requests; RSS and heap are m365ops's alone.
 *
 * Bounds: a full read cannot beat its pages one after another, ⌈users ÷ 999⌉ × latency, in pages + 3 requests
 * (SKUs, admin role members, the latest delta link); a delta round ⌈changed ÷ 200⌉ pages (at least one) + 2.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { runOwner } from '../sync/run-owner';
import { syncCustomer } from '../sync/sync-customer';
import { adoptAll, type BenchApp, inBatches, openBenchApp } from './bench-app';
import type { Benchmark, BenchRow } from './harness';
import { measurePeakRss, ratioOf, secondsSince } from './harness';
import type { BenchOptions } from './options';
import { graphRequestsBetween, type RemoteSimulator, startRemoteSimulator } from './remote-simulator';

const tenantId = '00000000-0000-4000-8000-00000000be0c';
const fullPageSize = 999;
const deltaPageSize = 200;

// A full collection before each heap reading, even when node was not started with --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function heapMiB(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

interface Phase {
  name: string;
  fullPassEveryMs: number;
  /** Pages the phase must read and the requests besides them. */
  pages: number;
  otherRequests: number;
  /** The target, as a multiple of the time bound. */
  target: string;
}

async function runPhase(sim: RemoteSimulator, app: BenchApp, phase: Phase, latencyMs: number): Promise<BenchRow> {
  const customer = app.customers[0];
  if (!customer) throw new Error('The sync benchmark has no customer.');
  const countsBefore = await sim.requestCounts();
  const heapBefore = heapMiB();
  const started = process.hrtime.bigint();
  const { value, peakRssMiB } = await measurePeakRss(() =>
    syncCustomer(app.runtime, customer, {
      owner: runOwner('bench'),
      leaseMs: 60_000,
      fullPassEveryMs: phase.fullPassEveryMs,
    }),
  );
  const seconds = secondsSince(started);
  if (value.outcome !== 'ok') throw new Error(`${phase.name} failed: ${value.error}`);
  const requests = graphRequestsBetween(countsBefore, await sim.requestCounts());
  const boundSeconds = (phase.pages * latencyMs) / 1000;
  const requestBound = phase.pages + phase.otherRequests;
  return {
    phase: phase.name,
    seconds,
    boundSeconds,
    ratio: ratioOf(seconds, boundSeconds),
    target: phase.target,
    requests,
    requestBound,
    requestRatio: ratioOf(requests, requestBound),
    usersRead: value.usersRead,
    found: value.found,
    peakRssMiB,
    heapDeltaMiB: heapMiB() - heapBefore,
  };
}

async function benchSize(users: number, latencyMs: number): Promise<BenchRow[]> {
  const sim = await startRemoteSimulator(
    [{ id: tenantId, displayName: 'Bench', name: 'bench', users, units: users + 100 }],
    latencyMs,
  );
  const app = await openBenchApp(sim, [{ id: tenantId, name: 'bench' }]);
  const fullPages = Math.max(1, Math.ceil(users / fullPageSize));
  const changed = Math.max(1, Math.floor(users / 100));
  const rows: BenchRow[] = [];
  try {
    const full = { pages: fullPages, otherRequests: 3 };
    rows.push(
      await runPhase(
        sim,
        app,
        { name: 'first sync (all unmanaged)', fullPassEveryMs: 0, ...full, target: '≤ 1.5×' },
        latencyMs,
      ),
    );
    await adoptAll(app.store, 'bench', await sim.listUsers(tenantId));
    const fullPass = await runPhase(
      sim,
      app,
      { name: 'full pass (all managed)', fullPassEveryMs: 0, ...full, target: '≤ 1.2×' },
      latencyMs,
    );
    rows.push(fullPass);
    const toChange = (await sim.listUsers(tenantId)).slice(0, changed);
    await inBatches(toChange.length, 20, (index) =>
      sim.control('setLicenses', tenantId, toChange[index]?.id, ['O365_BUSINESS_ESSENTIALS']),
    );
    const delta = await runPhase(
      sim,
      app,
      {
        name: 'delta round (1% changed)',
        fullPassEveryMs: Number.MAX_SAFE_INTEGER,
        pages: Math.max(1, Math.ceil(changed / deltaPageSize)),
        otherRequests: 2,
        target: '≤ 5% of the full pass',
      },
      latencyMs,
    );
    delta.ofFullPassTime = ratioOf(delta.seconds as number, fullPass.seconds as number);
    delta.ofFullPassRequests = ratioOf(delta.requests as number, fullPass.requests as number);
    rows.push(delta);
    const simPeakRssMiB = await sim.peakRssMiB();
    return rows.map((row) => ({ users, ...row, simPeakRssMiB }));
  } finally {
    await app.close();
    await sim.close();
  }
}

export const benchmark: Benchmark = {
  name: 'sync',
  async run(options: BenchOptions) {
    const rows: BenchRow[] = [];
    for (const users of options.users) rows.push(...(await benchSize(users, options.latencyMs)));
    return {
      name: 'sync',
      description: [
        `One tenant synced through the real gateway against the simulator in its own process, ${options.latencyMs} ms per Graph request, embedded store.`,
        'boundSeconds: the user pages one after another (⌈users ÷ 999⌉ × latency; delta: ⌈changed ÷ 200⌉); ratio = seconds ÷ bound.',
        'requests: Graph requests counted at the simulator; requestBound: pages + 3 (full) or + 2 (delta).',
        'ofFullPass*: the delta round as a share of the full pass (target ≤ 0.05). heapDeltaMiB: heap after minus before, each after a full GC.',
      ].join('\n'),
      rows,
    };
  },
};
