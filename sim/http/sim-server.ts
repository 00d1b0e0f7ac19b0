import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TokenIssuer } from '../authority/access-tokens';
import { handleAdminConsent } from '../authority/admin-consent';
import { graphResource } from '../authority/app-roles';
import { handleSignIn } from '../authority/sign-in-routes';
import { answerControl, controlPrefix } from '../control/control-route';
import type { RequestCounter } from '../control/sim-control';
import { answerExchange } from '../exchange/invoke-command';
import type { FaultInjector } from '../faults/fault-injector';
import { answerGraph, authenticate } from '../graph/graph-endpoint';
import type { SubscriptionHub } from '../notify/subscription-hub';
import type { GraphFault } from '../state/graph-fault';
import type { SimState } from '../state/tenant-state';
import type { SimControl } from '../types';
import { parseJsonBody, readRequest, type SimRequest, type SimResponse, writeResponse } from './sim-http';

/**
 * The one HTTPS server: sign-in authority and admin consent at the root (tenants are path segments), Graph under
 * `/graph`, Exchange under `/exchange`, and the control API under `/_sim/control`.
 */

export interface SimServerParts {
  state: SimState;
  tokens: TokenIssuer;
  faults: FaultInjector;
  control: SimControl;
  counter: RequestCounter;
  subscriptions?: SubscriptionHub;
  tokenLifetimeSeconds: number;
  onRequest?: (line: string) => void;
  /** Told after every request that may have changed the state (all but GET and HEAD). */
  onChange?: () => void;
}

export interface SimServer {
  server: Server;
  origin: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The origin the client called, as Graph answers links on the host it was asked on: `localhost` or `127.0.0.1`
 * (the names the certificate covers) on the server's port; anything else gets the server's own origin.
 */
function calledOrigin(origin: string, request: SimRequest): string {
  const port = new URL(origin).port;
  const host = request.headers.host?.toLowerCase();
  return host === `localhost:${port}` || host === `127.0.0.1:${port}` ? `https://${host}` : origin;
}

async function route(
  parts: SimServerParts,
  origin: string,
  request: SimRequest,
): Promise<{ answer: SimResponse; name: string }> {
  if (request.path.startsWith(controlPrefix)) {
    return { answer: answerControl(parts.control, parts.state.app.clientSecret, request), name: 'control' };
  }
  if (request.path === '/graph' || request.path.startsWith('/graph/')) {
    if (parts.faults.latencyMs > 0) await sleep(parts.faults.latencyMs);
    const validation = await validateSubscription(parts, request);
    const graph = answerGraph(
      { ...parts, validation, graphBase: `${calledOrigin(origin, request)}/graph` },
      request,
      request.path.slice('/graph'.length),
    );
    return {
      answer: graph.response,
      name: `${request.method} /v1.0${graph.routeName.slice(graph.routeName.indexOf(' ') + 1)}`,
    };
  }
  const exchange = /^\/exchange\/adminapi\/beta\/([^/]+)\/InvokeCommand$/.exec(request.path);
  if (exchange && request.method === 'POST') {
    if (parts.faults.latencyMs > 0) await sleep(parts.faults.latencyMs);
    return {
      answer: answerExchange(
        { ...parts, exchangeBase: `${calledOrigin(origin, request)}/exchange` },
        request,
        exchange[1] as string,
      ),
      name: 'POST /InvokeCommand',
    };
  }
  const consent = handleAdminConsent(parts.state, request);
  if (consent) return { answer: consent, name: `${request.method} /adminconsent` };
  const signIn = handleSignIn({ ...parts, loginUrl: origin }, request);
  if (signIn) return { answer: signIn, name: `${request.method} /${request.path.split('/').slice(2).join('/')}` };
  return {
    answer: {
      status: 404,
      body: { error: { code: 'NotFound', message: `The simulator has no route ${request.method} ${request.path}.` } },
    },
    name: 'unknown',
  };
}

/** A new subscription's URLs are proven by Graph's handshake before it answers (only that request waits on it). */
async function validateSubscription(
  parts: SimServerParts,
  request: SimRequest,
): Promise<'ok' | GraphFault | undefined> {
  if (request.method !== 'POST' || !/^\/graph\/(v1\.0|beta)\/subscriptions\/?$/.test(request.path)) return undefined;
  if (!parts.subscriptions || 'fault' in authenticate(parts, request, graphResource)) return undefined;
  const body = parseJsonBody(request);
  if (!body.ok) return undefined;
  return (await parts.subscriptions.validate(body.value)) ?? 'ok';
}

export async function startSimServer(
  parts: SimServerParts,
  tls: { keyPem: string; certPem: string },
  port: number,
): Promise<SimServer> {
  let origin = '';
  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (message, response) => {
    const started = Date.now();
    readRequest(message)
      .then(async (request) => {
        const { answer, name } = await route(parts, origin, request);
        const body = parseJsonBody(request);
        parts.counter.add(name, {
          method: request.method,
          path: request.path,
          ...(body.ok && body.value !== undefined ? { body: body.value } : {}),
        });
        if (request.method !== 'GET' && request.method !== 'HEAD') parts.onChange?.();
        if (parts.faults.loseAnswer(name)) {
          parts.onRequest?.(`${request.method} ${request.path} ${answer.status} (answer lost)`);
          response.socket?.destroy();
          return;
        }
        writeResponse(response, answer);
        parts.onRequest?.(`${request.method} ${request.path} ${answer.status} ${Date.now() - started}ms`);
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        parts.onRequest?.(`${message.split('\n')[0]} (500)`);
        if (!response.headersSent)
          writeResponse(response, { status: 500, body: { error: { code: 'generalException', message } } });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin };
}
