/**
 * Conditional single-document updates that stay atomic on every backend we support.
 *
 * MongoDB and Cosmos DB apply findOneAndUpdate atomically, but FerretDB 1.x runs findAndModify and update as
 * read-then-replace without re-checking the filter (FerretDB issue #2168): two concurrent claims of one job could both
 * win, and a concurrent update could silently revert another. What all three do enforce atomically is a unique
 * index on insert. So every update here (1) reads the document, (2) computes its next version in JavaScript,
 * (3) wins the right to write revision `rev + 1` by inserting the marker `<collection>:<_id>:<rev>` into the
 * `revisions` collection (unique _id: of concurrent writers exactly one succeeds; the others re-read and
 * re-evaluate their condition), then (4) replaces the document filtered on its old `rev` and removes the marker.
 * A writer that dies between (3) and (4) leaves a marker behind; markers older than `abandonAfterMs` are cleared.
 */
import type { Collection, Db, Document, Sort } from 'mongodb';
import { sleep } from '../../common/clock';
import { isDuplicateKey } from './mongo-errors';

const abandonAfterMs = 30_000;
const maxRounds = 500;

export interface AtomicUpdater {
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
}

export function createAtomicUpdater(db: Db): AtomicUpdater {
  const revisions = db.collection('revisions');

  async function claim(marker: string): Promise<boolean> {
    try {
      await revisions.insertOne({ _id: marker as never, at: new Date() });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await revisions.deleteOne({ _id: marker as never, at: { $lt: new Date(Date.now() - abandonAfterMs) } });
      return false;
    }
  }

  return {
    async update(collection, filter, change, options = {}) {
      for (let round = 0; round < maxRounds; round++) {
        const before = await collection.findOne(filter, { sort: options.sort });
        if (!before) return null;
        const next = change(before);
        if (next === null) return { before, after: null };
        const rev = typeof before.rev === 'number' ? before.rev : 0;
        const marker = `${collection.collectionName}:${String(before._id)}:${rev}`;
        if (await claim(marker)) {
          const after = { ...next, _id: before._id, rev: rev + 1 };
          try {
            // The client drops undefined values (ignoreUndefined), so a document that never had a revision must
            // be matched by the field's absence; `rev: undefined` would match any revision.
            const sameRevision = typeof before.rev === 'number' ? before.rev : { $exists: false };
            const replaced = await collection.replaceOne({ _id: before._id, rev: sameRevision }, after);
            if (replaced.matchedCount === 1) return { before, after };
          } finally {
            await revisions.deleteOne({ _id: marker as never });
          }
        }
        // Another writer is changing this document: let it finish, then look again.
        await sleep(1 + Math.random() * 4 * Math.min(round + 1, 5));
      }
      throw new Error(`Gave up updating a ${collection.collectionName} document after ${maxRounds} contended rounds.`);
    },
  };
}
