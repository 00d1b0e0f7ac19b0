/**
 * MongoDB discrepancies. openKey is "open" while a discrepancy is open or deciding and its id once closed, so the
 * unique index (customerId, objectId, kind, openKey) allows one unclosed discrepancy per user and kind.
 */
import { randomUUID } from 'node:crypto';
import type { Document } from 'mongodb';
import type { DiscrepancyRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import { discrepancyStateConflict, notFoundError } from '../store-messages';
import type { Discrepancy, DiscrepancyStatus } from '../types';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull, toRecords } from './documents';
import { isDuplicateKey } from './mongo-errors';

const unclosed = { $in: ['open', 'deciding'] };

export function createDiscrepancyRepo({ db, clock, updater }: MongoContext): DiscrepancyRepo {
  const discrepancies = db.collection('discrepancies');

  /** Moves a discrepancy from the `from` state with `change`; not-found or conflict when it cannot. */
  async function transition(
    id: string,
    from: DiscrepancyStatus,
    wanted: string,
    change: (current: Document) => Document,
  ): Promise<Discrepancy> {
    const updated = await updater.update(discrepancies, { id }, (current) =>
      current.status === from ? change(current) : null,
    );
    if (!updated) throw notFoundError('discrepancies', id);
    if (!updated.after) throw discrepancyStateConflict(id, updated.before.status as string, wanted);
    return toRecord<Discrepancy>(updated.after);
  }

  return {
    async upsertOpen(found) {
      const now = clock.now();
      const key = { customerId: found.customerId, objectId: found.objectId, kind: found.kind };
      const seen = withoutUndefined({
        upn: found.upn,
        expected: found.expected,
        actual: found.actual,
        runId: found.runId,
        causedBy: found.causedBy,
        lastSeenAt: now,
      });
      // Two syncs at once: both may try to insert; the unique index lets one win and the other then updates it.
      for (let attempt = 0; ; attempt++) {
        const updated = await updater.update(discrepancies, { ...key, openKey: 'open' }, (current) => ({
          ...current,
          ...seen,
        }));
        if (updated?.after) return { discrepancy: toRecord<Discrepancy>(updated.after), created: false };
        const record = { ...key, ...seen, id: randomUUID(), status: 'open', firstSeenAt: now };
        try {
          await discrepancies.insertOne({ ...record, openKey: 'open' });
          return { discrepancy: record as Discrepancy, created: true };
        } catch (error) {
          if (!isDuplicateKey(error) || attempt >= 3) throw error;
        }
      }
    },
    async get(id) {
      return toRecordOrNull<Discrepancy>(await discrepancies.findOne({ id }));
    },
    async listOpen(customerId, kind) {
      const query = kind === undefined ? { customerId, status: unclosed } : { customerId, status: unclosed, kind };
      return toRecords<Discrepancy>(await discrepancies.find(query).sort({ firstSeenAt: 1, _id: 1 }).toArray());
    },
    async list(customerId, options = {}) {
      const cursor = discrepancies.find({ customerId }).sort({ firstSeenAt: -1, _id: -1 });
      if (options.limit !== undefined) cursor.limit(options.limit);
      return toRecords<Discrepancy>(await cursor.toArray());
    },
    async setMessageRef(id, messageRef) {
      const updated = await updater.update(discrepancies, { id }, (current) => ({ ...current, messageRef }));
      if (!updated?.after) throw notFoundError('discrepancies', id);
      return toRecord<Discrepancy>(updated.after);
    },
    async claimDecision(id, decision) {
      const updated = await updater.update(discrepancies, { id }, (current) =>
        current.status === 'open' ? { ...current, status: 'deciding', decision: withoutUndefined(decision) } : null,
      );
      if (!updated) throw notFoundError('discrepancies', id);
      if (updated.after) return { won: true, discrepancy: toRecord<Discrepancy>(updated.after) };
      return { won: false, discrepancy: toRecord<Discrepancy>(updated.before) };
    },
    async completeDecision(id, status, decision) {
      return transition(id, 'deciding', status, (current) => ({
        ...current,
        status,
        decision: withoutUndefined(decision),
        closedAt: clock.now(),
        openKey: id,
      }));
    },
    async reopen(id, error) {
      return transition(id, 'deciding', 'reopened', ({ decision: _cleared, ...current }) => ({
        ...current,
        status: 'open',
        lastError: error,
      }));
    },
    async resolve(id) {
      const updated = await updater.update(discrepancies, { id }, (current) =>
        current.status === 'open' ? { ...current, status: 'resolved', closedAt: clock.now(), openKey: id } : null,
      );
      return updated?.after ? toRecord<Discrepancy>(updated.after) : null;
    },
  };
}
