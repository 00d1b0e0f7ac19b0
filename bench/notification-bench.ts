/**
 * Drift within a minute (issue 14 item 4): a licence removed in the simulated portal → Graph's change notification
 * → m365ops re-reads that user → the discrepancy card posted. Changes are made one after another, each waiting for
 * its card; the simulator delivers with `--latency-ms` per Graph request, no delivery delay, and 10 % duplicates.
 * The simulator runs in this process (its deliveries need no cross-process plumbing), so its CPU counts here too.
 *
 * Bound: one Graph round trip (the user, the SKUs and the admin role's members are read together); target: a
 * minute. Requests: 3 Graph requests per change (GET /users/{id}, /subscribedSkus, the role's members).
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notifier } from '../core/notifier';
import { startSimulator } from '../sim/index';
import { generatedTenant } from '../sim/seed/generated-tenant';
import { simulatorEndpoints } from '../sim/simulator-endpoints';
import { createNotificationReceiver, type NotificationReceiver } from '../sync/notifications/notification-receiver';
import { keepSubscription } from '../sync/notifications/subscription-upkeep';
import { adoptAll, openBenchApp } from './bench-app';
import type { Benchmark, BenchRow } from './harness';
import { ratioOf } from './harness';
import type { BenchOptions } from './options';
import { graphRequestsBetween } from './remote-simulator';

const tenantId = '00000000-0000-4000-8000-0000b0000001';
const targetSeconds = 60;

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
}

/** A plain HTTP endpoint in front of the receiver: the handshake, then each body handed on and answered 202. */
async function listen(receiver: () => NotificationReceiver): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    const token = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('validationToken');
    if (token !== null) {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      return;
    }
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(text);
      const work = request.url?.startsWith('/graph/lifecycle')
        ? receiver().receiveLifecycle(body)
        : receiver().receive(body);
      void work.then((answer) => response.writeHead(202).end(JSON.stringify(answer)));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export const benchmark: Benchmark = {
  name: 'notifications',
  async run(options: BenchOptions) {
    const users = options.quick ? 200 : 2_000;
    const changes = options.quick ? 20 : 100;
    const sim = await startSimulator({
      seed: {
        tenants: [
          generatedTenant({ id: tenantId, displayName: 'Notified', name: 'notified', users, units: users + 10 }),
        ],
      },
      faults: { latencyMs: options.latencyMs },
      notifications: { delayMs: 0, duplicateShare: 0.1, seed: 7 },
    });
    const app = await openBenchApp({ endpoints: simulatorEndpoints(sim), caPem: sim.caPem }, [
      { id: tenantId, name: 'notified' },
    ]);
    let wake: (() => void) | undefined;
    const base = app.runtime.notifier as Notifier;
    const notifier: Notifier = {
      ...base,
      async post(customerId, reply) {
        const ref = await base.post(customerId, reply);
        wake?.();
        return ref;
      },
    };
    const runtime = { ...app.runtime, notifier };
    let receiver: NotificationReceiver | undefined;
    const { server, base: url } = await listen(() => receiver as NotificationReceiver);
    const urls = { notificationUrl: `${url}/graph/notifications`, lifecycleUrl: `${url}/graph/lifecycle` };
    receiver = createNotificationReceiver({ runtime, urls });
    try {
      const customer = app.customers[0]!;
      const tenantUsers = sim.control.listUsers(tenantId);
      await adoptAll(app.store, customer.id, tenantUsers);
      const outcome = await keepSubscription(runtime, customer, urls);
      if (outcome !== 'created') throw new Error(`Could not subscribe (${outcome}).`);
      const latencies: number[] = [];
      const before = sim.control.requestCounts();
      for (let index = 0; index < changes; index++) {
        const posted = new Promise<void>((resolve) => {
          wake = resolve;
        });
        const started = process.hrtime.bigint();
        sim.control.setLicenses(tenantId, tenantUsers[index]!.id, []);
        await posted;
        latencies.push(Number(process.hrtime.bigint() - started) / 1e9);
      }
      await receiver.idle();
      const requests = graphRequestsBetween(before, sim.control.requestCounts());
      const sorted = [...latencies].sort((a, b) => a - b);
      const boundSeconds = options.latencyMs / 1000;
      const p50 = percentile(sorted, 0.5);
      const p95 = percentile(sorted, 0.95);
      return {
        name: 'notifications',
        description: [
          `A licence removed in the portal → card posted, ${changes} changes one after another in a tenant of ${users} users, ${options.latencyMs} ms per Graph request, 10 % of notifications delivered twice.`,
          `boundSeconds: one Graph round trip (the user, SKUs and admin role members read together); target ${targetSeconds} s. requestBound: 3 per change (duplicates re-read once more when they arrive after the first check).`,
        ].join('\n'),
        rows: <BenchRow[]>[
          { figure: 'p50 seconds', value: p50, boundSeconds, ratio: ratioOf(p50, boundSeconds), target: targetSeconds },
          { figure: 'p95 seconds', value: p95, boundSeconds, ratio: ratioOf(p95, boundSeconds), target: targetSeconds },
          {
            figure: 'max seconds',
            value: sorted.at(-1) ?? Number.NaN,
            boundSeconds,
            ratio: ratioOf(sorted.at(-1) ?? Number.NaN, boundSeconds),
            target: targetSeconds,
          },
          {
            figure: 'Graph requests',
            value: requests,
            boundSeconds: '',
            ratio: ratioOf(requests, 3 * changes),
            target: 3 * changes,
          },
        ],
      };
    } finally {
      await receiver.idle();
      server.close();
      await app.close();
      await sim.close();
    }
  },
};
