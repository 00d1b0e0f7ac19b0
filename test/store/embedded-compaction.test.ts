/**
 * The embedded store stays small: compaction writes no more than was journalled, the snapshot is streamed as JSON
 * lines, closed discrepancies are read back from disk, and a snapshot of the earlier format is still read.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../common/logger';
import { openEmbeddedStore } from '../../store/embedded/open-embedded-store';
import type { FoundDiscrepancy } from '../../store/ports';

function found(objectId: string): FoundDiscrepancy {
  return {
    customerId: 'contoso',
    objectId,
    upn: `${objectId}@contoso.com`,
    kind: 'licenses-drifted',
    expected: { skus: ['SPB'] },
    actual: { skus: ['SPE_E3', 'SPB'] },
    runId: 'run-1',
  };
}

describe('embedded store compaction', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-compaction-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('compacts only once the journal outgrows the snapshot, writing no more than twice what was journalled', async () => {
    const compactions: { journalBytes: number; snapshotBytes: number }[] = [];
    const logger = createLogger({
      level: 'info',
      destination: {
        write: (line: string) => {
          const entry = JSON.parse(line);
          if (entry.msg === 'embedded store compacted') compactions.push(entry);
        },
      },
    });
    const store = await openEmbeddedStore({ dataDir, logger, compactAfterBytes: 4096 });
    for (let round = 0; round < 40; round++) {
      const batch = Array.from({ length: 25 }, (_, i) => found(`oid-${round}-${i}`));
      await store.discrepancies.upsertOpenMany(batch);
    }
    await store.close();
    // 1,000 discrepancies of ~400 bytes: a fixed 4 KiB threshold would have compacted ~100 times.
    expect(compactions.length).toBeGreaterThan(2);
    expect(compactions.length).toBeLessThan(12);
    for (const { journalBytes, snapshotBytes } of compactions)
      expect(snapshotBytes).toBeLessThanOrEqual(2 * journalBytes);
    const reopened = await openEmbeddedStore({ dataDir });
    expect(await reopened.discrepancies.listOpen('contoso')).toHaveLength(1000);
    await reopened.close();
  });

  it('reads closed discrepancies back from the snapshot on disk, whole and in order', async () => {
    const store = await openEmbeddedStore({ dataDir });
    const opened = (await store.discrepancies.upsertOpenMany(['a', 'b', 'c'].map(found))).map((r) => r.discrepancy);
    const [resolved] = await store.discrepancies.resolveMany([opened[1]!.id]);
    await store.close();
    // The journal has outgrown the (absent) snapshot: opening compacts it, and the resolved one stays on disk.
    const reopened = await openEmbeddedStore({ dataDir, compactAfterBytes: 1 });
    try {
      expect(await readFile(path.join(dataDir, 'journal.jsonl'), 'utf8')).toBe('');
      expect(await reopened.discrepancies.get(resolved!.id)).toEqual(resolved);
      const snapshot = path.join(dataDir, 'snapshot.jsonl');
      const text = await readFile(snapshot, 'utf8');
      // Edited on disk (same length), the closed one reads differently: it is not held in memory; the open ones are.
      await writeFile(
        snapshot,
        text.replace('b@contoso.com', 'B@contoso.com').replace('a@contoso.com', 'A@contoso.com'),
      );
      expect((await reopened.discrepancies.get(resolved!.id))?.upn).toBe('B@contoso.com');
      expect((await reopened.discrepancies.get(opened[0]!.id))?.upn).toBe('a@contoso.com');
      const listed = await reopened.discrepancies.list('contoso', { limit: 3 });
      expect(listed.map((d) => [d.objectId, d.status])).toEqual([
        ['c', 'open'],
        ['b', 'resolved'],
        ['a', 'open'],
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('reads a snapshot of the earlier format and rewrites it as JSON lines', async () => {
    const at = { $date: '2026-03-02T09:00:00.000Z' };
    const legacy = {
      format: 1,
      seq: 3,
      collections: { settings: { greeting: { key: 'greeting', value: 'hello' } }, plans: {} },
    };
    await writeFile(path.join(dataDir, 'snapshot.json'), JSON.stringify(legacy));
    const journalLine = { s: 4, c: 'settings', k: 'later', d: { key: 'later', value: `at ${at.$date}` } };
    await writeFile(path.join(dataDir, 'journal.jsonl'), `${JSON.stringify(journalLine)}\n`);
    const store = await openEmbeddedStore({ dataDir });
    expect(await store.settings.get('greeting')).toBe('hello');
    expect(await store.settings.get('later')).toBe(`at ${at.$date}`);
    await store.close();
    await expect(stat(path.join(dataDir, 'snapshot.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    const lines = (await readFile(path.join(dataDir, 'snapshot.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ format: 2, seq: 4 });
    const reopened = await openEmbeddedStore({ dataDir });
    expect(await reopened.settings.get('greeting')).toBe('hello');
    await reopened.close();
  });
});
