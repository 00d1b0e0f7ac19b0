/**
 * Store throughput: service users create / update / list and jobs claimDue, on the embedded store (temp dir) and,
 * when MONGODB_URI is set, on MongoDB (a fresh database, dropped afterwards).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { openStore } from '../store/open-store';
import type { Store } from '../store/ports';
import type { Benchmark, BenchRow } from './harness';
import type { BenchOptions } from './options';

/** How much each store is given: FerretDB on SQLite (what CI has) is far slower, so MongoDB gets a smaller run. */
interface Scale {
  users: number;
  jobs: number;
  lists: number;
}
const embeddedScale: Scale = { users: 2000, jobs: 500, lists: 50 };
const mongodbScale: Scale = { users: 200, jobs: 100, lists: 10 };
const quickScale: Scale = { users: 300, jobs: 100, lists: 10 };
const parallel = 20;

async function timed(operation: string, count: number, work: () => Promise<void>): Promise<BenchRow> {
  const started = process.hrtime.bigint();
  await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { operation, count, ms, perSecond: (count / ms) * 1000 };
}

/** Runs `count` calls, `parallel` at a time. */
async function inBatches(count: number, call: (index: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += parallel) {
    await Promise.all(Array.from({ length: Math.min(parallel, count - start) }, (_, k) => call(start + k)));
  }
}

async function measure(kind: string, store: Store, { users, jobs, lists }: Scale): Promise<BenchRow[]> {
  const rows = [
    await timed('serviceUsers.create', users, () =>
      inBatches(users, (i) =>
        store.serviceUsers.create({
          customerId: 'bench',
          objectId: `oid-${i}`,
          upn: `user${i}@bench.example`,
          displayName: `User ${i}`,
          planId: 'business-premium',
          admin: false,
          aliases: [],
          status: 'active',
          createdBy: 'bench',
        }),
      ),
    ),
    await timed('serviceUsers.update', users, () =>
      inBatches(users, (i) => store.serviceUsers.update('bench', `oid-${i}`, { admin: true })),
    ),
    await timed(`serviceUsers.list (${users} users)`, lists, async () => {
      for (let i = 0; i < lists; i++) await store.serviceUsers.list('bench');
    }),
  ];
  await inBatches(jobs, (i) => store.jobs.enqueue({ type: 'bench', payload: { i }, runAt: new Date(0) }));
  rows.push(
    await timed('jobs.claimDue', jobs, () =>
      inBatches(jobs, (i) => store.jobs.claimDue(`worker-${i % parallel}`, new Date(), 60_000)),
    ),
  );
  return rows.map((row) => ({ store: kind, ...row }));
}

export const benchmark: Benchmark = {
  name: 'store',
  async run(options: BenchOptions) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-bench-'));
    const rows: BenchRow[] = [];
    try {
      const embedded = await openStore({ dataDir });
      rows.push(...(await measure('embedded', embedded, options.quick ? quickScale : embeddedScale)));
      await embedded.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    const mongodbUri = process.env.MONGODB_URI;
    if (mongodbUri) {
      const database = `m365ops_bench_${randomUUID().slice(0, 8)}`;
      const uri = mongodbUri.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?/, `$1/${database}`);
      const mongo = await openStore({ mongodbUri: uri, dataDir });
      try {
        rows.push(...(await measure('mongodb', mongo, mongodbScale)));
      } finally {
        await mongo.close();
        const client = new MongoClient(uri);
        await client.db(database).dropDatabase();
        await client.close();
      }
    }
    return {
      name: 'store',
      description: `Store throughput, ${parallel} calls in flight (MongoDB ${mongodbUri ? 'included' : 'skipped: MONGODB_URI unset'}).`,
      rows,
    };
  },
};
