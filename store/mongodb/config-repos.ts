/** MongoDB repos for configuration-like records: plans, customers, access grants, settings, bindings, sync state. */
import type { Db } from 'mongodb';
import type { Clock } from '../../common/clock';
import type { AccessRepo, BindingRepo, CustomerRepo, PlanRepo, SettingRepo, SyncStateRepo } from '../ports';
import { splitChanges, withoutUndefined } from '../record-changes';
import { notFoundError } from '../store-messages';
import type { AccessGrant, Customer, NotificationBinding, Plan, SyncState } from '../types';
import { toRecord, toRecordOrNull, toRecords } from './documents';
import { isDuplicateKey } from './mongo-errors';

export interface MongoContext {
  db: Db;
  clock: Clock;
}

/** create/upsert/get/list by id, shared by plans and customers. */
function createKeyedRepo<T extends { id: string; createdAt: Date; updatedAt: Date }>(
  { db, clock }: MongoContext,
  name: 'plans' | 'customers',
) {
  const collection = db.collection(name);
  return {
    async create(input: Omit<T, 'createdAt' | 'updatedAt'>): Promise<T> {
      const now = clock.now();
      const record = { ...withoutUndefined(input), createdAt: now, updatedAt: now } as unknown as T;
      await collection.insertOne({ _id: record.id as never, ...record });
      return record;
    },
    async upsert(input: Omit<T, 'createdAt' | 'updatedAt'>): Promise<T> {
      const fields = withoutUndefined(input) as unknown as { id: string };
      const existing = await collection.findOne({ _id: fields.id as never }, { projection: { createdAt: 1 } });
      const now = clock.now();
      const record = { ...fields, createdAt: (existing?.createdAt as Date | undefined) ?? now, updatedAt: now };
      try {
        await collection.replaceOne({ _id: fields.id as never }, record, { upsert: true });
      } catch (error) {
        // Two upserts of a new id at once: the loser's insert clashes; replacing the winner's record is what we want.
        if (!isDuplicateKey(error)) throw error;
        await collection.replaceOne({ _id: fields.id as never }, record);
      }
      return record as unknown as T;
    },
    async get(id: string): Promise<T | null> {
      return toRecordOrNull<T>(await collection.findOne({ _id: id as never }));
    },
    async list(): Promise<T[]> {
      return toRecords<T>(await collection.find().sort({ _id: 1 }).toArray());
    },
  };
}

export function createPlanRepo(context: MongoContext): PlanRepo {
  return createKeyedRepo<Plan>(context, 'plans');
}

export function createCustomerRepo(context: MongoContext): CustomerRepo {
  const customers = context.db.collection('customers');
  return {
    ...createKeyedRepo<Customer>(context, 'customers'),
    async findByTenantId(tenantId) {
      return toRecordOrNull<Customer>(await customers.findOne({ tenantId }, { sort: { _id: 1 } }));
    },
    async update(id, changes) {
      const { set, unset } = splitChanges(changes);
      const updated = await customers.findOneAndUpdate(
        { _id: id as never },
        { $set: { ...set, updatedAt: context.clock.now() }, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
        { returnDocument: 'after' },
      );
      if (!updated) throw notFoundError('customers', id);
      return toRecord<Customer>(updated);
    },
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
      await settings.updateOne({ _id: key as never }, { $set: { key, value } }, { upsert: true });
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

export function createSyncStateRepo({ db }: MongoContext): SyncStateRepo {
  const syncState = db.collection('syncState');
  return {
    async get(customerId) {
      return toRecordOrNull<SyncState>(await syncState.findOne({ _id: customerId as never }));
    },
    async put(customerId, changes) {
      const { set, unset } = splitChanges(changes);
      const updated = await syncState.findOneAndUpdate(
        { _id: customerId as never },
        { $set: { ...set, customerId }, ...(Object.keys(unset).length ? { $unset: unset } : {}) },
        { upsert: true, returnDocument: 'after' },
      );
      return toRecord<SyncState>(updated!);
    },
  };
}
