import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../common/logger';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/ports';
import { acquireSyncLease, type HeldLease, LeaseLostError } from '../../sync/tenant-lease';

const ttlMs = 60_000;
const logger = createLogger({ level: 'silent' });

describe('the sync lease', () => {
  let store: Store;
  let now: Date;
  const clock = { now: () => now };

  beforeEach(async () => {
    now = new Date('2026-03-02T09:00:00Z');
    store = await openStore({ dataDir: path.join(mkdtempSync(path.join(tmpdir(), 'm365ops-lease-')), 'data') });
  });

  afterEach(() => store.close());

  async function hold(owner: string): Promise<HeldLease> {
    const taken = await acquireSyncLease({ store, clock, logger, owner, ttlMs }, 'contoso');
    if (!('lease' in taken)) throw new Error(`expected ${owner} to take the lease`);
    return taken.lease;
  }

  it('takes back an expired lease nobody else took, so a slow replica finishes its run', async () => {
    const lease = await hold('replica-a');
    now = new Date(now.getTime() + ttlMs + 1);
    await expect(lease.check()).resolves.toBeUndefined();
    expect(await store.leases.get('sync:contoso')).toMatchObject({ owner: 'replica-a' });
    expect((await store.leases.get('sync:contoso'))!.expiresAt.getTime()).toBe(now.getTime() + ttlMs);
    await lease.release();
  });

  it('reports the lease lost once another replica has taken it', async () => {
    const lease = await hold('replica-a');
    lease.abandon();
    now = new Date(now.getTime() + ttlMs + 1);
    const other = await hold('replica-b');
    await expect(lease.check()).rejects.toBeInstanceOf(LeaseLostError);
    expect(await store.leases.get('sync:contoso')).toMatchObject({ owner: 'replica-b' });
    await other.release();
  });
});
