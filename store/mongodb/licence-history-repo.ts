/** MongoDB licence history: one document per change (`_id` = its id), inserted once and never updated. */
import { randomUUID } from 'node:crypto';
import type { LicenceChange, LicenceHistoryRepo } from '../licence-history';
import type { MongoContext } from './config-repos';
import { toRecords } from './documents';

export function createLicenceHistoryRepo({ db }: MongoContext): LicenceHistoryRepo {
  const history = db.collection('licenceHistory');
  // The ObjectId-free `_id` cannot order changes made at the same time: `seq` (the time, then a per-process count)
  // keeps them in the order this process appended them.
  let appended = 0;
  return {
    async append(change) {
      const stored: LicenceChange = { ...change, id: randomUUID() };
      appended += 1;
      await history.insertOne({ _id: stored.id as never, ...stored, seq: appended });
      return { ...stored };
    },
    async list(customerId, until) {
      const found = await history
        .find({ customerId, at: { $lt: until } })
        .sort({ at: 1, seq: 1 })
        .toArray();
      return toRecords<LicenceChange & { seq?: number }>(found).map(({ seq: _seq, ...change }) => change);
    },
  };
}
