/** Contract: leases — one holder until expiry, renew, release, takeover after expiry. */
import { type ContractContext, inParallel } from './harness';

export function describeLeasesContract(context: ContractContext): void {
  const ttl = 30_000;
  const at = (ms: number) => new Date(context.clock.now().getTime() + ms);

  describe('leases', () => {
    it('acquires a free lease until now + ttl', async () => {
      const lease = await context.store.leases.acquire('sync:contoso', 'node-a', ttl, at(0));
      expect(lease).toEqual({ name: 'sync:contoso', owner: 'node-a', acquiredAt: at(0), expiresAt: at(ttl) });
      expect(await context.store.leases.get('sync:contoso')).toEqual(lease);
    });

    it('refuses a lease someone else holds until it expires, then hands it over', async () => {
      await context.store.leases.acquire('l', 'node-a', ttl, at(0));
      expect(await context.store.leases.acquire('l', 'node-b', ttl, at(ttl - 1))).toBeNull();
      const taken = await context.store.leases.acquire('l', 'node-b', ttl, at(ttl));
      expect(taken).toMatchObject({ owner: 'node-b', acquiredAt: at(ttl), expiresAt: at(2 * ttl) });
      expect(await context.store.leases.renew('l', 'node-a', ttl, at(ttl + 1))).toBe(false);
    });

    it('extends a lease its owner acquires again, keeping acquiredAt', async () => {
      await context.store.leases.acquire('l', 'node-a', ttl, at(0));
      const again = await context.store.leases.acquire('l', 'node-a', ttl, at(10_000));
      expect(again).toMatchObject({ owner: 'node-a', acquiredAt: at(0), expiresAt: at(10_000 + ttl) });
    });

    it('renews only the owner’s lease', async () => {
      await context.store.leases.acquire('l', 'node-a', ttl, at(0));
      expect(await context.store.leases.renew('l', 'node-a', ttl, at(20_000))).toBe(true);
      expect((await context.store.leases.get('l'))?.expiresAt).toEqual(at(20_000 + ttl));
      expect(await context.store.leases.renew('l', 'node-b', ttl, at(20_000))).toBe(false);
      expect(await context.store.leases.acquire('l', 'node-b', ttl, at(ttl + 1))).toBeNull();
    });

    it('releases only the owner’s lease, freeing it at once', async () => {
      await context.store.leases.acquire('l', 'node-a', ttl, at(0));
      expect(await context.store.leases.release('l', 'node-b')).toBe(false);
      expect(await context.store.leases.release('l', 'node-a')).toBe(true);
      expect(await context.store.leases.get('l')).toBeNull();
      expect(await context.store.leases.renew('l', 'node-a', ttl, at(1))).toBe(false);
      expect((await context.store.leases.acquire('l', 'node-b', ttl, at(1)))?.owner).toBe('node-b');
    });

    it('gives a free lease to exactly one of 100 concurrent acquirers', async () => {
      const results = await inParallel(100, (i) => context.store.leases.acquire('l', `node-${i}`, ttl, at(0)));
      expect(results.filter((lease) => lease !== null)).toHaveLength(1);
    });

    it('gives an expired lease to exactly one of 100 concurrent acquirers', async () => {
      await context.store.leases.acquire('l', 'crashed', ttl, at(0));
      const results = await inParallel(100, (i) => context.store.leases.acquire('l', `node-${i}`, ttl, at(ttl + 1)));
      const winners = results.filter((lease) => lease !== null);
      expect(winners).toHaveLength(1);
      expect((await context.store.leases.get('l'))?.owner).toBe(winners[0]!.owner);
    });
  });
}
