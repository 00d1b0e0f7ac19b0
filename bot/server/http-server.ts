/**
 * The one HTTP server: Bot Framework, Slack, the consent redirect, health, and the local web chat all share
 * PORT. Transports mount their own routes; this file knows none of them.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { currentRequestId, runWithRequestId } from '../../common/request-scope';
import type { App } from './app';
import { refuseNonLoopbackHost } from './loopback-host';
import { mountOperatorRoutes } from './metrics-route';

export type Mount = (server: express.Express, app: App) => Promise<void>;

export { maxRequestBodyBytes } from '../transport-host';

export interface RunningHttpServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export function createHttpApp(): express.Express {
  const server = express();
  server.disable('x-powered-by');
  server.set('query parser', 'simple');
  return server;
}

function requestLogging(app: App): express.RequestHandler {
  return (req, res, next) =>
    runWithRequestId(req.headers['x-request-id'] as string | undefined, () => {
      const requestId = currentRequestId() as string;
      res.setHeader('x-request-id', requestId);
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        // Successful reads (health checks, the web chat's polling) would drown the log at info level.
        const level = req.method === 'GET' && res.statusCode < 400 ? 'debug' : 'info';
        // The path only: query strings can carry consent state and tokens.
        app.logger[level](
          {
            requestId,
            method: req.method,
            path: req.path,
            status: res.statusCode,
            ms: Number((process.hrtime.bigint() - started) / 1_000_000n),
          },
          'request',
        );
      });
      next();
    });
}

function mountCoreRoutes(server: express.Express, app: App): void {
  server.get('/healthz', async (_req, res) => {
    try {
      await app.store.ping();
      res.status(200).json({ status: 'ok', store: { kind: app.store.kind, reachable: true } });
    } catch (error) {
      app.logger.warn({ err: error }, 'health check: store unreachable');
      res.status(503).json({ status: 'unavailable', store: { kind: app.store.kind, reachable: false } });
    }
  });

  mountOperatorRoutes(server, app);

  server.get('/consent/callback', async (req, res) => {
    const query: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(req.query)) query[key] = typeof value === 'string' ? value : undefined;
    try {
      const page = await app.m365ops.handleConsentCallback(query);
      res.status(page.status).type('html').send(page.html);
    } catch (error) {
      app.logger.error({ err: error }, 'consent callback failed');
      res
        .status(500)
        .type('text')
        .send('Something went wrong while recording the consent. Please try the link again later.');
    }
  });
}

export async function startHttpServer(
  app: App,
  options: { port?: number; mounts?: Mount[] } = {},
): Promise<RunningHttpServer> {
  const server = createHttpApp();
  server.use(requestLogging(app));
  if (app.env.teams.mode === 'dev') server.use(refuseNonLoopbackHost());
  mountCoreRoutes(server, app);
  for (const mount of options.mounts ?? []) await mount(server, app);
  server.use((req, res) => {
    res.status(404).json({ error: `Nothing is served at ${req.method} ${req.path}.` });
  });
  // Express calls a handler with four parameters for errors; the stack goes to the log, never to the caller.
  server.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const refused = describeUnreadableBody(error);
    if (refused) {
      // The caller's mistake, not ours: a short answer, and a log line without a stack.
      app.logger.info(
        { method: req.method, path: req.path, status: refused.status, reason: refused.reason },
        refused.message,
      );
      if (!res.headersSent) res.status(refused.status).json({ error: refused.message });
      return;
    }
    app.logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    if (!res.headersSent)
      res.status(500).json({ error: 'Something went wrong on our side; the details are in the log.' });
  });

  const port = options.port ?? app.env.port;
  // Dev mode serves /api/messages without authentication: only this machine may reach it.
  const host = app.env.teams.mode === 'dev' ? '127.0.0.1' : undefined;
  const listening = await new Promise<Server>((resolve, reject) => {
    const http = host ? server.listen(port, host, () => resolve(http)) : server.listen(port, () => resolve(http));
    http.once('error', reject);
  });
  const actualPort = (listening.address() as AddressInfo).port;
  return {
    url: `http://${host ?? 'localhost'}:${actualPort}`,
    port: actualPort,
    server: listening,
    close: () =>
      new Promise<void>((resolve, reject) => {
        listening.closeAllConnections();
        listening.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * A body the JSON parser refused (express.json raises http-errors with a 4xx `status` and `expose: true`): too large
 * (413), not JSON (400), or in an encoding it does not read (415). The parser's own message can quote the body, so
 * the answer is ours.
 */
function describeUnreadableBody(error: unknown): { status: number; reason: string; message: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type, expose, limit } = error as {
    status?: unknown;
    type?: unknown;
    expose?: unknown;
    limit?: unknown;
  };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return undefined;
  const reason = typeof type === 'string' ? type : `http-${status}`;
  if (reason === 'entity.too.large') {
    const most = typeof limit === 'number' ? ` (at most ${limit.toLocaleString('en-US')} bytes)` : '';
    return { status, reason, message: `The request body is larger than this route accepts${most}.` };
  }
  if (reason === 'entity.parse.failed') return { status, reason, message: 'The request body is not valid JSON.' };
  return { status, reason, message: `The request body could not be read (${reason}).` };
}
