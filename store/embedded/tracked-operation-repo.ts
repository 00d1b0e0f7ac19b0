/** Embedded tracked operations: each step change checked and written in one synchronous step, so one call wins. */
import { upnKey, withoutUndefined } from '../record-changes';
import { newRequestId, requestIdKey } from '../request-ids';
import { notFoundError } from '../store-messages';
import { sameMessage, type TrackedOperation, type TrackedOperationRepo, withStepChanged } from '../tracked-operation';
import { byTime, copyOf } from './copy';
import { type EmbeddedContext, trackedOperationIndexes } from './definitions';

export function createTrackedOperationRepo({ collections, clock }: EmbeddedContext): TrackedOperationRepo {
  const operations = collections.trackedOperations;

  async function save(record: TrackedOperation): Promise<TrackedOperation> {
    const written = operations.put(record);
    const result = copyOf(record);
    await written;
    return result;
  }

  function existing(id: string): TrackedOperation {
    const current = operations.get(requestIdKey(id));
    if (!current) throw notFoundError('trackedOperations', id);
    return current;
  }

  return {
    async create(operation) {
      let id = newRequestId();
      while (operations.get(id)) id = newRequestId();
      const now = clock.now();
      const record: TrackedOperation = {
        ...withoutUndefined(copyOf(operation)),
        id,
        messageRefs: [],
        createdAt: now,
        updatedAt: now,
      };
      const written = operations.insert(record);
      const result = copyOf(record);
      await written;
      return result;
    },
    async get(id) {
      return copyOf(operations.get(requestIdKey(id)) ?? null);
    },
    async list(customerId, filter = {}) {
      const matching = operations
        .inGroup(trackedOperationIndexes.byCustomer, customerId)
        .filter((op) => filter.upn === undefined || upnKey(op.upn) === upnKey(filter.upn))
        .filter((op) => filter.kind === undefined || op.kind === filter.kind);
      return copyOf(matching.sort((a, b) => byTime(b.createdAt, a.createdAt) || (a.id < b.id ? 1 : -1)));
    },
    async setStep(id, key, change, from) {
      const current = operations.get(requestIdKey(id));
      if (!current) return null;
      const step = current.steps.find((candidate) => candidate.key === key);
      if (!step) throw notFoundError('trackedOperations', `${id} step ${key}`);
      if (from && !from.includes(step.state)) return { won: false, operation: copyOf(current) };
      // Checked and written in one synchronous step: no other call runs in between.
      const next = withStepChanged(current, key, copyOf(change)) as TrackedOperation;
      return { won: true, operation: await save(next) };
    },
    async mergeInput(id, input) {
      const current = existing(id);
      return save({ ...current, input: { ...current.input, ...copyOf(input) }, updatedAt: clock.now() });
    },
    async addMessageRef(id, ref) {
      const current = existing(id);
      if (current.messageRefs.some((kept) => sameMessage(kept, ref))) return copyOf(current);
      return save({ ...current, messageRefs: [...current.messageRefs, copyOf(ref)], updatedAt: clock.now() });
    },
  };
}
