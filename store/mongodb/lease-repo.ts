/**
 * MongoDB leases, one document per name (_id). Released leases stay as a document with no owner, so that every
 * change, release included, is one atomic replace (see atomic-update.ts).
 */
import type { Document } from 'mongodb';
import type { LeaseRepo } from '../ports';
import type { Lease } from '../types';
import type { MongoContext } from './config-repos';
import { toRecord } from './documents';
import { isDuplicateKey } from './mongo-errors';

const released = new Date(0);

export function createLeaseRepo({ db, clock, updater }: MongoContext): LeaseRepo {
  const leases = db.collection('leases');
  const held = (document: Document | null): Lease | null =>
    document && document.owner !== '' ? toRecord<Lease>(document) : null;

  return {
    async acquire(name, owner, ttlMs, now = clock.now()) {
      const expiresAt = new Date(now.getTime() + ttlMs);
      for (let attempt = 0; ; attempt++) {
        const updated = await updater.update(leases, { _id: name as never }, (current) => {
          const ours = current.owner === owner && (current.expiresAt as Date) > now;
          if (ours) return { ...current, expiresAt };
          if ((current.expiresAt as Date) > now) return null;
          return { ...current, owner, expiresAt, acquiredAt: now };
        });
        if (updated) return held(updated.after);
        const record: Lease = { name, owner, expiresAt, acquiredAt: now };
        try {
          await leases.insertOne({ _id: name as never, ...record });
          return record;
        } catch (error) {
          // Someone created it first: look again (it is theirs unless it already expired).
          if (!isDuplicateKey(error) || attempt >= 3) throw error;
        }
      }
    },
    async renew(name, owner, ttlMs, now = clock.now()) {
      const updated = await updater.update(leases, { _id: name as never }, (current) =>
        current.owner === owner ? { ...current, expiresAt: new Date(now.getTime() + ttlMs) } : null,
      );
      return Boolean(updated?.after);
    },
    async release(name, owner) {
      const updated = await updater.update(leases, { _id: name as never }, (current) =>
        current.owner === owner ? { ...current, owner: '', expiresAt: released } : null,
      );
      return Boolean(updated?.after);
    },
    async get(name) {
      return held(await leases.findOne({ _id: name as never }));
    },
  };
}
