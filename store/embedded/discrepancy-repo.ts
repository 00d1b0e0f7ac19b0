/** Embedded discrepancies: at most one unclosed (open or deciding) per customer, user and kind. */
import { randomUUID } from 'node:crypto';
import type { DiscrepancyRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import { discrepancyStateConflict, notFoundError } from '../store-messages';
import type { Discrepancy } from '../types';
import { byTime, copyOf } from './copy';
import { discrepancyIndexes, type EmbeddedContext, openDiscrepancyValue } from './definitions';

export function createDiscrepancyRepo({ collections, clock }: EmbeddedContext): DiscrepancyRepo {
  const discrepancies = collections.discrepancies;

  /** Writes the changed record and hands back a copy taken before the write is awaited. */
  async function save(record: Discrepancy): Promise<Discrepancy> {
    const written = discrepancies.put(record);
    const result = copyOf(record);
    await written;
    return result;
  }

  function existing(id: string): Discrepancy {
    const current = discrepancies.get(id);
    if (!current) throw notFoundError('discrepancies', id);
    return current;
  }

  return {
    async upsertOpen(found) {
      const now = clock.now();
      const current = discrepancies.findUnique(
        discrepancyIndexes.open,
        openDiscrepancyValue(found.customerId, found.objectId, found.kind),
      );
      if (current) {
        const changes = withoutUndefined({
          upn: found.upn,
          expected: copyOf(found.expected),
          actual: copyOf(found.actual),
          runId: found.runId,
          causedBy: found.causedBy,
          lastSeenAt: now,
        });
        return { discrepancy: await save({ ...current, ...changes }), created: false };
      }
      const record: Discrepancy = withoutUndefined({
        id: randomUUID(),
        customerId: found.customerId,
        objectId: found.objectId,
        upn: found.upn,
        kind: found.kind,
        status: 'open',
        expected: copyOf(found.expected),
        actual: copyOf(found.actual),
        causedBy: found.causedBy,
        runId: found.runId,
        firstSeenAt: now,
        lastSeenAt: now,
      });
      const written = discrepancies.insert(record);
      const result = copyOf(record);
      await written;
      return { discrepancy: result, created: true };
    },
    async get(id) {
      return copyOf(discrepancies.get(id) ?? null);
    },
    async listOpen(customerId, kind) {
      const unclosed = discrepancies.inGroup(discrepancyIndexes.openByCustomer, customerId);
      const matches = kind === undefined ? unclosed : unclosed.filter((d) => d.kind === kind);
      return copyOf(matches.sort((a, b) => byTime(a.firstSeenAt, b.firstSeenAt)));
    },
    async list(customerId, options = {}) {
      const matches = discrepancies.inGroup(discrepancyIndexes.byCustomer, customerId).reverse();
      matches.sort((a, b) => byTime(b.firstSeenAt, a.firstSeenAt));
      return copyOf(options.limit === undefined ? matches : matches.slice(0, options.limit));
    },
    async setMessageRef(id, messageRef) {
      return save({ ...existing(id), messageRef: copyOf(messageRef) });
    },
    async claimDecision(id, decision) {
      const current = existing(id);
      if (current.status !== 'open') return { won: false, discrepancy: copyOf(current) };
      return { won: true, discrepancy: await save({ ...current, status: 'deciding', decision: copyOf(decision) }) };
    },
    async completeDecision(id, status, decision) {
      const current = existing(id);
      if (current.status !== 'deciding') throw discrepancyStateConflict(id, current.status, status);
      return save({ ...current, status, decision: copyOf(decision), closedAt: clock.now() });
    },
    async reopen(id, error) {
      const { decision: _cleared, ...current } = existing(id);
      if (current.status !== 'deciding') throw discrepancyStateConflict(id, current.status, 'reopened');
      return save({ ...current, status: 'open', lastError: error });
    },
    async resolve(id) {
      const current = discrepancies.get(id);
      if (current?.status !== 'open') return null;
      return save({ ...current, status: 'resolved', closedAt: clock.now() });
    },
  };
}
