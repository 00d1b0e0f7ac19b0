import { once } from 'node:events';
import { existsSync, statSync, watch } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../store/open-store';
import { readAllLines, readLinesUntil, repoRoot, spawnTsChild } from '../support/ts-child-process';

const storeModule = JSON.stringify(path.join(repoRoot, 'store/embedded/open-embedded-store.ts'));

/** A burst of concurrent writes of three kinds; prints "ack <kind> <key>" once each write is acknowledged. */
const writeBurst = `
const { openEmbeddedStore } = require(${storeModule});
(async () => {
  const store = await openEmbeddedStore({ dataDir: process.argv[1], compactAfterBytes: 32 * 1024 });
  const ack = (line) => process.stdout.write(line + '\\n');
  for (let round = 0; ; round++) {
    const writes = [];
    for (let k = 0; k < 10; k++) {
      const n = round * 10 + k;
      writes.push(store.audit.append({ actor: 'crash-test', where: 'child', action: 'write-' + n, result: 'ok' })
        .then((record) => ack('ack audit ' + record.id)));
      writes.push(store.serviceUsers.create({ customerId: 'contoso', objectId: 'oid-' + n, upn: 'user' + n + '@contoso.com',
        displayName: 'User ' + n, planId: 'bp', admin: false, aliases: [], status: 'active', createdBy: 'test' })
        .then(() => ack('ack user oid-' + n)));
      if (n > 0) writes.push(store.serviceUsers.update('contoso', 'oid-' + (n - 1), { admin: true })
        .then(() => ack('ack admin oid-' + (n - 1))));
    }
    await Promise.all(writes);
  }
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

/**
 * Discrepancies in batches, half of them resolved (so later compactions copy closed ones from the old snapshot);
 * prints "ack open <id>" / "ack resolved <id>" once acknowledged, and the store's debug log as JSON lines.
 */
const findingBatches = `
const { openEmbeddedStore } = require(${storeModule});
const { createLogger } = require(${JSON.stringify(path.join(repoRoot, 'common/logger.ts'))});
(async () => {
  // Written synchronously, so the parent hears that a compaction began while it is still running.
  const logger = createLogger({ level: 'debug', destination: { write: (line) => require('node:fs').writeSync(1, line) } });
  const store = await openEmbeddedStore({ dataDir: process.argv[1], logger, compactAfterBytes: 64 * 1024 });
  const padding = 'x'.repeat(600);
  for (let round = 0; ; round++) {
    const batch = Array.from({ length: 100 }, (_, i) => ({ customerId: 'contoso', objectId: 'oid-' + round + '-' + i,
      upn: 'user' + i + '@contoso.com', kind: 'licenses-drifted', expected: { padding }, actual: { round }, runId: 'r' + round }));
    const results = await store.discrepancies.upsertOpenMany(batch);
    process.stdout.write(results.map((r) => 'ack open ' + r.discrepancy.id + '\\n').join(''));
    const resolved = await store.discrepancies.resolveMany(results.filter((_, i) => i % 2 === 0).map((r) => r.discrepancy.id));
    process.stdout.write(resolved.map((d) => 'ack resolved ' + d.id + '\\n').join(''));
  }
})().catch((error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

const holdOpen = `
const { openEmbeddedStore } = require(${storeModule});
openEmbeddedStore({ dataDir: process.argv[1] }).then(() => process.stdout.write('ready\\n'));
setInterval(() => {}, 1000);
`;

describe('embedded store under a kill', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-crash-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged write when killed mid-burst and opens readable again', async () => {
    const child = spawnTsChild(writeBurst, [dataDir]);
    const early = await readLinesUntil(child, (_line, count) => count >= 1500);
    child.kill('SIGKILL');
    const lines = await readAllLines(child, early);
    const acked = lines.filter((line) => line.startsWith('ack '));
    expect(acked.length).toBeGreaterThanOrEqual(1500);

    const store = await openStore({ dataDir });
    try {
      for (const line of acked) {
        const [, kind, key] = line.split(' ');
        if (kind === 'audit') expect(await store.audit.get(key!)).not.toBeNull();
        if (kind === 'user') expect(await store.serviceUsers.get('contoso', key!)).not.toBeNull();
        if (kind === 'admin') expect((await store.serviceUsers.get('contoso', key!))?.admin).toBe(true);
      }
      const users = await store.serviceUsers.list('contoso');
      expect(users.length).toBeGreaterThanOrEqual(acked.filter((line) => line.startsWith('ack user')).length);
      await store.audit.append({ actor: 'after', where: 'parent', action: 'write-after-crash', result: 'ok' });
    } finally {
      await store.close();
    }
  });

  it('loses no acknowledged write when killed while it streams a snapshot', async () => {
    const temporary = path.join(dataDir, 'snapshot.jsonl.tmp');
    const child = spawnTsChild(findingBatches, [dataDir]);
    // Armed once a compaction of a journal over 2 MiB begins; killed once its new snapshot holds a first chunk.
    let armed = false;
    const watcher = watch(dataDir, (_event, name) => {
      if (armed && name === 'snapshot.jsonl.tmp' && (statSync(temporary, { throwIfNoEntry: false })?.size ?? 0) > 0) {
        child.kill('SIGKILL');
      }
    });
    const lines: string[] = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const parts = (buffered + chunk.toString('utf8')).split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('{')) {
          const entry = JSON.parse(line) as { msg?: string; journalBytes?: number };
          armed ||= entry.msg === 'embedded store compaction started' && (entry.journalBytes ?? 0) > 2 * 1024 * 1024;
        }
      }
    });
    const [, signal] = await once(child, 'close');
    watcher.close();
    expect(signal).toBe('SIGKILL');
    expect(statSync(temporary).size).toBeGreaterThan(0);

    const store = await openStore({ dataDir });
    try {
      const acked = (status: string) =>
        lines.filter((l) => l.startsWith(`ack ${status} `)).map((l) => l.split(' ')[2]!);
      const resolved = new Set(acked('resolved'));
      expect(resolved.size).toBeGreaterThan(1000);
      const stored = await store.discrepancies.getMany(acked('open'));
      expect(stored).toHaveLength(acked('open').length);
      for (const d of stored) if (resolved.has(d.id)) expect(d.status).toBe('resolved');
      await store.discrepancies.upsertOpen({ ...stored[0]!, objectId: 'after-crash', runId: 'after' });
    } finally {
      await store.close();
    }
    expect(existsSync(temporary)).toBe(false);
  });

  it('refuses a second process while the first holds the directory, naming its PID', async () => {
    const child = spawnTsChild(holdOpen, [dataDir]);
    try {
      await readLinesUntil(child, (line) => line === 'ready');
      const refused = await openStore({ dataDir }).catch((error: unknown) => error);
      expect(refused).toMatchObject({ code: 'locked' });
      expect((refused as Error).message).toContain(`PID ${child.pid}`);
      expect((refused as Error).message).toContain(dataDir);
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));
    }
  });

  it('takes over the lock a killed process left behind', async () => {
    const child = spawnTsChild(holdOpen, [dataDir]);
    await readLinesUntil(child, (line) => line === 'ready');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    const store = await openStore({ dataDir });
    await store.close();
  });
});
