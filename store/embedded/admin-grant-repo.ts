/** Embedded admin grants: one current grant per user (a unique index); state changes are check-and-set. */
import { randomUUID } from 'node:crypto';
import type { AdminGrant } from '../admin-grant';
import type { AdminGrantRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import { byTime, copyOf } from './copy';
import { adminGrantIndexes, currentGrantValue, type EmbeddedContext } from './definitions';

export function createAdminGrantRepo({ collections, clock }: EmbeddedContext): AdminGrantRepo {
  const grants = collections.adminGrants;

  async function save(record: AdminGrant, insert: boolean): Promise<AdminGrant> {
    const written = insert ? grants.insert(record) : grants.put(record);
    const result = copyOf(record);
    await written;
    return result;
  }

  return {
    async create(grant) {
      const record: AdminGrant = withoutUndefined({
        ...copyOf(grant),
        id: randomUUID(),
        state: 'active',
        endingAttempts: 0,
        updatedAt: clock.now(),
      });
      // The unique index refuses a second current grant for the user with StoreError('duplicate').
      return save(record, true);
    },
    async get(id) {
      return copyOf(grants.get(id) ?? null);
    },
    async findCurrent(customerId, objectId) {
      return copyOf(grants.findUnique(adminGrantIndexes.current, currentGrantValue(customerId, objectId)) ?? null);
    },
    async listCurrent(customerId) {
      return grants
        .inGroup(adminGrantIndexes.currentByCustomer, customerId)
        .sort((a, b) => byTime(a.grantedAt, b.grantedAt))
        .map(copyOf);
    },
    async transition(id, from, changes, condition) {
      const current = grants.get(id);
      if (!current) return null;
      if (!from.includes(current.state) || (condition && !condition(copyOf(current)))) {
        return { won: false, grant: copyOf(current) };
      }
      // Checked and changed in one synchronous step: no other call runs in between.
      const record: AdminGrant = { ...current, ...withoutUndefined(copyOf(changes)), updatedAt: clock.now() };
      return { won: true, grant: await save(record, false) };
    },
  };
}
