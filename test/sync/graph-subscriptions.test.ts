/**
 * Keeping Graph subscriptions, on a clock the test moves (the simulator reads the same clock): created once per
 * customer, kept while more than a day is left, renewed a day before Graph's limit, recreated when Graph lost
 * it; lifecycle events reauthorize and renew, or subscribe again; a notification whose clientState does not
 * match is dropped without reading the tenant.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNotificationReceiver, type NotificationReceiver } from '../../sync/notifications/notification-receiver';
import { keepSubscription, keepSubscriptions, subscriptionTiming } from '../../sync/notifications/subscription-upkeep';
import { contosoTenant, type SimHarness, startSimHarness } from '../handlers/sim-harness';

const day = 24 * 60 * 60_000;

let harness: SimHarness;
let server: Server;
let receiver: NotificationReceiver;
let urls: { notificationUrl: string; lifecycleUrl: string };
const arrived: unknown[] = [];

async function readJson(message: NodeJS.ReadableStream): Promise<unknown> {
  let text = '';
  for await (const chunk of message) text += chunk;
  return text ? JSON.parse(text) : undefined;
}

beforeEach(async () => {
  let clock: SimHarness['clock'] | undefined;
  const start = Date.parse('2026-03-02T10:00:00Z');
  harness = await startSimHarness({ now: () => clock?.now().getTime() ?? start, tokenLifetimeSeconds: 90 * 86_400 });
  clock = harness.clock;
  arrived.length = 0;
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const token = url.searchParams.get('validationToken');
    if (token !== null) {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      return;
    }
    void readJson(request).then(async (body) => {
      arrived.push(body);
      const answer = url.pathname.endsWith('/lifecycle')
        ? await receiver.receiveLifecycle(body)
        : await receiver.receive(body);
      response.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  urls = { notificationUrl: `${base}/graph/notifications`, lifecycleUrl: `${base}/graph/lifecycle` };
  receiver = createNotificationReceiver({ runtime: harness.deps, urls, delay: async () => {} });
});

afterEach(async () => {
  await receiver.idle();
  server.close();
  await harness.close();
});

const contoso = async () => (await harness.store.customers.get('contoso'))!;
const stored = async () => (await harness.store.graphSubscriptions.get('contoso'))!;
const atGraph = () => harness.sim.control.listSubscriptions(contosoTenant);

async function arrivals(count: number): Promise<void> {
  for (let i = 0; i < 400 && arrived.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  await receiver.idle();
}

describe('Graph subscription upkeep', () => {
  it('subscribes a customer once, to users, for just under 29 days', async () => {
    expect(await keepSubscription(harness.deps, await contoso(), urls)).toBe('created');
    expect(await keepSubscription(harness.deps, await contoso(), urls)).toBe('kept');
    const subscription = await stored();
    expect(atGraph()).toEqual([
      expect.objectContaining({
        id: subscription.subscriptionId,
        resource: 'users',
        notificationUrl: urls.notificationUrl,
      }),
    ]);
    expect(subscription.expiresAt.getTime() - harness.clock.now().getTime()).toBe(subscriptionTiming.lifetimeMs);
    expect(subscription.clientStateHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('renews a day before expiry, not before', async () => {
    await keepSubscription(harness.deps, await contoso(), urls);
    const first = await stored();
    harness.advance(first.expiresAt.getTime() - harness.clock.now().getTime() - day - 60_000);
    expect(await keepSubscription(harness.deps, await contoso(), urls)).toBe('kept');
    harness.advance(2 * 60_000);
    expect(await keepSubscription(harness.deps, await contoso(), urls)).toBe('renewed');
    const renewed = await stored();
    expect(renewed.subscriptionId).toBe(first.subscriptionId);
    expect(renewed.expiresAt.getTime()).toBe(harness.clock.now().getTime() + subscriptionTiming.lifetimeMs);
    expect(atGraph()[0]?.expirationDateTime).toBe(renewed.expiresAt.toISOString());
  });

  it('subscribes again when Graph let the subscription expire', async () => {
    await keepSubscription(harness.deps, await contoso(), urls);
    const first = await stored();
    harness.advance(30 * day);
    expect(await keepSubscription(harness.deps, await contoso(), urls)).toBe('recreated');
    expect((await stored()).subscriptionId).not.toBe(first.subscriptionId);
    expect(atGraph()).toHaveLength(1);
  });

  it('keeps every customer in one pass, one replica at a time', async () => {
    await harness.store.leases.acquire('graph-subscriptions', 'another-replica', 60_000, harness.clock.now());
    expect((await keepSubscriptions(harness.deps, urls)).created).toBe(0);
    await harness.store.leases.release('graph-subscriptions', 'another-replica');
    expect(await keepSubscriptions(harness.deps, urls)).toMatchObject({ created: 2, failed: 0 });
    expect(await keepSubscriptions(harness.deps, urls)).toMatchObject({ kept: 2, created: 0 });
    expect(atGraph()).toHaveLength(1);
  });

  it('removes the subscription of a customer whose consent was declined', async () => {
    await keepSubscription(harness.deps, await contoso(), urls);
    await harness.store.customers.update('contoso', { consent: { status: 'denied' } });
    expect(await keepSubscription(harness.deps, await contoso(), urls)).toBe('removed');
    expect(atGraph()).toEqual([]);
    expect(await harness.store.graphSubscriptions.get('contoso')).toBeNull();
  });
});

describe('Graph lifecycle notifications', () => {
  it('reauthorizationRequired: reauthorizes and renews the subscription', async () => {
    await keepSubscription(harness.deps, await contoso(), urls);
    const first = await stored();
    harness.advance(10 * day);
    harness.sim.control.sendLifecycleEvent(contosoTenant, first.subscriptionId, 'reauthorizationRequired');
    await arrivals(1);
    const after = await stored();
    expect(after.subscriptionId).toBe(first.subscriptionId);
    expect(after.renewedAt).toEqual(harness.clock.now());
    expect(after.expiresAt.getTime()).toBe(harness.clock.now().getTime() + subscriptionTiming.lifetimeMs);
    expect(harness.sim.control.requestCounts()[`POST /v1.0/subscriptions/{id}/reauthorize`]).toBe(1);
  });

  it('missed: syncs the tenant at once (a delta round once it has a delta link)', async () => {
    await keepSubscription(harness.deps, await contoso(), urls);
    const { subscriptionId } = await stored();
    expect((await harness.store.syncState.get('contoso'))?.lastRun).toBeUndefined();
    harness.sim.control.sendLifecycleEvent(contosoTenant, subscriptionId, 'missed');
    await arrivals(1);
    expect((await harness.store.syncState.get('contoso'))?.lastRun?.outcome).toBe('ok');
  });

  it('subscriptionRemoved: subscribes again', async () => {
    await keepSubscription(harness.deps, await contoso(), urls);
    const first = await stored();
    harness.sim.control.sendLifecycleEvent(contosoTenant, first.subscriptionId, 'subscriptionRemoved');
    await arrivals(1);
    const after = await stored();
    expect(after.subscriptionId).not.toBe(first.subscriptionId);
    expect(atGraph().map((s) => s.id)).toEqual([after.subscriptionId]);
  });
});

describe('change notifications', () => {
  it('drops a notification whose clientState does not match, without reading the tenant', async () => {
    await keepSubscription(harness.deps, await contoso(), urls);
    const { subscriptionId } = await stored();
    const user = harness.sim.control.listUsers(contosoTenant)[0]!;
    harness.sim.control.resetRequestCounts();
    const forged = {
      value: [
        {
          subscriptionId,
          clientState: 'guessed',
          tenantId: contosoTenant,
          changeType: 'updated',
          resource: `Users/${user.id}`,
          resourceData: { id: user.id },
        },
      ],
    };
    expect(await receiver.receive(forged)).toEqual({ accepted: 0, dropped: 1 });
    expect(await receiver.receive({ value: [{ ...forged.value[0], subscriptionId: 'unknown' }] })).toEqual({
      accepted: 0,
      dropped: 1,
    });
    await receiver.idle();
    expect(harness.sim.control.requestCounts()).toEqual({});
  });

  it('records one discrepancy when Graph delivers a change twice', async () => {
    await keepSubscription(harness.deps, await contoso(), urls);
    harness.sim.control.setNotificationOptions({ duplicateShare: 1 });
    harness.sim.control.setLicenses(contosoTenant, 'ed@contoso.com', ['SPB']);
    await arrivals(2);
    const open = await harness.store.discrepancies.listOpen('contoso');
    expect(open.map((d) => [d.kind, d.upn])).toEqual([['unmanaged-user', 'ed@contoso.com']]);
  });

  it('waits while a sync run holds the tenant, then checks the user', async () => {
    await keepSubscription(harness.deps, await contoso(), urls);
    let retry: (() => void) | undefined;
    receiver = createNotificationReceiver({
      runtime: harness.deps,
      urls,
      delay: () =>
        new Promise<void>((resolve) => {
          retry = resolve;
        }),
    });
    await harness.store.leases.acquire('sync:contoso', 'a-sync-run', 60_000, harness.clock.now());
    harness.sim.control.setLicenses(contosoTenant, 'ed@contoso.com', ['SPB']);
    for (let i = 0; i < 400 && !retry; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(retry).toBeDefined();
    expect(await harness.store.discrepancies.listOpen('contoso')).toEqual([]);
    await harness.store.leases.release('sync:contoso', 'a-sync-run');
    retry?.();
    await receiver.idle();
    const open = await harness.store.discrepancies.listOpen('contoso');
    expect(open.map((d) => [d.kind, d.upn])).toEqual([['unmanaged-user', 'ed@contoso.com']]);
  });

  it('re-reads only the user a genuine notification names', async () => {
    await keepSubscription(harness.deps, await contoso(), urls);
    harness.sim.control.resetRequestCounts();
    const ed = harness.sim.control.getUser(contosoTenant, 'ed@contoso.com')!;
    harness.sim.control.setLicenses(contosoTenant, ed.id, ['SPB']);
    await arrivals(1);
    const counts = harness.sim.control.requestCounts();
    expect(counts['GET /v1.0/users/{id}']).toBe(1);
    expect(counts['GET /v1.0/users']).toBeUndefined();
    const open = await harness.store.discrepancies.listOpen('contoso');
    expect(open.map((d) => [d.kind, d.upn])).toEqual([['unmanaged-user', 'ed@contoso.com']]);
  });
});
