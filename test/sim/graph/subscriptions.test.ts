/**
 * The simulator's change notifications, as Graph gives them: a subscription exists only once its URLs echo the
 * validation token; changes made in the portal are posted to it (duplicates on demand); renew, delete and
 * lifecycle events; Graph's expiry limit. Driven through the real gateway over HTTPS.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { M365Error } from '../../../m365/errors';
import { createM365Gateway } from '../../../m365/index';
import type { NewTenantSubscription, TenantClient } from '../../../m365/types';
import { startSimulator } from '../../../sim/index';
import { simulatorEndpoints } from '../../../sim/simulator-endpoints';
import type { RunningSimulator } from '../../../sim/types';

const contosoId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const day = 24 * 60 * 60_000;

interface Received {
  path: string;
  body: { value: Record<string, unknown>[] };
}

let sim: RunningSimulator;
let contoso: TenantClient;
let receiver: Server;
let base: string;
let echo = true;
const received: Received[] = [];
let waiters: (() => void)[] = [];

async function readBody(message: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of message) text += chunk;
  return text;
}

beforeAll(async () => {
  receiver = createServer((message, response) => {
    const url = new URL(message.url ?? '/', 'http://localhost');
    const token = url.searchParams.get('validationToken');
    void readBody(message).then((text) => {
      if (token !== null) {
        response.writeHead(200, { 'content-type': 'text/plain' }).end(echo ? token : 'nope');
        return;
      }
      received.push({ path: url.pathname, body: JSON.parse(text) });
      for (const wake of waiters) wake();
      waiters = [];
      response.writeHead(202).end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  sim = await startSimulator({ mailboxDelayMs: 3_600_000 });
  contoso = createM365Gateway({
    ...simulatorEndpoints(sim),
    clientSecret: sim.clientSecret,
    ca: sim.caPem,
    retry: { maxRetries: 0, maxDelayMs: 50 },
  }).forTenant(contosoId);
});

afterAll(async () => {
  await sim.close();
  receiver.close();
});

beforeEach(async () => {
  echo = true;
  received.length = 0;
  sim.control.setNotificationOptions({ delayMs: 0, duplicateShare: 0, quotaPerTenant: 100 });
  const left = sim.control.listSubscriptions(contosoId);
  await Promise.all(left.map((subscription) => contoso.deleteSubscription(subscription.id)));
});

async function receivedCount(count: number): Promise<Received[]> {
  while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
  return received;
}

function request(overrides: Partial<NewTenantSubscription> = {}): NewTenantSubscription {
  return {
    resource: 'users',
    changeTypes: ['created', 'updated', 'deleted'],
    notificationUrl: `${base}/graph/notifications`,
    lifecycleNotificationUrl: `${base}/graph/lifecycle`,
    clientState: 'secret-state',
    expiresAt: new Date(Date.now() + 2 * day),
    ...overrides,
  };
}

describe('simulated change notifications', () => {
  it('creates a subscription once the notification URL echoes the validation token', async () => {
    const created = await contoso.createSubscription(request());
    expect(created.resource).toBe('users');
    expect(sim.control.listSubscriptions(contosoId).map((s) => s.id)).toEqual([created.id]);
  });

  it('refuses a subscription whose endpoint does not echo the token', async () => {
    echo = false;
    const failure = await contoso.createSubscription(request()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(M365Error);
    expect((failure as M365Error).message).toMatch(/validation/i);
    expect(sim.control.listSubscriptions(contosoId)).toEqual([]);
  });

  it('refuses an expiry beyond 41,760 minutes', async () => {
    const failure = await contoso
      .createSubscription(request({ expiresAt: new Date(Date.now() + 30 * day) }))
      .catch((error: unknown) => error);
    expect((failure as M365Error).code).toBe('bad-request');
  });

  it('refuses a subscription beyond the tenant quota with 403', async () => {
    sim.control.setNotificationOptions({ quotaPerTenant: 1 });
    await contoso.createSubscription(request());
    const failure = await contoso.createSubscription(request()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(M365Error);
    expect((failure as M365Error).details).toMatchObject({ status: 403 });
    expect(sim.control.listSubscriptions(contosoId)).toHaveLength(1);
  });

  it('posts a change made in the portal with the clientState, and twice when told to duplicate', async () => {
    const created = await contoso.createSubscription(request());
    sim.control.setNotificationOptions({ duplicateShare: 1 });
    const adele = sim.control.listUsers(contosoId)[0]!;
    sim.control.setLicenses(contosoId, adele.id, []);
    const [first, second] = await receivedCount(2);
    expect(first?.path).toBe('/graph/notifications');
    expect(first?.body.value[0]).toMatchObject({
      subscriptionId: created.id,
      changeType: 'updated',
      clientState: 'secret-state',
      tenantId: contosoId,
      resource: `Users/${adele.id}`,
      resourceData: { id: adele.id },
    });
    expect(second?.body).toEqual(first?.body);
  });

  it('renews, reauthorizes and deletes; a deleted subscription is not found', async () => {
    const created = await contoso.createSubscription(request());
    const later = new Date(Date.now() + 3 * day);
    await contoso.renewSubscription(created.id, later);
    expect(sim.control.listSubscriptions(contosoId)[0]?.expirationDateTime).toBe(later.toISOString());
    await contoso.reauthorizeSubscription(created.id);
    await contoso.deleteSubscription(created.id);
    const failure = await contoso.renewSubscription(created.id, later).catch((error: unknown) => error);
    expect((failure as M365Error).code).toBe('not-found');
  });

  it('sends lifecycle events to the lifecycle URL', async () => {
    const created = await contoso.createSubscription(request());
    sim.control.sendLifecycleEvent(contosoId, created.id, 'reauthorizationRequired');
    const [event] = await receivedCount(1);
    expect(event?.path).toBe('/graph/lifecycle');
    expect(event?.body.value[0]).toMatchObject({
      subscriptionId: created.id,
      lifecycleEvent: 'reauthorizationRequired',
    });
  });
});
