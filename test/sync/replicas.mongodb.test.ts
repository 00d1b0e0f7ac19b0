/**
 * Two m365ops processes on one MongoDB (FerretDB in CI) sync 20 tenants: each tenant once per tick, no duplicate
 * posts; a process killed mid-sync is taken over once its leases expire, and nothing is lost.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { type RunningSimulator, startSimulator } from '../../sim/index';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/ports';
import { readAllLines, readLinesUntil, spawnTsChild } from '../support/ts-child-process';
import type { ReplicaArgs } from './replica-process';
import { configureCustomers, customerIdOf, seedTenant } from './sync-core-harness';

const mongodbUri = process.env.MONGODB_URI;
if (!mongodbUri) {
  process.stdout.write(
    'Sync replica tests on MongoDB skipped: MONGODB_URI is not set (bash .ci/ferretdb.sh start provides one).\n',
  );
}

const tenants = Array.from({ length: 20 }, (_, i) => seedTenant(200 + i, 3));
const customerIds = tenants.map(customerIdOf);
const leaseMs = 2000;

function withDatabase(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error(`MONGODB_URI ${uri} is not a mongodb:// connection string.`);
  return `${match[1]}/${name}${match[2] ?? ''}`;
}

(mongodbUri ? describe : describe.skip)('sync replicas on MongoDB', () => {
  let sim: RunningSimulator;
  let store: Store;
  let uri: string;
  let database: string;
  let dir: string;
  let caPath: string;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'm365ops-replicas-'));
    sim = await startSimulator({ seed: { tenants } });
    caPath = path.join(dir, 'ca.pem');
    writeFileSync(caPath, sim.caPem);
    database = `m365ops_sync_${randomUUID().slice(0, 8)}`;
    uri = withDatabase(mongodbUri!, database);
    store = await openStore({ mongodbUri: uri, dataDir: 'unused' });
    await configureCustomers(store, tenants);
  });

  afterEach(async () => {
    await store.close();
    const client = new MongoClient(mongodbUri!);
    await client
      .db(database)
      .dropDatabase()
      .finally(() => client.close());
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function startReplica(owner: string, tick: Date): ChildProcessWithoutNullStreams {
    const args: ReplicaArgs = {
      owner,
      mongodbUri: uri,
      tick: tick.toISOString(),
      leaseMs,
      // Every tenant at once: the takeover test kills the process while it holds all 20 leases.
      concurrency: tenants.length,
      sim: { ...simulatorEndpoints(sim), caPath },
    };
    const script = path.join(__dirname, 'replica-process.ts');
    return spawnTsChild(
      `require(${JSON.stringify(script)}).runReplica(JSON.parse(process.argv[1])).catch((e) => { console.error(e); process.exit(1); });`,
      [JSON.stringify(args)],
    );
  }

  async function finish(child: ChildProcessWithoutNullStreams): Promise<{ posted: string[]; ok: number }> {
    const lines = await readAllLines(child, await readLinesUntil(child, (line) => line === 'READY'));
    const posted = lines.filter((line) => line.startsWith('POSTED ')).map((line) => line.slice(7));
    const done = lines.find((line) => line.startsWith('DONE '));
    const outcomes = done ? (JSON.parse(done.slice(5)) as { outcome: string }[]) : [];
    return { posted, ok: outcomes.filter((outcome) => outcome.outcome === 'ok').length };
  }

  it('syncs each tenant once per tick from two processes, posting nothing twice', async () => {
    const tick = new Date();
    const [a, b] = await Promise.all([
      finish(startReplica('process-a', tick)),
      finish(startReplica('process-b', tick)),
    ]);
    expect(a.ok + b.ok).toBe(20);
    const posted = [...a.posted, ...b.posted];
    expect(posted).toHaveLength(60);
    expect(new Set(posted).size).toBe(60);
  }, 120_000);

  it('takes over from a process killed mid-sync once its leases expire, losing nothing', async () => {
    sim.control.setFaults({ latencyMs: 200 });
    const tick = new Date();
    const dying = startReplica('process-a', tick);
    await readLinesUntil(dying, (line) => line === 'READY');
    for (let i = 0; i < 100; i++) {
      const held = await Promise.all(customerIds.map((id) => store.leases.get(`sync:${id}`)));
      if (held.every((lease) => lease?.owner.startsWith('process-a'))) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    dying.kill('SIGKILL');
    await new Promise((resolve) => dying.once('exit', resolve));
    sim.control.clearFaults();

    const early = await finish(startReplica('process-b', tick));
    expect(early.ok).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, leaseMs + 200));
    const later = await finish(startReplica('process-b', tick));
    expect(later.ok).toBe(20);
    expect(new Set(later.posted).size).toBe(60);
    for (const id of customerIds) {
      expect(await store.discrepancies.listOpen(id, 'unmanaged-user')).toHaveLength(3);
      expect((await store.syncState.get(id))?.lastRun?.outcome).toBe('ok');
    }
  }, 120_000);
});
