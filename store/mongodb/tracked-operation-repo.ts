/** MongoDB tracked operations, one document per id (_id); each step change is one conditional update. */
import type { Document } from 'mongodb';
import { upnKey, withoutUndefined } from '../record-changes';
import { newRequestId, requestIdKey } from '../request-ids';
import { notFoundError } from '../store-messages';
import { sameMessage, type TrackedOperation, type TrackedOperationRepo, withStepChanged } from '../tracked-operation';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull, toRecords } from './documents';
import { isDuplicateKey } from './mongo-errors';

export function createTrackedOperationRepo({ db, clock, updater }: MongoContext): TrackedOperationRepo {
  const operations = db.collection('trackedOperations');
  const byId = (id: string) => ({ _id: requestIdKey(id) as never });

  async function change(id: string, next: (current: TrackedOperation) => TrackedOperation): Promise<TrackedOperation> {
    const updated = await updater.update(operations, byId(id), (current) => ({
      ...next(toRecord<TrackedOperation>(current)),
      upnKey: current.upnKey,
    }));
    if (!updated?.after) throw notFoundError('trackedOperations', id);
    return toRecord<TrackedOperation>(updated.after);
  }

  return {
    async create(operation) {
      for (;;) {
        const now = clock.now();
        const record = {
          ...withoutUndefined(operation),
          id: newRequestId(),
          messageRefs: [],
          createdAt: now,
          updatedAt: now,
        } as TrackedOperation;
        try {
          await operations.insertOne({ _id: record.id as never, upnKey: upnKey(record.upn), ...record });
          return record;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }
    },
    async get(id) {
      return toRecordOrNull<TrackedOperation>(await operations.findOne(byId(id)));
    },
    async list(customerId, filter = {}) {
      const query: Document = { customerId };
      if (filter.upn !== undefined) query.upnKey = upnKey(filter.upn);
      if (filter.kind !== undefined) query.kind = filter.kind;
      return toRecords<TrackedOperation>(await operations.find(query).sort({ createdAt: -1, _id: -1 }).toArray());
    },
    async setStep(id, key, stepChange, from) {
      let missingStep = false;
      const updated = await updater.update(operations, byId(id), (current) => {
        const step = (current.steps as TrackedOperation['steps']).find((candidate) => candidate.key === key);
        if (!step) {
          missingStep = true;
          return null;
        }
        if (from && !from.includes(step.state)) return null;
        const changed = withStepChanged(toRecord<TrackedOperation>(current), key, stepChange);
        return { ...changed, upnKey: current.upnKey } as Document;
      });
      if (!updated) return null;
      if (missingStep) throw notFoundError('trackedOperations', `${id} step ${key}`);
      if (updated.after) return { won: true, operation: toRecord<TrackedOperation>(updated.after) };
      return { won: false, operation: toRecord<TrackedOperation>(updated.before) };
    },
    async mergeInput(id, input) {
      return change(id, (current) => ({ ...current, input: { ...current.input, ...input }, updatedAt: clock.now() }));
    },
    async addMessageRef(id, ref) {
      return change(id, (current) =>
        current.messageRefs.some((kept) => sameMessage(kept, ref))
          ? current
          : { ...current, messageRefs: [...current.messageRefs, ref], updatedAt: clock.now() },
      );
    },
  };
}
