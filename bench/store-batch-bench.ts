/**
 * What sync writes per finding, one call at a time (as sync/record-findings.ts and sync/channel-messages.ts do
 * today) against the batch calls a page at a time: upsertOpen, setMessageRef and resolve. Each variant gets a fresh
 * store. Embedded always; MongoDB too when MONGODB_URI is set (with FerretDB's write markers as detected, and once
 * forced off to show what MongoDB and Cosmos DB are spared). `--quick` (or BENCH_QUICK=1) for a CI-sized run.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { openEmbeddedStore } from '../store/embedded/open-embedded-store';
import { openMongoStore } from '../store/mongodb/open-mongo-store';
import type { FoundDiscrepancy, Store } from '../store/ports';
import type { MessageRef } from '../store/types';
import type { Benchmark, BenchRow } from './harness';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const pageSize = 1000;

export function benchFinding(i: number, runId = 'run-1'): FoundDiscrepancy {
  return {
    customerId: 'bench',
    objectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    upn: `user${i}@bench.example`,
    kind: 'licenses-drifted',
    expected: { planId: 'business-premium', skus: ['SPB'] },
    actual: { skus: ['SPB', 'O365_BUSINESS_ESSENTIALS'], skuIds: [randomUUID(), randomUUID()] },
    runId,
  };
}

function pages<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += pageSize) result.push(items.slice(start, start + pageSize));
  return result;
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** The three writes of a sync for `count` findings, one call each or a page per call; milliseconds per step. */
async function measure(store: Store, count: number, batched: boolean): Promise<Record<string, number>> {
  const findings = Array.from({ length: count }, (_, i) => benchFinding(i));
  const ids: string[] = [];
  const upsert = await timed(async () => {
    if (batched) {
      for (const page of pages(findings)) {
        for (const r of await store.discrepancies.upsertOpenMany(page)) ids.push(r.discrepancy.id);
      }
    } else {
      for (const finding of findings) ids.push((await store.discrepancies.upsertOpen(finding)).discrepancy.id);
    }
  });
  const ref = (id: string): MessageRef => ({ platform: 'teams', ref: { activityId: `card-${id}` } });
  const setRefs = await timed(async () => {
    if (batched) {
      for (const page of pages(ids))
        await store.discrepancies.setMessageRefs(page.map((id) => ({ id, messageRef: ref(id) })));
    } else {
      for (const id of ids) await store.discrepancies.setMessageRef(id, ref(id));
    }
  });
  const resolve = await timed(async () => {
    if (batched) {
      for (const page of pages(ids)) await store.discrepancies.resolveMany(page);
    } else {
      for (const id of ids) await store.discrepancies.resolve(id);
    }
  });
  return { upsertOpen: upsert, setMessageRef: setRefs, resolve };
}

function compare(
  store: string,
  count: number,
  single: Record<string, number>,
  batch: Record<string, number>,
): BenchRow[] {
  return Object.keys(single).map((operation) => ({
    store,
    operation,
    count,
    singleMs: single[operation]!,
    batchedMs: batch[operation]!,
    singlePerSecond: (count / single[operation]!) * 1000,
    batchedPerSecond: (count / batch[operation]!) * 1000,
    speedup: single[operation]! / batch[operation]!,
  }));
}

async function embeddedRows(count: number): Promise<BenchRow[]> {
  const results: Record<string, number>[] = [];
  for (const batched of [false, true]) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-batch-bench-'));
    const store = await openEmbeddedStore({ dataDir });
    try {
      results.push(await measure(store, count, batched));
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return compare('embedded', count, results[0]!, results[1]!);
}

async function mongoRows(mongodbUri: string, count: number, writeMarkers?: boolean): Promise<BenchRow[]> {
  const results: Record<string, number>[] = [];
  for (const batched of [false, true]) {
    const database = `m365ops_bench_${randomUUID().slice(0, 8)}`;
    const uri = mongodbUri.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?/, `$1/${database}`);
    const store = await openMongoStore({ mongodbUri: uri, writeMarkers });
    try {
      results.push(await measure(store, count, batched));
    } finally {
      await store.close();
      const client = new MongoClient(uri);
      await client.db(database).dropDatabase();
      await client.close();
    }
  }
  const label = writeMarkers === undefined ? 'mongodb' : `mongodb (markers ${writeMarkers ? 'on' : 'off'})`;
  return compare(label, count, results[0]!, results[1]!);
}

export const benchmark: Benchmark = {
  name: 'store-batch',
  async run() {
    const embeddedCount = quick ? 1_000 : 10_000;
    const mongoCount = quick ? 200 : 1_000;
    const rows = await embeddedRows(embeddedCount);
    const mongodbUri = process.env.MONGODB_URI;
    if (mongodbUri) {
      rows.push(...(await mongoRows(mongodbUri, mongoCount)));
      rows.push(...(await mongoRows(mongodbUri, mongoCount, false)));
    }
    return {
      name: 'store-batch',
      description:
        `Per-finding store writes of a sync, one call per finding against the batch calls with pages of ${pageSize}, ` +
        `each on a fresh store. MongoDB ${mongodbUri ? 'included: as detected at open, then with the FerretDB write markers forced off (what MongoDB and Cosmos DB get; not atomic on FerretDB, no concurrency here)' : 'skipped: MONGODB_URI unset'}.`,
      rows,
    };
  },
};
