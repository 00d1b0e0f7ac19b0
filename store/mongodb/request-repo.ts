/** MongoDB approval requests, one document per id (_id); closing is one conditional update (atomic-update.ts). */
import type { Document } from 'mongodb';
import type { ApprovalRequestRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import { newRequestId, requestIdKey } from '../request-ids';
import type { ApprovalRequest } from '../request-types';
import { notFoundError } from '../store-messages';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull, toRecords } from './documents';
import { isDuplicateKey } from './mongo-errors';

export function createRequestRepo({ db, clock, updater }: MongoContext): ApprovalRequestRepo {
  const requests = db.collection('requests');

  async function change(id: string, next: (current: Document) => Document): Promise<ApprovalRequest> {
    const updated = await updater.update(requests, { _id: requestIdKey(id) as never }, next);
    if (!updated?.after) throw notFoundError('requests', id);
    return toRecord<ApprovalRequest>(updated.after);
  }

  return {
    async create(request) {
      for (;;) {
        const record = {
          ...withoutUndefined(request),
          id: newRequestId(),
          state: 'open',
          createdAt: clock.now(),
          messageRefs: [],
        } as ApprovalRequest;
        try {
          await requests.insertOne({ _id: record.id as never, ...record });
          return record;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }
    },
    async get(id) {
      return toRecordOrNull<ApprovalRequest>(await requests.findOne({ _id: requestIdKey(id) as never }));
    },
    async listOpen(customerId) {
      const query: Document = { state: 'open' };
      if (customerId !== undefined) query.customerId = customerId;
      return toRecords<ApprovalRequest>(await requests.find(query).sort({ createdAt: 1, _id: 1 }).toArray());
    },
    async addMessageRef(id, ref) {
      return change(id, (current) => ({ ...current, messageRefs: [...(current.messageRefs ?? []), ref] }));
    },
    async close(id, closing) {
      const { by, byName, state, at, comment } = closing;
      const updated = await updater.update(requests, { _id: requestIdKey(id) as never }, (current) =>
        current.state === 'open'
          ? withoutUndefined({ ...current, state, decidedAt: at, decidedBy: by, decidedByName: byName, comment })
          : null,
      );
      if (!updated) return null;
      if (updated.after) return { won: true, request: toRecord<ApprovalRequest>(updated.after) };
      return { won: false, request: toRecord<ApprovalRequest>(updated.before) };
    },
    async recordResult(id, outcome) {
      return change(id, (current) => {
        const next: Document = { ...current, result: outcome.result };
        if (outcome.error === undefined) delete next.error;
        else next.error = outcome.error;
        return next;
      });
    },
  };
}
