/**
 * MongoDB discrepancies. openKey is "open" while a discrepancy is open or deciding and its id once closed, so the
 * unique index (customerId, objectId, kind, openKey) allows one unclosed discrepancy per user and kind.
 *
 * A batch reads every document it needs in one find, then writes through the updater's replaceEach (one bulk write,
 * or bulks of 25 on FerretDB) and one insertMany;
 * an item that lost a race to another writer is done again alone, the way the single call would.
 */
import { randomUUID } from 'node:crypto';
import type { Collection, Document } from 'mongodb';
import type { DiscrepancyRepo, FoundDiscrepancy, UpsertedDiscrepancy } from '../ports';
import { withoutUndefined } from '../record-changes';
import { discrepancyStateConflict, notFoundError } from '../store-messages';
import type { Discrepancy, DiscrepancyStatus, MessageRef } from '../types';
import type { MongoContext } from './config-repos';
import { roundsOfDistinct, unclosedFilter } from './discrepancy-batches';
import { toRecord, toRecordOrNull, toRecords } from './documents';
import { duplicatesOf, isDuplicateKey } from './mongo-errors';

const unclosed = { $in: ['open', 'deciding'] };

const keyOf = (d: Document) => `${String(d.customerId)}\n${String(d.objectId)}\n${String(d.kind)}`;

function seenOf(found: FoundDiscrepancy, now: Date): Document {
  return withoutUndefined({
    upn: found.upn,
    expected: found.expected,
    actual: found.actual,
    runId: found.runId,
    causedBy: found.causedBy,
    lastSeenAt: now,
  });
}

function newOpen(found: FoundDiscrepancy, now: Date): Document {
  const key = { customerId: found.customerId, objectId: found.objectId, kind: found.kind };
  return { ...key, ...seenOf(found, now), id: randomUUID(), status: 'open', firstSeenAt: now };
}

interface Discrepancies {
  collection: Collection;
  clock: MongoContext['clock'];
  updater: MongoContext['updater'];
}

/** Moves a discrepancy from the `from` state with `change`; not-found or conflict when it cannot. */
async function transition(
  { collection, updater }: Discrepancies,
  id: string,
  from: DiscrepancyStatus,
  wanted: string,
  change: (current: Document) => Document,
): Promise<Discrepancy> {
  const updated = await updater.update(collection, { id }, (current) =>
    current.status === from ? change(current) : null,
  );
  if (!updated) throw notFoundError('discrepancies', id);
  if (!updated.after) throw discrepancyStateConflict(id, updated.before.status as string, wanted);
  return toRecord<Discrepancy>(updated.after);
}

async function upsertOne(
  { collection, clock, updater }: Discrepancies,
  found: FoundDiscrepancy,
): Promise<UpsertedDiscrepancy> {
  const now = clock.now();
  const key = { customerId: found.customerId, objectId: found.objectId, kind: found.kind };
  const seen = seenOf(found, now);
  // Two syncs at once: both may try to insert; the unique index lets one win and the other then updates it.
  for (let attempt = 0; ; attempt++) {
    const updated = await updater.update(collection, { ...key, openKey: 'open' }, (current) => ({
      ...current,
      ...seen,
    }));
    if (updated?.after) return { discrepancy: toRecord<Discrepancy>(updated.after), created: false };
    const record = newOpen(found, now);
    try {
      await collection.insertOne({ ...record, openKey: 'open' });
      return { discrepancy: record as Discrepancy, created: true };
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= 3) throw error;
    }
  }
}

/** One batch of findings whose keys are all different: one find, one replaceEach, one insertMany. */
async function upsertDistinct(
  context: Discrepancies,
  batch: readonly FoundDiscrepancy[],
): Promise<UpsertedDiscrepancy[]> {
  const { collection, clock, updater } = context;
  const now = clock.now();
  const current = new Map<string, Document>();
  for (const document of await collection.find(unclosedFilter(batch)).toArray()) {
    current.set(keyOf(document), document);
  }
  const updates = batch.flatMap((found, index) => {
    const before = current.get(keyOf(found));
    return before ? [{ index, before, next: { ...before, ...seenOf(found, now) } }] : [];
  });
  const inserts = batch.flatMap((found, index) =>
    current.has(keyOf(found)) ? [] : [{ index, record: newOpen(found, now) }],
  );
  const results: (UpsertedDiscrepancy | null)[] = batch.map(() => null);
  const written = await updater.replaceEach(collection, updates);
  updates.forEach(({ index }, i) => {
    const after = written[i];
    if (after) results[index] = { discrepancy: toRecord<Discrepancy>(after), created: false };
  });
  if (inserts.length > 0) {
    const documents = inserts.map(({ record }) => ({ ...record, openKey: 'open' }));
    const lost = await duplicatesOf(() => collection.insertMany(documents, { ordered: false }));
    inserts.forEach(({ index, record }, i) => {
      if (!lost.has(i)) results[index] = { discrepancy: record as Discrepancy, created: true };
    });
  }
  // Lost races: another writer changed or created the same discrepancy meanwhile.
  return Promise.all(batch.map((found, index) => results[index] ?? upsertOne(context, found)));
}

async function byIds({ collection }: Discrepancies, ids: readonly string[]): Promise<Map<string, Document>> {
  const documents = await collection.find({ id: { $in: [...new Set(ids)] } }).toArray();
  return new Map(documents.map((document) => [document.id as string, document]));
}

async function setMessageRefOf(
  { collection, updater }: Discrepancies,
  id: string,
  messageRef: MessageRef,
): Promise<Discrepancy> {
  const updated = await updater.update(collection, { id }, (current) => ({ ...current, messageRef }));
  if (!updated?.after) throw notFoundError('discrepancies', id);
  return toRecord<Discrepancy>(updated.after);
}

async function resolveOne({ collection, clock, updater }: Discrepancies, id: string): Promise<Discrepancy | null> {
  const updated = await updater.update(collection, { id }, (current) =>
    current.status === 'open' ? { ...current, status: 'resolved', closedAt: clock.now(), openKey: id } : null,
  );
  return updated?.after ? toRecord<Discrepancy>(updated.after) : null;
}

type ReadOps = Pick<DiscrepancyRepo, 'get' | 'getMany' | 'listOpen' | 'countOpen' | 'list'>;

function readOps(context: Discrepancies): ReadOps {
  const { collection } = context;
  return {
    async get(id) {
      return toRecordOrNull<Discrepancy>(await collection.findOne({ id }));
    },
    async getMany(ids) {
      const found = await byIds(context, ids);
      return toRecords<Discrepancy>([...new Set(ids)].flatMap((id) => found.get(id) ?? []));
    },
    async listOpen(customerId, kind) {
      const query = kind === undefined ? { customerId, status: unclosed } : { customerId, status: unclosed, kind };
      return toRecords<Discrepancy>(await collection.find(query).sort({ firstSeenAt: 1, _id: 1 }).toArray());
    },
    async countOpen(customerId) {
      return collection.countDocuments({ customerId, status: unclosed });
    },
    async list(customerId, options = {}) {
      const cursor = collection.find({ customerId }).sort({ firstSeenAt: -1, _id: -1 });
      if (options.limit !== undefined) cursor.limit(options.limit);
      return toRecords<Discrepancy>(await cursor.toArray());
    },
  };
}

type BatchOps = Pick<DiscrepancyRepo, 'upsertOpenMany' | 'setMessageRefs' | 'resolveMany'>;

function batchOps(context: Discrepancies): BatchOps {
  const { collection, clock, updater } = context;
  return {
    async upsertOpenMany(batch) {
      const results: UpsertedDiscrepancy[] = [];
      for (const round of roundsOfDistinct(batch, keyOf)) {
        const done = await upsertDistinct(
          context,
          round.map((index) => batch[index]!),
        );
        round.forEach((index, i) => {
          results[index] = done[i]!;
        });
      }
      return results;
    },
    async setMessageRefs(entries) {
      // The later of an id given twice wins, as with two calls in a row.
      const wanted = new Map(entries.map(({ id, messageRef }) => [id, messageRef]));
      const found = await byIds(context, [...wanted.keys()]);
      const changes = [...found.values()].map((before) => ({
        before,
        next: { ...before, messageRef: wanted.get(before.id) },
      }));
      const written = await updater.replaceEach(collection, changes);
      await Promise.all(
        changes.flatMap(({ before }, i) =>
          written[i] ? [] : [setMessageRefOf(context, before.id, wanted.get(before.id)!)],
        ),
      );
      const absent = [...wanted.keys()].find((id) => !found.has(id));
      if (absent !== undefined) throw notFoundError('discrepancies', absent);
    },
    async resolveMany(ids) {
      const unique = [...new Set(ids)];
      const found = await byIds(context, unique);
      const now = clock.now();
      const open = unique.flatMap((id) => {
        const before = found.get(id);
        return before?.status === 'open' ? [before] : [];
      });
      const changes = open.map((before) => ({
        before,
        next: { ...before, status: 'resolved', closedAt: now, openKey: before.id },
      }));
      const written = await updater.replaceEach(collection, changes);
      const resolved = await Promise.all(
        changes.map(({ before }, i) =>
          written[i] ? toRecord<Discrepancy>(written[i]) : resolveOne(context, before.id),
        ),
      );
      return resolved.filter((discrepancy): discrepancy is Discrepancy => discrepancy !== null);
    },
  };
}

type DecisionOps = Pick<DiscrepancyRepo, 'claimDecision' | 'completeDecision' | 'reopen'>;

function decisionOps(context: Discrepancies): DecisionOps {
  const { collection, clock, updater } = context;
  return {
    async claimDecision(id, decision) {
      const updated = await updater.update(collection, { id }, (current) =>
        current.status === 'open' ? { ...current, status: 'deciding', decision: withoutUndefined(decision) } : null,
      );
      if (!updated) throw notFoundError('discrepancies', id);
      if (updated.after) return { won: true, discrepancy: toRecord<Discrepancy>(updated.after) };
      return { won: false, discrepancy: toRecord<Discrepancy>(updated.before) };
    },
    async completeDecision(id, status, decision) {
      return transition(context, id, 'deciding', status, (current) => ({
        ...current,
        status,
        decision: withoutUndefined(decision),
        closedAt: clock.now(),
        openKey: id,
      }));
    },
    async reopen(id, error) {
      return transition(context, id, 'deciding', 'reopened', ({ decision: _cleared, ...current }) => ({
        ...current,
        status: 'open',
        lastError: error,
      }));
    },
  };
}

export function createDiscrepancyRepo({ db, clock, updater }: MongoContext): DiscrepancyRepo {
  const context: Discrepancies = { collection: db.collection('discrepancies'), clock, updater };
  return {
    ...readOps(context),
    ...batchOps(context),
    ...decisionOps(context),
    upsertOpen: (found) => upsertOne(context, found),
    setMessageRef: (id, messageRef) => setMessageRefOf(context, id, messageRef),
    resolve: (id) => resolveOne(context, id),
  };
}
