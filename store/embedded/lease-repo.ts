/** Embedded leases: one owner at a time until expiry. */
import type { LeaseRepo } from '../ports';
import type { Lease } from '../types';
import { copyOf } from './copy';
import type { EmbeddedContext } from './definitions';

export function createLeaseRepo({ collections, clock }: EmbeddedContext): LeaseRepo {
  const leases = collections.leases;
  return {
    async acquire(name, owner, ttlMs, now = clock.now()) {
      const current = leases.get(name);
      const ours = current?.owner === owner && current.expiresAt > now;
      if (current && !ours && current.expiresAt > now) return null;
      const record: Lease = {
        name,
        owner,
        expiresAt: new Date(now.getTime() + ttlMs),
        acquiredAt: ours ? current.acquiredAt : now,
      };
      const written = leases.put(record);
      const result = copyOf(record);
      await written;
      return result;
    },
    async renew(name, owner, ttlMs, now = clock.now()) {
      const current = leases.get(name);
      if (current?.owner !== owner) return false;
      await leases.put({ ...current, expiresAt: new Date(now.getTime() + ttlMs) });
      return true;
    },
    async release(name, owner) {
      if (leases.get(name)?.owner !== owner) return false;
      await leases.remove(name);
      return true;
    },
    async get(name) {
      return copyOf(leases.get(name) ?? null);
    },
  };
}
