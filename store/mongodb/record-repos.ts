/** MongoDB append-mostly records: the audit log, idempotent operations and the intents to create a user. */
import { randomUUID } from 'node:crypto';
import type { Document } from 'mongodb';
import type { AuditRepo, CreationIntentRepo, OperationRepo } from '../ports';
import { assertStepName, upnKey, withoutUndefined } from '../record-changes';
import { notFoundError } from '../store-messages';
import type { AuditRecord, CreationIntent, Operation } from '../types';
import type { MongoContext } from './config-repos';
import { toRecord, toRecordOrNull, toRecords } from './documents';
import { isDuplicateKey } from './mongo-errors';

export function createAuditRepo({ db, clock }: MongoContext): AuditRepo {
  const audit = db.collection('audit');
  return {
    async append(record) {
      const stored = withoutUndefined({ ...record, id: randomUUID(), at: record.at ?? clock.now() }) as AuditRecord;
      await audit.insertOne({ ...stored });
      return stored;
    },
    async get(id) {
      return toRecordOrNull<AuditRecord>(await audit.findOne({ id }));
    },
    async list(filter = {}) {
      const query: Document = {};
      if (filter.customerId !== undefined) query.customerId = filter.customerId;
      if (filter.actor !== undefined) query.actor = filter.actor;
      const cursor = audit.find(query).sort({ at: -1, _id: -1 });
      if (filter.limit !== undefined) cursor.limit(filter.limit);
      return toRecords<AuditRecord>(await cursor.toArray());
    },
  };
}

export function createOperationRepo({ db, clock, updater }: MongoContext): OperationRepo {
  const operations = db.collection('operations');

  async function update(key: string, change: (current: Document) => Document): Promise<Operation> {
    const updatedAt = clock.now();
    const updated = await updater.update(operations, { _id: key as never }, (current) => ({
      ...change(current),
      updatedAt,
    }));
    if (!updated?.after) throw notFoundError('operations', key);
    return toRecord<Operation>(updated.after);
  }

  return {
    async begin(op) {
      const now = clock.now();
      const record = {
        ...withoutUndefined(op),
        state: 'started',
        steps: {},
        createdAt: now,
        updatedAt: now,
      } as Operation;
      try {
        await operations.insertOne({ _id: op.key as never, ...record });
        return { operation: record, created: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return {
          operation: toRecord<Operation>((await operations.findOne({ _id: op.key as never }))!),
          created: false,
        };
      }
    },
    async get(key) {
      return toRecordOrNull<Operation>(await operations.findOne({ _id: key as never }));
    },
    async recordStep(key, step, output) {
      assertStepName(step);
      return update(key, (current) => ({ ...current, steps: { ...current.steps, [step]: output } }));
    },
    async finish(key, state, outcome) {
      return update(key, (current) => ({ ...current, state, ...withoutUndefined(outcome) }));
    },
  };
}

export function createCreationIntentRepo({ db, clock }: MongoContext): CreationIntentRepo {
  const intents = db.collection('creationIntents');
  const idOf = (customerId: string, upn: string) => `${customerId}\n${upnKey(upn)}` as never;
  return {
    async record(intent) {
      const stored = { ...withoutUndefined(intent), createdAt: clock.now() } as CreationIntent;
      await intents.replaceOne({ _id: idOf(stored.customerId, stored.upn) }, { ...stored }, { upsert: true });
      return stored;
    },
    async find(customerId, upn) {
      return toRecordOrNull<CreationIntent>(await intents.findOne({ _id: idOf(customerId, upn) }));
    },
    async clear(customerId, upn) {
      return (await intents.deleteOne({ _id: idOf(customerId, upn) })).deletedCount === 1;
    },
  };
}
