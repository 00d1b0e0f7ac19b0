/**
 * `npm start` with GRAPH_NOTIFICATIONS=on: once the server listens, each consented customer's tenant is subscribed
 * (the built-in simulator runs Graph's handshake against PUBLIC_URL), and the upkeep is scheduled every hour.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningServer, startServer } from '../../../bot/server/start-server';
import { createLogger } from '../../../common/logger';
import { writeDemoConfig } from '../../support/demo-config';
import { findFreePort } from '../../support/free-port';

const contosoTenant = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
let server: RunningServer | undefined;
let dir: string;

afterEach(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('subscribes the consented tenants at start and keeps them every hour', async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'm365ops-notify-start-'));
  const port = await findFreePort();
  const periods: number[] = [];
  server = await startServer({
    env: {
      DATA_DIR: path.join(dir, 'data'),
      M365OPS_CONFIG: writeDemoConfig(dir),
      GRAPH_NOTIFICATIONS: 'on',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    cwd: dir,
    port,
    logger: createLogger({ level: 'silent' }),
    every: (ms) => {
      periods.push(ms);
      return () => {};
    },
  });
  const { app } = server;
  let stored = await app.store.graphSubscriptions.get('contoso');
  for (let i = 0; i < 500 && !stored; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    stored = await app.store.graphSubscriptions.get('contoso');
  }
  expect(stored).toMatchObject({ tenantId: contosoTenant, resource: 'users' });
  expect(app.simulator!.control.listSubscriptions(contosoTenant)).toEqual([
    expect.objectContaining({
      id: stored?.subscriptionId,
      notificationUrl: `http://127.0.0.1:${port}/graph/notifications`,
      lifecycleNotificationUrl: `http://127.0.0.1:${port}/graph/lifecycle`,
    }),
  ]);
  expect(periods).toContain(60 * 60_000);
});
