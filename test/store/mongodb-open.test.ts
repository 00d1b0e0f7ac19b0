import { databaseNameOf } from '../../store/mongodb/database-name';
import { openStore } from '../../store/open-store';
import { findFreePort } from '../support/free-port';

describe('opening the MongoDB store', () => {
  it('reports an unreachable server as unavailable with a plain sentence', async () => {
    const uri = `mongodb://127.0.0.1:${await findFreePort()}/m365ops?serverSelectionTimeoutMS=300`;
    const error = await openStore({ mongodbUri: uri, dataDir: 'unused' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unavailable' });
    expect((error as Error).message).toMatch(/MongoDB store cannot be reached/);
  });

  it('takes the database name from the connection string path', () => {
    expect(databaseNameOf('mongodb://127.0.0.1:27018/helpdesk?retryWrites=false')).toBe('helpdesk');
    expect(databaseNameOf('mongodb+srv://user:pw@cluster.example/ops')).toBe('ops');
  });

  it('uses m365ops when the connection string names no database', () => {
    expect(databaseNameOf('mongodb://127.0.0.1:27018/')).toBe('m365ops');
    expect(databaseNameOf('mongodb://a:1,b:2/?replicaSet=rs0')).toBe('m365ops');
    expect(databaseNameOf('mongodb://127.0.0.1:27018')).toBe('m365ops');
  });
});
