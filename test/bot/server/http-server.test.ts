import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import { createLogger } from '../../../common/logger';

describe('the HTTP server', () => {
  let app: App;
  let http: RunningHttpServer;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'm365ops-server-'));
    app = await createApp({
      env: { DATA_DIR: path.join(dir, 'data'), M365OPS_CONFIG: path.join(__dirname, '../../../m365ops.yaml') },
      logger: createLogger({ level: 'silent' }),
      cwd: dir,
    });
    http = await startHttpServer(app, { port: 0 });
  });

  afterAll(async () => {
    await http.close();
    await app.close();
  });

  it('answers /healthz with the store kind while the store is reachable', async () => {
    const response = await fetch(`${http.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: { kind: 'embedded', reachable: true } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('loads the config file into the store and runs the simulated tenants in-process', async () => {
    expect((await app.store.customers.get('contoso'))?.tenantId).toBe('0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60');
    expect(app.simulator?.tenants.map((tenant) => tenant.id)).toContain('0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60');
    const organization = await app.gateway.forTenant('0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60').getOrganization();
    expect(organization.verifiedDomains.map((domain) => domain.name)).toContain('contoso.com');
  });

  it('refuses a consent callback whose state was not signed by us, with a plain page', async () => {
    const response = await fetch(`${http.url}/consent/callback?admin_consent=True&tenant=x&state=forged`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).not.toMatch(/at .+\.ts:\d+/);
  });

  it('answers 404 with a sentence for a route it does not serve', async () => {
    const response = await fetch(`${http.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Nothing is served at GET /nothing-here.' });
  });

  it('answers /healthz with 503 once the store is unreachable', async () => {
    await app.store.close();
    const response = await fetch(`${http.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', store: { kind: 'embedded', reachable: false } });
  });
});
