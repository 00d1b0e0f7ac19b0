import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openEmbeddedStore } from '../../store/embedded/open-embedded-store';

const user = (objectId: string, upn: string) => ({
  customerId: 'contoso',
  objectId,
  upn,
  displayName: upn,
  planId: 'bp',
  admin: false,
  aliases: [],
  status: 'active' as const,
  createdBy: 'test',
});

describe('embedded store journal', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-journal-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Leaves two writes in the journal, not yet compacted, as a killed process would. */
  async function writeWithoutClosing(): Promise<void> {
    const at = { $date: '2026-03-02T09:00:00.000Z' };
    const line = (s: number, objectId: string, upn: string) =>
      `${JSON.stringify({ s, c: 'serviceUsers', k: `contoso\n${objectId}`, d: { ...user(objectId, upn), createdAt: at, updatedAt: at } })}\n`;
    await writeFile(
      path.join(dataDir, 'journal.jsonl'),
      line(1, 'oid-1', 'a@contoso.com') + line(2, 'oid-2', 'b@contoso.com'),
    );
  }

  it('drops a torn last line and keeps every complete one', async () => {
    await writeWithoutClosing();
    await appendFile(path.join(dataDir, 'journal.jsonl'), '{"s":99,"c":"serviceUsers","k":"contoso\\noid-3","d":{"cus');
    const store = await openEmbeddedStore({ dataDir });
    expect((await store.serviceUsers.list('contoso')).map((u) => u.objectId)).toEqual(['oid-1', 'oid-2']);
    await store.serviceUsers.create(user('oid-3', 'c@contoso.com'));
    await store.close();
    const reopened = await openEmbeddedStore({ dataDir });
    expect(await reopened.serviceUsers.list('contoso')).toHaveLength(3);
    await reopened.close();
  });

  it('refuses a journal damaged in the middle instead of guessing', async () => {
    await writeWithoutClosing();
    const journal = path.join(dataDir, 'journal.jsonl');
    const [first, second] = (await readFile(journal, 'utf8')).split('\n');
    await writeFile(journal, `${first!.slice(0, 10)}\n${second}\n`);
    await expect(openEmbeddedStore({ dataDir })).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('compacts into the snapshot once the journal outgrows it, and empties the journal', async () => {
    const store = await openEmbeddedStore({ dataDir, compactAfterBytes: 1 });
    await store.serviceUsers.create(user('oid-1', 'a@contoso.com'));
    await store.close();
    expect(await readFile(path.join(dataDir, 'journal.jsonl'), 'utf8')).toBe('');
    expect(await readFile(path.join(dataDir, 'snapshot.jsonl'), 'utf8')).toContain('a@contoso.com');
  });

  it('refuses to open the same directory twice in one process', async () => {
    const store = await openEmbeddedStore({ dataDir });
    await expect(openEmbeddedStore({ dataDir })).rejects.toMatchObject({ code: 'locked' });
    await store.close();
    await (await openEmbeddedStore({ dataDir })).close();
  });

  it('refuses writes after close with a plain sentence', async () => {
    const store = await openEmbeddedStore({ dataDir });
    await store.close();
    await expect(store.settings.set('k', 'v')).rejects.toMatchObject({ code: 'unavailable' });
  });
});
