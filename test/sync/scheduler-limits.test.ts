/**
 * The scheduler's bound: a tick with more tenants than SYNC_CONCURRENCY runs at most that many at once (a tenant's
 * first Microsoft call is held open to see who got in), the rest start in order as places free up, and the round
 * is logged with its slowest tenant.
 */
import type { M365Gateway, TenantClient } from '../../m365/types';
import { createSyncScheduler } from '../../sync/sync-scheduler';
import { neverSchedule } from '../support/sync-handler-settings';
import { type SyncCore, seedTenant, startSyncCore } from './sync-core-harness';

const tenants = Array.from({ length: 5 }, (_, i) => seedTenant(300 + i, 2));

/** Holds each tenant's listSkus (the first call of a run) until the test lets that tenant go on. */
function holdFirstCalls() {
  const arrived: string[] = [];
  const releases = new Map<string, () => void>();
  let onArrival: () => void = () => {};
  function wrap(gateway: M365Gateway): M365Gateway {
    return new Proxy(gateway, {
      get(target, property, receiver) {
        if (property !== 'forTenant') return Reflect.get(target, property, receiver);
        return (tenantId: string) => {
          const tenant = target.forTenant(tenantId);
          return new Proxy(tenant, {
            get(inner, name, innerReceiver) {
              const value = Reflect.get(inner, name, innerReceiver);
              if (name !== 'listSkus') return typeof value === 'function' ? value.bind(inner) : value;
              return async (...args: unknown[]) => {
                arrived.push(tenantId);
                await new Promise<void>((resolve) => {
                  releases.set(tenantId, resolve);
                  onArrival();
                });
                return (value as TenantClient['listSkus']).apply(inner, args as []);
              };
            },
          });
        };
      },
    });
  }
  async function arrivals(count: number): Promise<void> {
    while (arrived.length < count) {
      await new Promise<void>((resolve) => {
        onArrival = resolve;
      });
    }
    // Anyone else who could get in has had the chance to.
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return { wrap, arrived, arrivals, release: (tenantId: string) => releases.get(tenantId)?.() };
}

let core: SyncCore;
afterEach(async () => {
  await core?.close();
});

it('syncs at most SYNC_CONCURRENCY tenants at once and starts the others in order as places free up', async () => {
  const held = holdFirstCalls();
  core = await startSyncCore({ tenants, wrapGateway: held.wrap });
  const scheduler = createSyncScheduler({
    runtime: core.runtime,
    owner: 'bounded',
    defaultSchedule: neverSchedule,
    concurrency: 2,
  });
  const round = scheduler.runTick(new Date());

  await held.arrivals(2);
  expect(held.arrived).toHaveLength(2);
  const [first, second] = held.arrived;
  held.release(first);
  await held.arrivals(3);
  expect(held.arrived).toHaveLength(3);
  held.release(second);
  await held.arrivals(4);
  expect(held.arrived).toHaveLength(4);
  for (const tenantId of held.arrived) held.release(tenantId);
  await held.arrivals(5);
  for (const tenantId of held.arrived) held.release(tenantId);

  const outcomes = await round;
  expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  expect(new Set(held.arrived).size).toBe(5);
  await scheduler.stop();
});
