/**
 * MongoDB discrepancies. openKey is "open" while a discrepancy is open or deciding and its id once closed, so the
 * unique index (customerId, objectId, kind, openKey) allows one unclosed discrepancy per user and kind.
 */
import { randomUUID } from 'node:crypto';
import type { DiscrepancyRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import { discrepancyStateConflict, notFoundError } from '../store-messages';
import type { Discrepancy } from '../types';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull, toRecords } from './documents';
import { isDuplicateKey } from './mongo-errors';

const unclosed = { $in: ['open', 'deciding'] };

export function createDiscrepancyRepo({ db, clock }: MongoContext): DiscrepancyRepo {
  const discrepancies = db.collection('discrepancies');

  /** Why a conditional update on `id` matched nothing: the record is absent, or in another state. */
  async function explainMiss(id: string, wanted: string): Promise<never> {
    const current = await discrepancies.findOne({ id });
    if (!current) throw notFoundError('discrepancies', id);
    throw discrepancyStateConflict(id, current.status as string, wanted);
  }

  return {
    async upsertOpen(found) {
      const now = clock.now();
      const newId = randomUUID();
      const changes = withoutUndefined({
        upn: found.upn,
        expected: found.expected,
        actual: found.actual,
        runId: found.runId,
        causedBy: found.causedBy,
        lastSeenAt: now,
      });
      // Two syncs at once: both may try to insert; the unique index lets one win and the other then updates it.
      for (let attempt = 0; ; attempt++) {
        try {
          const stored = await discrepancies.findOneAndUpdate(
            { customerId: found.customerId, objectId: found.objectId, kind: found.kind, openKey: 'open' },
            { $set: changes, $setOnInsert: { id: newId, status: 'open', firstSeenAt: now } },
            { upsert: true, returnDocument: 'after' },
          );
          return { discrepancy: toRecord<Discrepancy>(stored!), created: stored!.id === newId };
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
      const updated = await discrepancies.findOneAndUpdate(
        { id },
        { $set: { messageRef } },
        { returnDocument: 'after' },
      );
      if (!updated) throw notFoundError('discrepancies', id);
      return toRecord<Discrepancy>(updated);
    },
    async claimDecision(id, decision) {
      const won = await discrepancies.findOneAndUpdate(
        { id, status: 'open' },
        { $set: { status: 'deciding', decision: withoutUndefined(decision) } },
        { returnDocument: 'after' },
      );
      if (won) return { won: true, discrepancy: toRecord<Discrepancy>(won) };
      const current = await discrepancies.findOne({ id });
      if (!current) throw notFoundError('discrepancies', id);
      return { won: false, discrepancy: toRecord<Discrepancy>(current) };
    },
    async completeDecision(id, status, decision) {
      const updated = await discrepancies.findOneAndUpdate(
        { id, status: 'deciding' },
        { $set: { status, decision: withoutUndefined(decision), closedAt: clock.now(), openKey: id } },
        { returnDocument: 'after' },
      );
      return updated ? toRecord<Discrepancy>(updated) : explainMiss(id, status);
    },
    async reopen(id, error) {
      const updated = await discrepancies.findOneAndUpdate(
        { id, status: 'deciding' },
        { $set: { status: 'open', lastError: error }, $unset: { decision: '' } },
        { returnDocument: 'after' },
      );
      return updated ? toRecord<Discrepancy>(updated) : explainMiss(id, 'reopened');
    },
    async resolve(id) {
      const updated = await discrepancies.findOneAndUpdate(
        { id, status: 'open' },
        { $set: { status: 'resolved', closedAt: clock.now(), openKey: id } },
        { returnDocument: 'after' },
      );
      return toRecordOrNull<Discrepancy>(updated);
    },
  };
}
