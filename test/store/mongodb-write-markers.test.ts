/**
 * The FerretDB write markers are used only where the server needs them: asked once at open. With them switched
 * off (what MongoDB and Cosmos DB get) the single and batch writes still do their job; their races are covered by
 * the contract suite on servers whose filtered updates are atomic.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { createLogger } from '../../common/logger';
import { openMongoStore } from '../../store/mongodb/open-mongo-store';
import type { Store } from '../../store/ports';

const mongodbUri = process.env.MONGODB_URI;

function withDatabase(uri: string, name: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?/, `$1/${name}`);
}

(mongodbUri ? describe : describe.skip)('MongoDB write markers', () => {
  const database = `m365ops_markers_${randomUUID().slice(0, 8)}`;
  const uri = mongodbUri ? withDatabase(mongodbUri, database) : '';
  afterAll(async () => {
    const client = new MongoClient(uri);
    try {
      await client.db(database).dropDatabase();
    } finally {
      await client.close();
    }
  });

  it('asks the server at open and uses markers on FerretDB only', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } });
    const store = await openMongoStore({ mongodbUri: uri, logger });
    await store.close();
    const opened = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'MongoDB store opened');
    const client = new MongoClient(uri);
    const info = await client
      .db('admin')
      .command({ buildInfo: 1 })
      .finally(() => client.close());
    expect(opened).toMatchObject({ writeMarkers: typeof info.ferretdbVersion === 'string' });
  });

  it('writes singly and in batches without markers', async () => {
    const store: Store = await openMongoStore({ mongodbUri: uri, writeMarkers: false });
    try {
      const found = (objectId: string, runId: string) => ({
        customerId: 'contoso',
        objectId,
        upn: `${objectId}@contoso.com`,
        kind: 'admin-granted' as const,
        expected: { admin: false },
        actual: { admin: true },
        runId,
      });
      const first = await store.discrepancies.upsertOpen(found('oid-1', 'run-1'));
      const batch = await store.discrepancies.upsertOpenMany([found('oid-1', 'run-2'), found('oid-2', 'run-2')]);
      expect(batch.map((r) => [r.discrepancy.id === first.discrepancy.id, r.created])).toEqual([
        [true, false],
        [false, true],
      ]);
      const ref = { platform: 'teams' as const, ref: { activityId: 'a-1' } };
      await store.discrepancies.setMessageRefs(batch.map((r) => ({ id: r.discrepancy.id, messageRef: ref })));
      const claimed = await store.discrepancies.claimDecision(first.discrepancy.id, {
        by: 'teams:a',
        action: 'approve',
        at: new Date(),
      });
      expect(claimed.won).toBe(true);
      const resolved = await store.discrepancies.resolveMany(batch.map((r) => r.discrepancy.id));
      expect(resolved.map((d) => [d.objectId, d.status, d.messageRef])).toEqual([['oid-2', 'resolved', ref]]);
      expect((await store.discrepancies.get(first.discrepancy.id))?.status).toBe('deciding');
    } finally {
      await store.close();
    }
  });
});
