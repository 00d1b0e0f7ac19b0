/** Embedded append-mostly records: the audit log, idempotent operations and the intents to create a user. */
import { randomUUID } from 'node:crypto';
import type { AuditRepo, CreationIntentRepo, OperationRepo } from '../ports';
import { assertStepName, withoutUndefined } from '../record-changes';
import { notFoundError } from '../store-messages';
import type { AuditRecord, CreationIntent, Operation } from '../types';
import { byTime, copyOf } from './copy';
import { auditIndexes, type EmbeddedContext, upnValue } from './definitions';

export function createAuditRepo({ collections, clock }: EmbeddedContext): AuditRepo {
  const audit = collections.audit;
  return {
    async append(record) {
      const stored: AuditRecord = withoutUndefined({
        ...copyOf(record),
        id: randomUUID(),
        at: record.at ?? clock.now(),
      });
      const written = audit.insert(stored);
      const result = copyOf(stored);
      await written;
      return result;
    },
    async get(id) {
      return copyOf(audit.get(id) ?? null);
    },
    async list(filter = {}) {
      const candidates =
        filter.customerId !== undefined
          ? audit.inGroup(auditIndexes.byCustomer, filter.customerId)
          : filter.actor !== undefined
            ? audit.inGroup(auditIndexes.byActor, filter.actor)
            : [...audit.values()];
      const matches = candidates
        .filter(
          (record) =>
            (filter.customerId === undefined || record.customerId === filter.customerId) &&
            (filter.actor === undefined || record.actor === filter.actor),
        )
        .reverse();
      matches.sort((a, b) => byTime(b.at, a.at));
      return copyOf(filter.limit === undefined ? matches : matches.slice(0, filter.limit));
    },
  };
}

export function createOperationRepo({ collections, clock }: EmbeddedContext): OperationRepo {
  const operations = collections.operations;

  async function save(record: Operation): Promise<Operation> {
    const written = operations.put(record);
    const result = copyOf(record);
    await written;
    return result;
  }

  function existing(key: string): Operation {
    const current = operations.get(key);
    if (!current) throw notFoundError('operations', key);
    return current;
  }

  return {
    async begin(op) {
      const current = operations.get(op.key);
      if (current) return { operation: copyOf(current), created: false };
      const now = clock.now();
      const record: Operation = {
        ...withoutUndefined(copyOf(op)),
        state: 'started',
        steps: {},
        createdAt: now,
        updatedAt: now,
      };
      const written = operations.insert(record);
      const result = copyOf(record);
      await written;
      return { operation: result, created: true };
    },
    async get(key) {
      return copyOf(operations.get(key) ?? null);
    },
    async recordStep(key, step, output) {
      assertStepName(step);
      const current = existing(key);
      return save({ ...current, steps: { ...current.steps, [step]: copyOf(output) }, updatedAt: clock.now() });
    },
    async finish(key, state, outcome) {
      return save(withoutUndefined({ ...existing(key), state, ...copyOf(outcome), updatedAt: clock.now() }));
    },
  };
}

export function createCreationIntentRepo({ collections, clock }: EmbeddedContext): CreationIntentRepo {
  const intents = collections.creationIntents;
  return {
    async record(intent) {
      const stored: CreationIntent = { ...withoutUndefined(copyOf(intent)), createdAt: clock.now() };
      const written = intents.put(stored);
      const result = copyOf(stored);
      await written;
      return result;
    },
    async find(customerId, upn) {
      return copyOf(intents.get(upnValue(customerId, upn)) ?? null);
    },
    async clear(customerId, upn) {
      const key = upnValue(customerId, upn);
      if (!intents.get(key)) return false;
      await intents.remove(key);
      return true;
    },
  };
}
