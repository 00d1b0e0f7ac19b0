/**
 * A simulator in a child process (./sim-child.ts) with generated tenants, reached like any other process reaches
 * it: endpoints and CA for the gateway, the control API over HTTPS for the admin portal and request counts.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { getHttpTransport } from '../m365/https-fetch';
import type { GeneratedTenantOptions } from '../sim/seed/generated-tenant';
import type { SimulatorEndpoints } from '../sim/simulator-endpoints';
import type { SimUserView } from '../sim/types';

export type ChildRequest = { kind: 'start'; tenants: GeneratedTenantOptions[]; latencyMs: number } | { kind: 'rss' };

export interface ChildReady {
  kind: 'ready';
  startSeconds: number;
  endpoints: SimulatorEndpoints;
  caPem: string;
  controlUrl: string;
}

type ChildMessage = ChildReady | { kind: 'failed'; message: string } | { kind: 'rss'; peakRssMiB: number };

export interface RemoteSimulator {
  endpoints: SimulatorEndpoints;
  caPem: string;
  /** Seconds from the child's request to a listening simulator (seeding included). */
  startSeconds: number;
  control<T>(method: string, ...args: unknown[]): Promise<T>;
  listUsers(tenantId: string): Promise<SimUserView[]>;
  /** Requests answered so far, by route (`GET /v1.0/users`, `POST /oauth2/v2.0/token`, …). */
  requestCounts(): Promise<Record<string, number>>;
  /** The simulator process's peak resident memory so far. */
  peakRssMiB(): Promise<number>;
  close(): Promise<void>;
}

function nextMessage(child: ReturnType<typeof fork>): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`The simulator process exited (${code}).`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as ChildMessage);
    });
  });
}

export async function startRemoteSimulator(
  tenants: GeneratedTenantOptions[],
  latencyMs: number,
): Promise<RemoteSimulator> {
  const child = fork(path.join(__dirname, 'sim-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const readyMessage = nextMessage(child);
  child.send({ kind: 'start', tenants, latencyMs } satisfies ChildRequest);
  const ready = await readyMessage;
  if (ready.kind !== 'ready') {
    child.kill();
    throw new Error(`The simulator did not start: ${ready.kind === 'failed' ? ready.message : ready.kind}`);
  }
  const transport = getHttpTransport(ready.caPem);
  const control = async <T>(method: string, ...args: unknown[]): Promise<T> => {
    const response = await transport.fetch(`${ready.controlUrl}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sim-secret': ready.endpoints.clientSecret },
      body: JSON.stringify({ args }),
    });
    const body = (await response.json()) as { result?: T; error?: string };
    if (!response.ok) throw new Error(`Simulator control ${method} failed: ${body.error ?? response.status}`);
    return body.result as T;
  };
  return {
    endpoints: ready.endpoints,
    caPem: ready.caPem,
    startSeconds: ready.startSeconds,
    control,
    listUsers: (tenantId) => control<SimUserView[]>('listUsers', tenantId),
    requestCounts: () => control<Record<string, number>>('requestCounts'),
    async peakRssMiB() {
      const answer = nextMessage(child);
      child.send({ kind: 'rss' } satisfies ChildRequest);
      const message = await answer;
      return message.kind === 'rss' ? message.peakRssMiB : Number.NaN;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Graph requests (any method, `/v1.0/…`) between two request-count snapshots; sign-ins are not Graph. */
export function graphRequestsBetween(before: Record<string, number>, after: Record<string, number>): number {
  let total = 0;
  for (const [route, count] of Object.entries(after)) {
    if (/^[A-Z]+ \/v1\.0\//.test(route)) total += count - (before[route] ?? 0);
  }
  return total;
}
