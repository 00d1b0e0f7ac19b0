/** MongoDB service users: unique on (customerId, objectId) and on (customerId, upnKey), upnKey being the UPN lower-cased. */
import type { Document } from 'mongodb';
import type { ServiceUserRepo } from '../ports';
import { applyChanges, upnKey, withoutUndefined } from '../record-changes';
import { duplicateError, notFoundError } from '../store-messages';
import type { ServiceUser } from '../types';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull, toRecords } from './documents';
import { isDuplicateKey } from './mongo-errors';

export function createServiceUserRepo({ db, clock, updater }: MongoContext): ServiceUserRepo {
  const users = db.collection('serviceUsers');
  // _id is the (customerId, objectId) pair as one string: FerretDB only pushes _id filters down to SQLite, so keyed
  // reads and updates stay fast there; the unique compound index still guards the pair.
  const idOf = (customerId: string, objectId: string) => `${customerId}\n${objectId}` as never;

  /** FerretDB does not name the index that clashed, so find out which key it was. */
  async function explainDuplicate(customerId: string, upn: string, objectId: string): Promise<Error> {
    const sameUpn = await users.findOne({ customerId, upnKey: upnKey(upn) });
    if (sameUpn && sameUpn.objectId !== objectId) {
      return duplicateError('serviceUsers', 'customer and UPN', `${customerId}, ${upn}`);
    }
    return duplicateError('serviceUsers', 'customer and object id', `${customerId}, ${objectId}`);
  }

  return {
    async create(user) {
      const now = clock.now();
      const record = { ...withoutUndefined(user), createdAt: now, updatedAt: now } as ServiceUser;
      try {
        await users.insertOne({ _id: idOf(user.customerId, user.objectId), ...record, upnKey: upnKey(record.upn) });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        throw await explainDuplicate(user.customerId, user.upn, user.objectId);
      }
      return record;
    },
    async get(customerId, objectId) {
      return toRecordOrNull<ServiceUser>(await users.findOne({ _id: idOf(customerId, objectId) }));
    },
    async getMany(customerId, objectIds) {
      const wanted = [...new Set(objectIds)];
      const found = await users.find({ _id: { $in: wanted.map((objectId) => idOf(customerId, objectId)) } }).toArray();
      const byObjectId = new Map(found.map((document) => [document.objectId as string, document]));
      return toRecords<ServiceUser>(wanted.flatMap((objectId) => byObjectId.get(objectId) ?? []));
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
    async countActive(customerId) {
      return users.countDocuments({ customerId, status: 'active' });
    },
    async update(customerId, objectId, changes) {
      const updatedAt = clock.now();
      let updated: Awaited<ReturnType<typeof updater.update>>;
      try {
        updated = await updater.update(users, { _id: idOf(customerId, objectId) }, (current) => {
          const next = applyChanges(current, { ...changes, updatedAt });
          return { ...next, upnKey: upnKey(next.upn as string) };
        });
      } catch (error) {
        if (!isDuplicateKey(error) || changes.upn === undefined) throw error;
        throw await explainDuplicate(customerId, changes.upn, objectId);
      }
      if (!updated?.after) throw notFoundError('serviceUsers', `${objectId} of customer ${customerId}`);
      return toRecord<ServiceUser>(updated.after);
    },
    async delete(customerId, objectId) {
      return (await users.deleteOne({ _id: idOf(customerId, objectId) })).deletedCount === 1;
    },
  };
}
