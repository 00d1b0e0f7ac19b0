/**
 * Who may read GET /metrics: with METRICS_TOKEN set, only a caller naming it as a bearer token; without it, only a
 * caller on this machine addressing it by a loopback name (a DNS-rebound browser page or another machine is
 * refused). Teams is off here, so the server listens on every interface as in production.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';

const metricsToken = 'a-metrics-token-of-32-characters';

interface Running {
  app: App;
  http: RunningHttpServer;
  dir: string;
}

async function start(env: Record<string, string> = {}): Promise<Running> {
  const dir = mkdtempSync(path.join(tmpdir(), 'm365ops-metrics-'));
  const app = await createApp({
    env: { DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', M365OPS_DEV_MODE: '0', ...env },
    cwd: dir,
  });
  const http = await startHttpServer(app, { port: 0 });
  return { app, http, dir };
}

async function stop(running: Running | undefined): Promise<void> {
  if (!running) return;
  await running.http.close();
  await running.app.close();
  rmSync(running.dir, { recursive: true, force: true });
}

/** GET /metrics through `address`, with these headers (Host included, which fetch would not let us set). */
function getMetrics(
  port: number,
  options: { address?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: options.address ?? '127.0.0.1', port, path: '/metrics', headers: options.headers },
      (incoming) => {
        let body = '';
        incoming.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body, headers: incoming.headers }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** An address of this machine that is not loopback, if it has one. */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((candidate) => candidate && !candidate.internal && candidate.family === 'IPv4')?.address;
}

describe('without METRICS_TOKEN', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start();
  });
  afterAll(() => stop(running));

  it('answers a caller on this machine that names it localhost or 127.0.0.1', async () => {
    const answer = await getMetrics(running.http.port, { headers: { host: `127.0.0.1:${running.http.port}` } });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('# TYPE m365ops_requests_total counter');
    expect((await getMetrics(running.http.port, { headers: { host: 'localhost' } })).status).toBe(200);
  });

  it('refuses a page that reached it under another name (DNS rebinding)', async () => {
    const answer = await getMetrics(running.http.port, { headers: { host: 'rebound.attacker.example' } });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error).toContain('METRICS_TOKEN');
  });

  const address = outsideAddress();
  (address ? it : it.skip)('refuses a caller from another address', async () => {
    const answer = await getMetrics(running.http.port, { address, headers: { host: 'localhost' } });
    expect(answer.status).toBe(403);
  });
});

describe('with METRICS_TOKEN', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start({ METRICS_TOKEN: metricsToken });
  });
  afterAll(() => stop(running));

  it('refuses a scrape without the token, or with another', async () => {
    const without = await getMetrics(running.http.port);
    expect(without.status).toBe(401);
    expect(without.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await getMetrics(running.http.port, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain(metricsToken);
  });

  it('answers a scrape with the token, from wherever it comes', async () => {
    const address = outsideAddress() ?? '127.0.0.1';
    const answer = await getMetrics(running.http.port, {
      address,
      headers: { authorization: `Bearer ${metricsToken}`, host: 'm365ops.msp.example' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('m365ops_durable_jobs{state="waiting"} 0');
  });
});

it('refuses to start with a METRICS_TOKEN too short to be a secret', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'm365ops-metrics-'));
  try {
    await expect(createApp({ env: { DATA_DIR: dir, METRICS_TOKEN: 'short' }, cwd: dir })).rejects.toThrow(
      /METRICS_TOKEN .* at least 16 characters/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
