/** MongoDB leases, one document per name (_id), taken with conditional single-document updates. */
import type { LeaseRepo } from '../ports';
import type { Lease } from '../types';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull } from './documents';
import { isDuplicateKey } from './mongo-errors';

export function createLeaseRepo({ db, clock }: MongoContext): LeaseRepo {
  const leases = db.collection('leases');
  return {
    async acquire(name, owner, ttlMs, now = clock.now()) {
      const expiresAt = new Date(now.getTime() + ttlMs);
      const extended = await leases.findOneAndUpdate(
        { _id: name as never, owner, expiresAt: { $gt: now } },
        { $set: { expiresAt } },
        { returnDocument: 'after' },
      );
      if (extended) return toRecord<Lease>(extended);
      const taken = await leases.findOneAndUpdate(
        { _id: name as never, expiresAt: { $lte: now } },
        { $set: { owner, expiresAt, acquiredAt: now } },
        { returnDocument: 'after' },
      );
      if (taken) return toRecord<Lease>(taken);
      const record: Lease = { name, owner, expiresAt, acquiredAt: now };
      try {
        await leases.insertOne({ _id: name as never, ...record });
        return record;
      } catch (error) {
        if (isDuplicateKey(error)) return null; // Someone else holds it.
        throw error;
      }
    },
    async renew(name, owner, ttlMs, now = clock.now()) {
      const result = await leases.updateOne(
        { _id: name as never, owner },
        { $set: { expiresAt: new Date(now.getTime() + ttlMs) } },
      );
      return result.matchedCount === 1;
    },
    async release(name, owner) {
      return (await leases.deleteOne({ _id: name as never, owner })).deletedCount === 1;
    },
    async get(name) {
      return toRecordOrNull<Lease>(await leases.findOne({ _id: name as never }));
    },
  };
}
