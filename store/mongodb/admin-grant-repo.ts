/**
 * MongoDB admin grants. currentKey is "current" while a grant is active, ending or overdue and its id afterwards, so
 * the unique index (customerId, objectId, currentKey) allows one current grant per user; every state change is one
 * conditional single-document update (atomic-update.ts).
 */
import { randomUUID } from 'node:crypto';
import { type AdminGrant, currentGrantStates } from '../admin-grant';
import type { AdminGrantRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull, toRecords } from './documents';

const currentKeyOf = (grant: Pick<AdminGrant, 'id' | 'state'>) =>
  currentGrantStates.includes(grant.state) ? 'current' : grant.id;

export function createAdminGrantRepo({ db, clock, updater }: MongoContext): AdminGrantRepo {
  const grants = db.collection('adminGrants');
  return {
    async create(grant) {
      const record = withoutUndefined({
        ...grant,
        id: randomUUID(),
        state: 'active',
        endingAttempts: 0,
        updatedAt: clock.now(),
      }) as AdminGrant;
      // A second current grant for the user clashes on the unique index: StoreError('duplicate') in guardRepo.
      await grants.insertOne({ ...record, currentKey: 'current' });
      return record;
    },
    async get(id) {
      return toRecordOrNull<AdminGrant>(await grants.findOne({ id }));
    },
    async findCurrent(customerId, objectId) {
      return toRecordOrNull<AdminGrant>(await grants.findOne({ customerId, objectId, currentKey: 'current' }));
    },
    async listCurrent(customerId) {
      return toRecords<AdminGrant>(
        await grants.find({ customerId, currentKey: 'current' }).sort({ grantedAt: 1 }).toArray(),
      );
    },
    async transition(id, from, changes, condition) {
      const updated = await updater.update(grants, { id }, (current) => {
        const grant = toRecord<AdminGrant>(current);
        if (!from.includes(grant.state) || (condition && !condition(grant))) return null;
        const next = { ...current, ...withoutUndefined(changes), updatedAt: clock.now() };
        return { ...next, currentKey: currentKeyOf(next as unknown as AdminGrant) };
      });
      if (!updated) return null;
      if (updated.after) return { won: true, grant: toRecord<AdminGrant>(updated.after) };
      return { won: false, grant: toRecord<AdminGrant>(updated.before) };
    },
  };
}
