import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../store/open-store';
import { describeStoreContract } from './contract';

describe('embedded store contract', () => {
  const directories: string[] = [];
  afterAll(async () => {
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  describeStoreContract({
    async openFresh(clock) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-store-'));
      directories.push(dataDir);
      return { store: await openStore({ dataDir, clock }), reopen: () => openStore({ dataDir, clock }) };
    },
  });
});
