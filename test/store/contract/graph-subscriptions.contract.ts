/** Contract: Graph change-notification subscriptions — one per customer, found by Graph's id, listed by expiry. */
import type { GraphSubscription } from '../../../store/graph-subscription';
import type { ContractContext } from './harness';

export function describeGraphSubscriptionsContract(context: ContractContext): void {
  const at = (ms: number) => new Date(context.clock.now().getTime() + ms);
  const day = 24 * 60 * 60_000;
  const subscription = (customerId: string, subscriptionId: string, expiresInMs: number): GraphSubscription => ({
    customerId,
    tenantId: `tenant-of-${customerId}`,
    subscriptionId,
    resource: 'users',
    clientStateHash: `hash-${subscriptionId}`,
    expiresAt: at(expiresInMs),
    createdAt: at(0),
  });

  describe('graph subscriptions', () => {
    it('stores a subscription and finds it by customer and by Graph id', async () => {
      const stored = await context.store.graphSubscriptions.put(subscription('contoso', 'sub-1', 29 * day));
      expect(stored).toEqual(subscription('contoso', 'sub-1', 29 * day));
      expect(await context.store.graphSubscriptions.get('contoso')).toEqual(stored);
      expect(await context.store.graphSubscriptions.findBySubscriptionId('sub-1')).toEqual(stored);
      expect(await context.store.graphSubscriptions.findBySubscriptionId('sub-2')).toBeNull();
      expect(await context.store.graphSubscriptions.get('fabrikam')).toBeNull();
    });

    it('keeps one subscription per customer: a new one replaces the old', async () => {
      await context.store.graphSubscriptions.put(subscription('contoso', 'sub-1', day));
      const renewed = { ...subscription('contoso', 'sub-2', 2 * day), renewedAt: at(5) };
      await context.store.graphSubscriptions.put(renewed);
      expect(await context.store.graphSubscriptions.list()).toEqual([renewed]);
      expect(await context.store.graphSubscriptions.findBySubscriptionId('sub-1')).toBeNull();
    });

    it('lists those expiring before a time, soonest first', async () => {
      await context.store.graphSubscriptions.put(subscription('a', 'sub-a', 3 * day));
      await context.store.graphSubscriptions.put(subscription('b', 'sub-b', day));
      await context.store.graphSubscriptions.put(subscription('c', 'sub-c', 10 * day));
      const due = await context.store.graphSubscriptions.listExpiringBefore(at(5 * day));
      expect(due.map((s) => s.subscriptionId)).toEqual(['sub-b', 'sub-a']);
      expect((await context.store.graphSubscriptions.list()).map((s) => s.customerId)).toEqual(['a', 'b', 'c']);
    });

    it('removes a subscription only while it is still the one named', async () => {
      await context.store.graphSubscriptions.put(subscription('contoso', 'sub-2', day));
      expect(await context.store.graphSubscriptions.remove('contoso', 'sub-1')).toBe(false);
      expect(await context.store.graphSubscriptions.get('contoso')).not.toBeNull();
      expect(await context.store.graphSubscriptions.remove('contoso', 'sub-2')).toBe(true);
      expect(await context.store.graphSubscriptions.get('contoso')).toBeNull();
    });

    it('keeps subscriptions across a restart', async () => {
      const stored = await context.store.graphSubscriptions.put(subscription('contoso', 'sub-1', day));
      const reopened = await context.restart();
      expect(await reopened.graphSubscriptions.get('contoso')).toEqual(stored);
    });
  });
}
