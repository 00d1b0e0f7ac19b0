/** Embedded service users: keyed by (customerId, objectId), unique on (customerId, UPN) case-insensitively. */

import type { ServiceUserRepo } from '../ports';
import { applyChanges, upnKey, withoutUndefined } from '../record-changes';
import { notFoundError } from '../store-messages';
import type { ServiceUser } from '../types';
import { compareText } from './config-repos';
import { copyOf } from './copy';
import { type EmbeddedContext, planSeatValue, serviceUserIndexes, upnValue } from './definitions';

export function createServiceUserRepo({ collections, clock }: EmbeddedContext): ServiceUserRepo {
  const users = collections.serviceUsers;
  const keyOf = (customerId: string, objectId: string) => `${customerId}\n${objectId}`;
  return {
    async create(user) {
      const now = clock.now();
      const record: ServiceUser = { ...withoutUndefined(copyOf(user)), createdAt: now, updatedAt: now };
      await users.insert(record);
      return copyOf(record);
    },
    async get(customerId, objectId) {
      return copyOf(users.get(keyOf(customerId, objectId)) ?? null);
    },
    async getMany(customerId, objectIds) {
      const found: ServiceUser[] = [];
      for (const objectId of new Set(objectIds)) {
        const user = users.get(keyOf(customerId, objectId));
        if (user) found.push(user);
      }
      return copyOf(found);
    },
    async findByUpn(customerId, upn) {
      return copyOf(users.findUnique(serviceUserIndexes.upn, upnValue(customerId, upn)) ?? null);
    },
    async list(customerId, filter = {}) {
      const matches = users
        .inGroup(serviceUserIndexes.byCustomer, customerId)
        .filter(
          (user) =>
            (filter.status === undefined || user.status === filter.status) &&
            (filter.planId === undefined || user.planId === filter.planId),
        );
      return copyOf(matches.sort((a, b) => compareText(upnKey(a.upn), upnKey(b.upn))));
    },
    async countOnPlan(customerId, planId) {
      return users.countInGroup(serviceUserIndexes.activeOnPlan, planSeatValue(customerId, planId));
    },
    async countActive(customerId) {
      return users.countInGroup(serviceUserIndexes.activeByCustomer, customerId);
    },
    async update(customerId, objectId, changes) {
      const current = users.get(keyOf(customerId, objectId));
      if (!current) throw notFoundError('serviceUsers', `${objectId} of customer ${customerId}`);
      const record = applyChanges(current, { ...copyOf(changes), updatedAt: clock.now() });
      const written = users.put(record);
      const result = copyOf(record);
      await written;
      return result;
    },
    async delete(customerId, objectId) {
      const key = keyOf(customerId, objectId);
      if (!users.get(key)) return false;
      await users.remove(key);
      return true;
    },
  };
}
