/** The server's background work runs the sync schedule: a customer due every second is synced without a command. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../bot/server/app';
import { type BackgroundWork, startBackgroundWork } from '../../bot/server/background';

let app: App;
let background: BackgroundWork;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-background-'));
  app = await createApp({
    env: { DATA_DIR: dataDir, M365OPS_CONFIG: path.resolve(__dirname, '../../m365ops.yaml'), LOG_LEVEL: 'silent' },
    cwd: dataDir,
  });
});

afterAll(async () => {
  await background?.stop();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("syncs a customer on its own schedule once the server's background work starts", async () => {
  await app.store.customers.update('fabrikam', { syncPolicy: { schedule: '* * * * * *', autoApprove: [] } });
  expect(await app.store.syncState.get('fabrikam')).toBeNull();
  background = startBackgroundWork(app);
  let lastRun: unknown;
  for (let i = 0; i < 80 && !lastRun; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    lastRun = (await app.store.syncState.get('fabrikam'))?.lastRun;
  }
  expect(lastRun).toMatchObject({ outcome: expect.stringMatching(/running|ok/) });
});
