/**
 * Embedded discrepancies: at most one unclosed (open or deciding) per customer, user and kind. A batch is worked out
 * in memory in one synchronous step (so it is atomic per item, like the single calls) and journalled in one append.
 */
import { randomUUID } from 'node:crypto';
import type { DiscrepancyRepo, FoundDiscrepancy } from '../ports';
import { withoutUndefined } from '../record-changes';
import { discrepancyStateConflict, notFoundError } from '../store-messages';
import type { Discrepancy } from '../types';
import { byTime, copyOf } from './copy';
import { discrepancyIndexes, type EmbeddedContext, openDiscrepancyValue } from './definitions';

/** The discrepancy `found` leaves: `current` (the unclosed one of its key, if any) updated, or a new open one. */
function nextOpen(current: Discrepancy | undefined, found: FoundDiscrepancy, now: Date): Discrepancy {
  const seen = withoutUndefined({
    upn: found.upn,
    expected: copyOf(found.expected),
    actual: copyOf(found.actual),
    runId: found.runId,
    causedBy: found.causedBy,
    lastSeenAt: now,
  });
  if (current) return { ...current, ...seen };
  return withoutUndefined({
    id: randomUUID(),
    customerId: found.customerId,
    objectId: found.objectId,
    kind: found.kind,
    status: 'open',
    ...seen,
    firstSeenAt: now,
  });
}

type Collection = EmbeddedContext['collections']['discrepancies'];

/** Writes the changed records in one append and hands back copies taken before the write is awaited. */
async function saveAll(discrepancies: Collection, records: Discrepancy[]): Promise<Discrepancy[]> {
  const written = discrepancies.putMany(records);
  const result = copyOf(records);
  await written;
  return result;
}

function existing(discrepancies: Collection, id: string): Discrepancy {
  const current = discrepancies.get(id);
  if (!current) throw notFoundError('discrepancies', id);
  return current;
}

type WriteOps = Pick<DiscrepancyRepo, 'upsertOpenMany' | 'setMessageRefs' | 'resolveMany'>;

function writeOps(discrepancies: Collection, clock: EmbeddedContext['clock']): WriteOps {
  return {
    async upsertOpenMany(batch) {
      const now = clock.now();
      // Unclosed ones this batch has written already, by key: a key given twice is updated the second time.
      const staged = new Map<string, Discrepancy>();
      const records: Discrepancy[] = [];
      const created: boolean[] = [];
      for (const found of batch) {
        const key = openDiscrepancyValue(found.customerId, found.objectId, found.kind);
        const current = staged.get(key) ?? discrepancies.findUnique(discrepancyIndexes.open, key);
        const record = nextOpen(current, found, now);
        staged.set(key, record);
        records.push(record);
        created.push(current === undefined);
      }
      const saved = await saveAll(discrepancies, records);
      return saved.map((discrepancy, i) => ({ discrepancy, created: created[i]! }));
    },
    async setMessageRefs(entries) {
      // By id, so an id given twice keeps the later ref.
      const records = new Map<string, Discrepancy>();
      let absent: string | undefined;
      for (const { id, messageRef } of entries) {
        const current = discrepancies.get(id);
        if (current) records.set(id, { ...current, messageRef: copyOf(messageRef) });
        else absent ??= id;
      }
      await saveAll(discrepancies, [...records.values()]);
      if (absent !== undefined) throw notFoundError('discrepancies', absent);
    },
    async resolveMany(ids) {
      const now = clock.now();
      const records: Discrepancy[] = [];
      for (const id of new Set(ids)) {
        const current = discrepancies.get(id);
        if (current?.status === 'open') records.push({ ...current, status: 'resolved', closedAt: now });
      }
      return saveAll(discrepancies, records);
    },
  };
}

type ReadOps = Pick<DiscrepancyRepo, 'get' | 'getMany' | 'listOpen' | 'countOpen' | 'list'>;

function readOps(discrepancies: Collection): ReadOps {
  return {
    async get(id) {
      return copyOf(discrepancies.get(id) ?? null);
    },
    async getMany(ids) {
      const found: Discrepancy[] = [];
      for (const id of new Set(ids)) {
        const discrepancy = discrepancies.get(id);
        if (discrepancy) found.push(discrepancy);
      }
      return copyOf(found);
    },
    async listOpen(customerId, kind) {
      const unclosed = discrepancies.inGroup(discrepancyIndexes.openByCustomer, customerId);
      const matches = kind === undefined ? unclosed : unclosed.filter((d) => d.kind === kind);
      return copyOf(matches.sort((a, b) => byTime(a.firstSeenAt, b.firstSeenAt)));
    },
    async countOpen(customerId) {
      return discrepancies.countInGroup(discrepancyIndexes.openByCustomer, customerId);
    },
    async list(customerId, options = {}) {
      // Ordered by summary, so that with a limit only the ones returned are read from disk.
      const entries = discrepancies.summariesInGroup(discrepancyIndexes.byCustomer, customerId).reverse();
      entries.sort((a, b) => byTime(b.summary.firstSeenAt, a.summary.firstSeenAt));
      const chosen = options.limit === undefined ? entries : entries.slice(0, options.limit);
      return copyOf(chosen.map(({ key }) => discrepancies.get(key) as Discrepancy));
    },
  };
}

type DecisionOps = Pick<DiscrepancyRepo, 'claimDecision' | 'completeDecision' | 'reopen' | 'setMessageRef'>;

function decisionOps(discrepancies: Collection, clock: EmbeddedContext['clock']): DecisionOps {
  const save = async (record: Discrepancy) => (await saveAll(discrepancies, [record]))[0] as Discrepancy;
  return {
    async setMessageRef(id, messageRef) {
      return save({ ...existing(discrepancies, id), messageRef: copyOf(messageRef) });
    },
    async claimDecision(id, decision) {
      const current = existing(discrepancies, id);
      if (current.status !== 'open') return { won: false, discrepancy: copyOf(current) };
      return { won: true, discrepancy: await save({ ...current, status: 'deciding', decision: copyOf(decision) }) };
    },
    async completeDecision(id, status, decision) {
      const current = existing(discrepancies, id);
      if (current.status !== 'deciding') throw discrepancyStateConflict(id, current.status, status);
      return save({ ...current, status, decision: copyOf(decision), closedAt: clock.now() });
    },
    async reopen(id, error) {
      const { decision: _cleared, ...current } = existing(discrepancies, id);
      if (current.status !== 'deciding') throw discrepancyStateConflict(id, current.status, 'reopened');
      return save({ ...current, status: 'open', lastError: error });
    },
  };
}

export function createDiscrepancyRepo({ collections, clock }: EmbeddedContext): DiscrepancyRepo {
  const discrepancies = collections.discrepancies;
  const writes = writeOps(discrepancies, clock);
  return {
    ...readOps(discrepancies),
    ...writes,
    ...decisionOps(discrepancies, clock),
    async upsertOpen(found) {
      return (await writes.upsertOpenMany([found]))[0]!;
    },
    async resolve(id) {
      return (await writes.resolveMany([id]))[0] ?? null;
    },
  };
}
