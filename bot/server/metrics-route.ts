/**
 * The operator's routes besides /healthz: GET /readyz (this replica may take traffic: its store answers and its
 * sync schedules are loaded) and GET /metrics (Prometheus text from the App's own registry). /metrics needs
 * `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set; without it, it answers only a caller on this
 * machine that addresses it by a loopback name (not a browser page rebound to 127.0.0.1).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type express from 'express';
import { hostNameOf, isLoopbackHostName } from '../../common/loopback';
import type { App } from './app';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1), as a socket names its peer. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.toLowerCase().startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Why the caller may not read /metrics, or undefined when it may. */
function refuseMetrics(req: express.Request, token: string | undefined): { status: number; error: string } | undefined {
  if (token) {
    const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (given && sameSecret(given, token)) return undefined;
    return { status: 401, error: 'GET /metrics needs the header Authorization: Bearer <METRICS_TOKEN>.' };
  }
  if (isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHostName(hostNameOf(req.headers.host))) {
    return undefined;
  }
  return {
    status: 403,
    error: 'Without METRICS_TOKEN, GET /metrics answers only on this machine (localhost or 127.0.0.1).',
  };
}

export function mountOperatorRoutes(server: express.Express, app: App): void {
  server.get('/readyz', async (_req, res) => {
    let reachable = true;
    try {
      await app.store.ping();
    } catch (error) {
      reachable = false;
      app.logger.warn({ err: error }, 'readiness check: store unreachable');
    }
    const loaded = app.readiness.schedulesLoaded;
    const body = { store: { kind: app.store.kind, reachable }, schedules: { loaded } };
    res.status(reachable && loaded ? 200 : 503).json({ status: reachable && loaded ? 'ready' : 'not ready', ...body });
  });

  server.get('/metrics', async (req, res) => {
    const refused = refuseMetrics(req, app.env.metricsToken);
    if (refused) {
      if (refused.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="m365ops metrics"');
      res.status(refused.status).json({ error: refused.error });
      return;
    }
    const text = await app.metrics.registry.metrics();
    res.status(200).type(app.metrics.registry.contentType).send(text);
  });
}
