/**
 * Conditional single-document updates that stay atomic on every backend we support.
 *
 * Every update (1) reads the document, (2) computes its next version in JavaScript and (3) replaces it filtered on
 * the revision it read (`rev`, bumped by every write), reading again when another writer got there first. MongoDB
 * and Cosmos DB apply that filtered replace atomically, so nothing more is needed there.
 *
 * FerretDB 1.x does not: it runs findAndModify and update as read-then-replace without re-checking the filter
 * (FerretDB issue #2168), so two concurrent claims of one job could both win and a concurrent update could silently
 * revert another. What it does enforce atomically is a unique index on insert. So on FerretDB (`markers`) a writer
 * first wins the right to write revision `rev + 1` by inserting the marker `<collection>:<_id>:<rev>` into the
 * `revisions` collection (unique _id: of concurrent writers exactly one succeeds; the others re-read and
 * re-evaluate their condition), then replaces the document and removes the marker. A writer that dies in between
 * leaves a marker behind; markers older than `abandonAfterMs` are cleared.
 */
import type { AnyBulkWriteOperation, Collection, Db, Document, Sort } from 'mongodb';
import { sleep } from '../../common/clock';
import { duplicatesOf, isDuplicateKey } from './mongo-errors';

const abandonAfterMs = 30_000;
const maxRounds = 500;

export interface ReadAndNext {
  /** The document as read, with its `rev`. */
  before: Document;
  /** What should replace it (without `_id` and `rev`, which the updater sets). */
  next: Document;
}

export interface AtomicUpdater {
  /** True when every write claims a marker first (FerretDB). */
  readonly usesMarkers: boolean;
  /**
   * Finds the first document matching `filter` (in `sort` order) for which `change` returns a new document, and
   * replaces it atomically. `change` returns null to leave the document alone (its condition does not hold): then
   * the result is `{ before, after: null }`. Null when no document matches.
   */
  update(
    collection: Collection,
    filter: Document,
    change: (current: Document) => Document | null,
    options?: { sort?: Sort },
  ): Promise<{ before: Document; after: Document | null } | null>;
  /**
   * One round of `update` for many documents read beforehand, in one bulk write: each is replaced by its next
   * version if it is still the revision read. Returns, for each, the document written, or null where another writer
   * changed it first (the caller reads it again, through `update`). Only for collections whose documents are never
   * deleted: a lost race is detected by the replace's upsert colliding with the document's `_id`.
   */
  replaceEach(collection: Collection, changes: readonly ReadAndNext[]): Promise<(Document | null)[]>;
}

/** Revision filter: the client drops undefined values, so a document that never had one is matched by absence. */
function sameRevision(before: Document): unknown {
  return typeof before.rev === 'number' ? before.rev : { $exists: false };
}

function nextRevision(before: Document): number {
  return (typeof before.rev === 'number' ? before.rev : 0) + 1;
}

function markerOf(collection: Collection, before: Document): string {
  const rev = typeof before.rev === 'number' ? before.rev : 0;
  return `${collection.collectionName}:${String(before._id)}:${rev}`;
}

export function createAtomicUpdater(db: Db, options: { markers: boolean }): AtomicUpdater {
  const revisions = db.collection('revisions');

  async function claim(marker: string): Promise<boolean> {
    try {
      await revisions.insertOne({ _id: marker as never, at: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await clearAbandoned([marker]);
      return false;
    }
  }

  async function clearAbandoned(markers: string[]): Promise<void> {
    const before = new Date(Date.now() - abandonAfterMs);
    await revisions.deleteMany({ _id: { $in: markers as never[] }, at: { $lt: before } });
  }

  /** Claims the markers of many writes at once; true for each one won. */
  async function claimEach(markers: string[]): Promise<boolean[]> {
    const documents = markers.map((marker) => ({ _id: marker as never, at: new Date() }));
    const lost = await duplicatesOf(() => revisions.insertMany(documents, { ordered: false }));
    if (lost.size > 0) await clearAbandoned(markers.filter((_, i) => lost.has(i)));
    return markers.map((_, i) => !lost.has(i));
  }

  /**
   * MongoDB and Cosmos DB: each replace is filtered on the revision read and upserts, so one whose document changed
   * meanwhile collides with the document's own _id and is reported, by index, as a duplicate.
   */
  async function replaceIfSame(collection: Collection, changes: readonly ReadAndNext[]): Promise<(Document | null)[]> {
    const written = changes.map(({ before, next }) => ({ ...next, _id: before._id, rev: nextRevision(before) }));
    const operations: AnyBulkWriteOperation[] = changes.map(({ before }, i) => ({
      replaceOne: { filter: { _id: before._id, rev: sameRevision(before) }, replacement: written[i]!, upsert: true },
    }));
    const lost = await duplicatesOf(() => collection.bulkWrite(operations, { ordered: false }));
    return written.map((document, i) => (lost.has(i) ? null : document));
  }

  /**
   * FerretDB, markers held: a document still at the revision read can now be written by nobody else, so those are
   * replaced (no upsert: FerretDB stops an unordered bulk at its first failed upsert) and every replace matches. One
   * that moved on before its marker was taken is left for the caller to read again.
   */
  async function replaceClaimed(collection: Collection, changes: readonly ReadAndNext[]): Promise<(Document | null)[]> {
    const current = await collection.find({ _id: { $in: changes.map(({ before }) => before._id) } }).toArray();
    const revisionNow = new Map(current.map((document) => [String(document._id), document.rev]));
    const unchanged = changes.map(({ before }) => revisionNow.get(String(before._id)) === before.rev);
    const written = changes.map(({ before, next }) => ({ ...next, _id: before._id, rev: nextRevision(before) }));
    const operations: AnyBulkWriteOperation[] = changes.flatMap(({ before }, i) =>
      unchanged[i]
        ? [{ replaceOne: { filter: { _id: before._id, rev: sameRevision(before) }, replacement: written[i]! } }]
        : [],
    );
    if (operations.length > 0) {
      const result = await collection.bulkWrite(operations, { ordered: false });
      if (result.matchedCount !== operations.length) {
        throw new Error(`A ${collection.collectionName} bulk replace lost documents it held write markers for.`);
      }
    }
    return written.map((document, i) => (unchanged[i] ? document : null));
  }

  return {
    usesMarkers: options.markers,
    async update(collection, filter, change, updateOptions = {}) {
      for (let round = 0; round < maxRounds; round++) {
        const before = await collection.findOne(filter, { sort: updateOptions.sort });
        if (!before) return null;
        const next = change(before);
        if (next === null) return { before, after: null };
        const marker = markerOf(collection, before);
        if (!options.markers || (await claim(marker))) {
          const after = { ...next, _id: before._id, rev: nextRevision(before) };
          try {
            const replaced = await collection.replaceOne({ _id: before._id, rev: sameRevision(before) }, after);
            if (replaced.matchedCount === 1) return { before, after };
          } finally {
            if (options.markers) await revisions.deleteOne({ _id: marker as never });
          }
        }
        // Another writer is changing this document: let it finish, then look again.
        await sleep(1 + Math.random() * 4 * Math.min(round + 1, 5));
      }
      throw new Error(`Gave up updating a ${collection.collectionName} document after ${maxRounds} contended rounds.`);
    },
    async replaceEach(collection, changes) {
      if (changes.length === 0) return [];
      if (!options.markers) return replaceIfSame(collection, changes);
      const markers = changes.map(({ before }) => markerOf(collection, before));
      const claimed = await claimEach(markers);
      const won = changes.filter((_, i) => claimed[i]);
      try {
        const written = won.length === 0 ? [] : await replaceClaimed(collection, won);
        let next = 0;
        return claimed.map((isClaimed) => (isClaimed ? (written[next++] ?? null) : null));
      } finally {
        const ours = markers.filter((_, i) => claimed[i]);
        if (ours.length > 0) await revisions.deleteMany({ _id: { $in: ours as never[] } });
      }
    },
  };
}
