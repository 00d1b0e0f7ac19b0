/**
 * The embedded store at 10k and 100k discrepancies (1k and 10k with `--quick`), each size in a process of its own
 * so its peak RSS is its own: a first sync (every finding new), a full pass (every finding seen again), a reopen
 * with all of them open, half of them resolved, one compaction more, a reopen again. Per step: time, bytes
 * journalled, bytes compaction wrote and how often, peak RSS, heap after a full GC: the two reopens' heaps show what
 * the resolved ones no longer take in memory.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../common/logger';
import { openEmbeddedStore } from '../store/embedded/open-embedded-store';
import type { Store } from '../store/ports';
import type { Benchmark, BenchRow } from './harness';
import { measurePeakRss } from './harness';
import { benchFinding } from './store-batch-bench';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const pageSize = 1000;
const mib = (bytes: number) => bytes / 2 ** 20;

interface Compaction {
  journalBytes: number;
  snapshotBytes: number;
}

async function journalSize(dataDir: string): Promise<number> {
  return (await stat(path.join(dataDir, 'journal.jsonl'))).size;
}

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return mib(process.memoryUsage().heapUsed);
}

/** Runs in the child: every step on one store, one row per step. */
async function runSize(size: number): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-compaction-bench-'));
  const compactions: Compaction[] = [];
  const logger = createLogger({
    level: 'info',
    destination: {
      write(line: string) {
        const entry = JSON.parse(line) as Compaction & { msg: string };
        if (entry.msg === 'embedded store compacted') compactions.push(entry);
      },
    },
  });
  const rows: BenchRow[] = [];
  try {
    let store: Store = await openEmbeddedStore({ dataDir, logger });
    const page = (start: number, runId: string) =>
      Array.from({ length: Math.min(pageSize, size - start) }, (_, i) => benchFinding(start + i, runId));
    const ids: string[] = [];
    const step = async (name: string, work: () => Promise<void>) => {
      const journalBefore = await journalSize(dataDir);
      const compactedBefore = compactions.length;
      const started = process.hrtime.bigint();
      const { peakRssMiB } = await measurePeakRss(work);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const during = compactions.slice(compactedBefore);
      const journalled =
        (await journalSize(dataDir)) - journalBefore + during.reduce((sum, c) => sum + c.journalBytes, 0);
      rows.push({
        discrepancies: size,
        step: name,
        ms,
        journalMiB: mib(journalled),
        compactions: during.length,
        compactionMiB: mib(during.reduce((sum, c) => sum + c.snapshotBytes, 0)),
        peakRssMiB,
        heapMiB: heapMiB(),
      });
    };
    const reopen = async () => {
      await store.close();
      store = await openEmbeddedStore({ dataDir, logger });
    };
    await step('first sync: all new, pages of 1000', async () => {
      for (let start = 0; start < size; start += pageSize) {
        for (const r of await store.discrepancies.upsertOpenMany(page(start, 'run-1'))) ids.push(r.discrepancy.id);
      }
    });
    await step('full pass: all seen again', async () => {
      for (let start = 0; start < size; start += pageSize) {
        await store.discrepancies.upsertOpenMany(page(start, 'run-2'));
      }
    });
    await step('reopened, all open (in memory)', reopen);
    await step('half resolved', async () => {
      const half = ids.filter((_, i) => i % 2 === 0);
      for (let start = 0; start < half.length; start += pageSize) {
        await store.discrepancies.resolveMany(half.slice(start, start + pageSize));
      }
    });
    await step('until the next compaction (one setting rewritten)', async () => {
      // The state stays the same size while the journal grows, so the journal soon outgrows the snapshot.
      const filler = 'x'.repeat(64 * 1024);
      for (const before = compactions.length; compactions.length === before; ) {
        await store.settings.set('bench-filler', filler);
      }
    });
    await step('reopened, half resolved (on disk)', reopen);
    await step('list all of the customer (loads the resolved ones)', async () => {
      await store.discrepancies.list('bench');
    });
    await store.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** Runs one size in a fresh process and returns its rows. */
function inChild(size: number): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['store-compaction-child', String(size)], { execArgv: ['--expose-gc'] });
    let rows: BenchRow[] | undefined;
    child.on('message', (message) => {
      rows = message as BenchRow[];
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (rows) resolve(rows);
      else reject(new Error(`The ${size}-discrepancy store benchmark exited (${code}) without results.`));
    });
  });
}

if (require.main === module && process.argv[2] === 'store-compaction-child') {
  runSize(Number(process.argv[3])).then(
    (rows) => process.send?.(rows, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

export const benchmark: Benchmark = {
  name: 'store-compaction',
  async run() {
    const rows: BenchRow[] = [];
    for (const size of quick ? [1_000, 10_000] : [10_000, 100_000]) rows.push(...(await inChild(size)));
    return {
      name: 'store-compaction',
      description:
        'Embedded store, one process per size (peak RSS its own). journalMiB: bytes appended to the journal; ' +
        'compactionMiB: bytes compaction wrote into new snapshots (compaction once the journal outgrows the snapshot); ' +
        'heapMiB: heap after a full GC at the end of the step.',
      rows,
    };
  },
};
