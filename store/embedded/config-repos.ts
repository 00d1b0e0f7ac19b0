/** Embedded repos for configuration-like records: plans, customers, access grants, settings, bindings, sync state. */

import type { AccessRepo, BindingRepo, CustomerRepo, PlanRepo, SettingRepo, SyncStateRepo } from '../ports';
import { applyChanges, withoutUndefined } from '../record-changes';
import { notFoundError } from '../store-messages';
import type { AccessGrant, Customer, Plan, SyncState } from '../types';
import { copyOf } from './copy';
import type { EmbeddedContext } from './definitions';

export function createPlanRepo({ collections, clock }: EmbeddedContext): PlanRepo {
  const plans = collections.plans;
  return {
    async create(plan) {
      const now = clock.now();
      const record: Plan = { ...withoutUndefined(copyOf(plan)), createdAt: now, updatedAt: now };
      await plans.insert(record);
      return copyOf(record);
    },
    async upsert(plan) {
      const now = clock.now();
      const record: Plan = {
        ...withoutUndefined(copyOf(plan)),
        createdAt: plans.get(plan.id)?.createdAt ?? now,
        updatedAt: now,
      };
      const written = plans.put(record);
      const result = copyOf(record);
      await written;
      return result;
    },
    async get(id) {
      return copyOf(plans.get(id) ?? null);
    },
    async list() {
      return copyOf([...plans.values()].sort((a, b) => compareText(a.id, b.id)));
    },
    async update(id, changes) {
      const current = plans.get(id);
      if (!current) throw notFoundError('plans', id);
      const record = applyChanges(current, { ...copyOf(changes), updatedAt: clock.now() });
      const written = plans.put(record);
      const result = copyOf(record);
      await written;
      return result;
    },
  };
}

export function createCustomerRepo({ collections, clock }: EmbeddedContext): CustomerRepo {
  const customers = collections.customers;
  return {
    async create(customer) {
      const now = clock.now();
      const record: Customer = { ...withoutUndefined(copyOf(customer)), createdAt: now, updatedAt: now };
      await customers.insert(record);
      return copyOf(record);
    },
    async upsert(customer) {
      const now = clock.now();
      const record: Customer = {
        ...withoutUndefined(copyOf(customer)),
        createdAt: customers.get(customer.id)?.createdAt ?? now,
        updatedAt: now,
      };
      const written = customers.put(record);
      const result = copyOf(record);
      await written;
      return result;
    },
    async get(id) {
      return copyOf(customers.get(id) ?? null);
    },
    async findByTenantId(tenantId) {
      return copyOf(customers.find((customer) => customer.tenantId === tenantId) ?? null);
    },
    async list() {
      return copyOf([...customers.values()].sort((a, b) => compareText(a.id, b.id)));
    },
    async update(id, changes) {
      const current = customers.get(id);
      if (!current) throw notFoundError('customers', id);
      const record = applyChanges(current, { ...copyOf(changes), updatedAt: clock.now() });
      const written = customers.put(record);
      const result = copyOf(record);
      await written;
      return result;
    },
  };
}

export function createAccessRepo({ collections, clock }: EmbeddedContext): AccessRepo {
  const access = collections.access;
  return {
    async grant(identity, role, grantedBy) {
      const existing = access.get(`${identity}\n${role}`);
      if (existing) return copyOf(existing);
      const record: AccessGrant = { identity, role, grantedBy, grantedAt: clock.now() };
      await access.insert(record);
      return copyOf(record);
    },
    async revoke(identity, role) {
      const key = `${identity}\n${role}`;
      if (!access.get(key)) return false;
      await access.remove(key);
      return true;
    },
    async rolesOf(identity) {
      return access.filter((grant) => grant.identity === identity).map((grant) => grant.role);
    },
    async list() {
      return copyOf(
        [...access.values()].sort((a, b) => compareText(a.identity, b.identity) || compareText(a.role, b.role)),
      );
    },
  };
}

export function createSettingRepo({ collections }: EmbeddedContext): SettingRepo {
  const settings = collections.settings;
  return {
    async get(key) {
      return settings.get(key)?.value ?? null;
    },
    async setIfAbsent(key, value) {
      const existing = settings.get(key);
      if (existing) return existing.value;
      await settings.insert({ key, value });
      return value;
    },
    async set(key, value) {
      await settings.put({ key, value });
    },
  };
}

export function createBindingRepo({ collections, clock }: EmbeddedContext): BindingRepo {
  const bindings = collections.bindings;
  return {
    async bind(binding) {
      const record = { ...withoutUndefined(copyOf(binding)), boundAt: clock.now() };
      const written = bindings.put(record);
      const result = copyOf(record);
      await written;
      return result;
    },
    async get(customerId) {
      return copyOf(bindings.get(customerId) ?? null);
    },
    async findByChannel(platform, channelKey) {
      const matches = bindings.filter((b) => b.platform === platform && b.channelKey === channelKey);
      matches.sort((a, b) => b.boundAt.getTime() - a.boundAt.getTime());
      return copyOf(matches[0] ?? null);
    },
    async list() {
      return copyOf([...bindings.values()].sort((a, b) => compareText(a.customerId, b.customerId)));
    },
  };
}

export function createSyncStateRepo({ collections }: EmbeddedContext): SyncStateRepo {
  const syncState = collections.syncState;
  return {
    async get(customerId) {
      return copyOf(syncState.get(customerId) ?? null);
    },
    async put(customerId, changes) {
      const current: SyncState = syncState.get(customerId) ?? { customerId };
      const record = applyChanges(current, copyOf(changes));
      const written = syncState.put(record);
      const result = copyOf(record);
      await written;
      return result;
    },
  };
}

/** Binary order, as MongoDB sorts strings. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
