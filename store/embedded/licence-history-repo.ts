/** Embedded licence history: append-only records, grouped by customer in the order they were appended. */
import { randomUUID } from 'node:crypto';
import type { LicenceChange, LicenceHistoryRepo } from '../licence-history';
import { byTime, copyOf } from './copy';
import { type EmbeddedContext, licenceHistoryIndexes } from './definitions';

export function createLicenceHistoryRepo({ collections }: EmbeddedContext): LicenceHistoryRepo {
  const history = collections.licenceHistory;
  return {
    async append(change) {
      const stored: LicenceChange = { ...copyOf(change), id: randomUUID() };
      const written = history.insert(stored);
      const result = copyOf(stored);
      await written;
      return result;
    },
    async list(customerId, until) {
      const changes = history
        .inGroup(licenceHistoryIndexes.byCustomer, customerId)
        .filter((change) => change.at.getTime() < until.getTime());
      // Array.prototype.sort is stable: changes at the same time keep the order they were appended in.
      return copyOf(changes.sort((a, b) => byTime(a.at, b.at)));
    },
  };
}
