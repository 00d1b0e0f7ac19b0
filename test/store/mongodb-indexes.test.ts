/**
 * The MongoDB store names what it lacks (for `m365ops doctor`): an index someone dropped, a collection someone
 * deleted; opening it again puts them back.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { openStore } from '../../store/open-store';

const mongodbUri = process.env.MONGODB_URI;

(mongodbUri ? describe : describe.skip)('missing MongoDB indexes', () => {
  const name = `m365ops_indexes_${randomUUID().slice(0, 8)}`;
  const uri = mongodbUri?.replace(/\/(\?|$)/, `/${name}$1`) ?? '';
  let client: MongoClient;

  beforeAll(async () => {
    client = new MongoClient(uri);
  });

  afterAll(async () => {
    await client.db(name).dropDatabase();
    await client.close();
  });

  it('names a dropped index and a deleted collection, and opening again restores them', async () => {
    const store = await openStore({ mongodbUri: uri, dataDir: 'unused' });
    try {
      expect(await store.missingIndexes()).toEqual([]);
      await client.db(name).collection('serviceUsers').dropIndex('customer_upn');
      await client.db(name).collection('consentLinks').drop();
      expect(await store.missingIndexes()).toEqual(['serviceUsers.customer_upn', 'consentLinks']);
    } finally {
      await store.close();
    }
    const reopened = await openStore({ mongodbUri: uri, dataDir: 'unused' });
    try {
      expect(await reopened.missingIndexes()).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});
