/** MongoDB service users: unique on (customerId, objectId) and on (customerId, upnKey), upnKey being the UPN lower-cased. */
import type { Document } from 'mongodb';
import type { ServiceUserRepo } from '../ports';
import { splitChanges, upnKey, withoutUndefined } from '../record-changes';
import { notFoundError } from '../store-messages';
import type { ServiceUser } from '../types';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull, toRecords } from './documents';

export function createServiceUserRepo({ db, clock }: MongoContext): ServiceUserRepo {
  const users = db.collection('serviceUsers');
  return {
    async create(user) {
      const now = clock.now();
      const record = { ...withoutUndefined(user), createdAt: now, updatedAt: now } as ServiceUser;
      await users.insertOne({ ...record, upnKey: upnKey(record.upn) });
      return record;
    },
    async get(customerId, objectId) {
      return toRecordOrNull<ServiceUser>(await users.findOne({ customerId, objectId }));
    },
    async findByUpn(customerId, upn) {
      return toRecordOrNull<ServiceUser>(await users.findOne({ customerId, upnKey: upnKey(upn) }));
    },
    async list(customerId, filter = {}) {
      const query: Document = { customerId };
      if (filter.status !== undefined) query.status = filter.status;
      if (filter.planId !== undefined) query.planId = filter.planId;
      return toRecords<ServiceUser>(await users.find(query).sort({ upnKey: 1 }).toArray());
    },
    async countOnPlan(customerId, planId) {
      return users.countDocuments({ customerId, planId, status: 'active' });
    },
    async update(customerId, objectId, changes) {
      const { set, unset } = splitChanges(changes);
      if (typeof set.upn === 'string') set.upnKey = upnKey(set.upn);
      const updated = await users.findOneAndUpdate(
        { customerId, objectId },
        { $set: { ...set, updatedAt: clock.now() }, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
        { returnDocument: 'after' },
      );
      if (!updated) throw notFoundError('serviceUsers', `${objectId} of customer ${customerId}`);
      return toRecord<ServiceUser>(updated);
    },
    async delete(customerId, objectId) {
      return (await users.deleteOne({ customerId, objectId })).deletedCount === 1;
    },
  };
}
