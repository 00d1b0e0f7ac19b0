/** Embedded approval requests: each closed in one synchronous check-and-set, so the first close wins. */
import type { ApprovalRequestRepo } from '../ports';
import { withoutUndefined } from '../record-changes';
import { newRequestId, requestIdKey } from '../request-ids';
import type { ApprovalRequest } from '../request-types';
import { notFoundError } from '../store-messages';
import { byTime, copyOf } from './copy';
import { type EmbeddedContext, requestIndexes } from './definitions';

export function createRequestRepo({ collections, clock }: EmbeddedContext): ApprovalRequestRepo {
  const requests = collections.requests;

  async function save(record: ApprovalRequest): Promise<ApprovalRequest> {
    const written = requests.put(record);
    const result = copyOf(record);
    await written;
    return result;
  }

  function existing(id: string): ApprovalRequest {
    const current = requests.get(requestIdKey(id));
    if (!current) throw notFoundError('requests', id);
    return current;
  }

  return {
    async create(request) {
      let id = newRequestId();
      while (requests.get(id)) id = newRequestId();
      const record: ApprovalRequest = {
        ...withoutUndefined(copyOf(request)),
        id,
        state: 'open',
        createdAt: clock.now(),
        messageRefs: [],
      };
      const written = requests.insert(record);
      const result = copyOf(record);
      await written;
      return result;
    },
    async get(id) {
      return copyOf(requests.get(requestIdKey(id)) ?? null);
    },
    async listOpen(customerId) {
      const open = requests.inGroup(requestIndexes.open, 'open');
      const matching = open.filter((request) => customerId === undefined || request.customerId === customerId);
      return copyOf(matching.sort((a, b) => byTime(a.createdAt, b.createdAt)));
    },
    async addMessageRef(id, ref) {
      const current = existing(id);
      return save({ ...current, messageRefs: [...current.messageRefs, copyOf(ref)] });
    },
    async close(id, closing) {
      const current = requests.get(requestIdKey(id));
      if (!current) return null;
      if (current.state !== 'open') return { won: false, request: copyOf(current) };
      // Checked and written in one synchronous step: no other call runs in between.
      const { by, byName, ...rest } = copyOf(closing);
      const closed = withoutUndefined({
        ...current,
        state: rest.state,
        decidedAt: rest.at,
        decidedBy: by,
        decidedByName: byName,
        comment: rest.comment,
      });
      return { won: true, request: await save(closed) };
    },
    async recordResult(id, outcome) {
      return save(withoutUndefined({ ...existing(id), result: outcome.result, error: outcome.error }));
    },
  };
}
