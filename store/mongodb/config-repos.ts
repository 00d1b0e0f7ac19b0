/** MongoDB repos for configuration-like records: plans, customers, access grants, settings, bindings, sync state. */
import type { Db, Document } from 'mongodb';
import type { Clock } from '../../common/clock';
import type { AccessRepo, BindingRepo, CustomerRepo, PlanRepo, SettingRepo, SyncStateRepo } from '../ports';
import { applyChanges, withoutUndefined } from '../record-changes';
import { notFoundError } from '../store-messages';
import type { AccessGrant, Customer, NotificationBinding, Plan, SyncState } from '../types';
import type { AtomicUpdater } from './atomic-update';
import { toRecord, toRecordOrNull, toRecords } from './documents';
import { isDuplicateKey } from './mongo-errors';

export interface MongoContext {
  db: Db;
  clock: Clock;
  updater: AtomicUpdater;
}

/** Inserts `record`, or atomically replaces the existing one with `change(current)`; retries a lost insert race. */
export async function upsertDocument(
  context: MongoContext,
  collectionName: string,
  id: string,
  fresh: () => Document,
  change: (current: Document) => Document,
): Promise<Document> {
  const collection = context.db.collection(collectionName);
  for (let attempt = 0; ; attempt++) {
    const updated = await context.updater.update(collection, { _id: id as never }, change);
    if (updated?.after) return updated.after;
    const document = { ...fresh(), _id: id as never };
    try {
      await collection.insertOne(document);
      return document;
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= 3) throw error;
    }
  }
}

/** create/upsert/get/list by id, shared by plans and customers. */
function createKeyedRepo<T extends { id: string; createdAt: Date; updatedAt: Date }>(
  context: MongoContext,
  name: 'plans' | 'customers',
) {
  const collection = context.db.collection(name);
  return {
    async create(input: Omit<T, 'createdAt' | 'updatedAt'>): Promise<T> {
      const now = context.clock.now();
      const record = { ...withoutUndefined(input), createdAt: now, updatedAt: now } as unknown as T;
      await collection.insertOne({ _id: record.id as never, ...record });
      return record;
    },
    async upsert(input: Omit<T, 'createdAt' | 'updatedAt'>): Promise<T> {
      const fields = withoutUndefined(input) as Document;
      const now = context.clock.now();
      const stored = await upsertDocument(
        context,
        name,
        input.id,
        () => ({ ...fields, createdAt: now, updatedAt: now }),
        (current) => ({ ...fields, createdAt: current.createdAt, updatedAt: now }),
      );
      return toRecord<T>(stored);
    },
    async get(id: string): Promise<T | null> {
      return toRecordOrNull<T>(await collection.findOne({ _id: id as never }));
    },
    async list(): Promise<T[]> {
      return toRecords<T>(await collection.find().sort({ _id: 1 }).toArray());
    },
  };
}

/** Shallow-merges changes into one document by id, atomically. */
function updateKeyed<T>(context: MongoContext, name: 'plans' | 'customers') {
  const collection = context.db.collection(name);
  return async (id: string, changes: object): Promise<T> => {
    const updatedAt = context.clock.now();
    const updated = await context.updater.update(collection, { _id: id as never }, (current) =>
      applyChanges(current, { ...changes, updatedAt }),
    );
    if (!updated?.after) throw notFoundError(name, id);
    return toRecord<T>(updated.after);
  };
}

export function createPlanRepo(context: MongoContext): PlanRepo {
  return { ...createKeyedRepo<Plan>(context, 'plans'), update: updateKeyed<Plan>(context, 'plans') };
}

export function createCustomerRepo(context: MongoContext): CustomerRepo {
  const customers = context.db.collection('customers');
  return {
    ...createKeyedRepo<Customer>(context, 'customers'),
    async findByTenantId(tenantId) {
      return toRecordOrNull<Customer>(await customers.findOne({ tenantId }, { sort: { _id: 1 } }));
    },
    update: updateKeyed<Customer>(context, 'customers'),
  };
}

export function createAccessRepo({ db, clock }: MongoContext): AccessRepo {
  const access = db.collection('access');
  const idOf = (identity: string, role: string) => `${identity}\n${role}`;
  return {
    async grant(identity, role, grantedBy) {
      const record: AccessGrant = { identity, role, grantedBy, grantedAt: clock.now() };
      try {
        await access.insertOne({ _id: idOf(identity, role) as never, ...record });
        return record;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return toRecord<AccessGrant>((await access.findOne({ _id: idOf(identity, role) as never }))!);
      }
    },
    async revoke(identity, role) {
      return (await access.deleteOne({ _id: idOf(identity, role) as never })).deletedCount === 1;
    },
    async rolesOf(identity) {
      return toRecords<AccessGrant>(await access.find({ identity }).toArray()).map((grant) => grant.role);
    },
    async list() {
      return toRecords<AccessGrant>(await access.find().sort({ identity: 1, role: 1 }).toArray());
    },
  };
}

export function createSettingRepo({ db }: MongoContext): SettingRepo {
  const settings = db.collection('settings');
  return {
    async get(key) {
      const stored = await settings.findOne({ _id: key as never });
      return stored ? (stored.value as string) : null;
    },
    async setIfAbsent(key, value) {
      try {
        await settings.insertOne({ _id: key as never, key, value });
        return value;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return (await settings.findOne({ _id: key as never }))!.value as string;
      }
    },
    async set(key, value) {
      await settings.replaceOne({ _id: key as never }, { key, value }, { upsert: true });
    },
  };
}

export function createBindingRepo({ db, clock }: MongoContext): BindingRepo {
  const bindings = db.collection('bindings');
  return {
    async bind(binding) {
      const record = { ...withoutUndefined(binding), boundAt: clock.now() } as NotificationBinding;
      await bindings.replaceOne({ _id: record.customerId as never }, record, { upsert: true });
      return record;
    },
    async get(customerId) {
      return toRecordOrNull<NotificationBinding>(await bindings.findOne({ _id: customerId as never }));
    },
    async findByChannel(platform, channelKey) {
      const found = await bindings.findOne({ platform, channelKey }, { sort: { boundAt: -1 } });
      return toRecordOrNull<NotificationBinding>(found);
    },
    async list() {
      return toRecords<NotificationBinding>(await bindings.find().sort({ _id: 1 }).toArray());
    },
  };
}

export function createSyncStateRepo(context: MongoContext): SyncStateRepo {
  const syncState = context.db.collection('syncState');
  return {
    async get(customerId) {
      return toRecordOrNull<SyncState>(await syncState.findOne({ _id: customerId as never }));
    },
    async put(customerId, changes) {
      const stored = await upsertDocument(
        context,
        'syncState',
        customerId,
        () => applyChanges({ customerId }, changes),
        (current) => applyChanges(current, changes),
      );
      return toRecord<SyncState>(stored);
    },
  };
}
