import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { openStore } from '../../store/open-store';
import { describeStoreContract } from './contract';

const mongodbUri = process.env.MONGODB_URI;

/** The same server, another database: `mongodb://host:port/<name>?options`. */
function withDatabase(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error(`MONGODB_URI ${uri} is not a mongodb:// connection string.`);
  return `${match[1]}/${name}${match[2] ?? ''}`;
}

if (!mongodbUri) {
  process.stdout.write(
    'MongoDB store contract skipped: MONGODB_URI is not set (bash .ci/ferretdb.sh start provides one).\n',
  );
}

(mongodbUri ? describe : describe.skip)('MongoDB store contract', () => {
  const runId = randomUUID().slice(0, 8);
  const databases: string[] = [];
  afterAll(async () => {
    const client = new MongoClient(mongodbUri!);
    try {
      for (const name of databases) await client.db(name).dropDatabase();
    } finally {
      await client.close();
    }
  });

  describeStoreContract({
    async openFresh(clock) {
      const name = `m365ops_test_${runId}_${databases.length}`;
      databases.push(name);
      const uri = withDatabase(mongodbUri!, name);
      return {
        store: await openStore({ mongodbUri: uri, dataDir: 'unused', clock }),
        reopen: () => openStore({ mongodbUri: uri, dataDir: 'unused', clock }),
      };
    },
  });
});
