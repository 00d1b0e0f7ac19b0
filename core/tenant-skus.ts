/**
 * Each tenant's subscribed SKUs, kept for a short while so chat commands (`status`, `plans`, `add user`, the forms)
 * do not call Graph on every turn. A licence write through the runtime's gateway (create, assign, delete or
 * restore a user) refreshes the tenant's entry once it is done, so the next read sees the units it used or freed
 * without waiting for Graph itself (writes that come while a refresh is under way make one more after it); a
 * fresh read (the sync's, a decision's) replaces the entry.
 */
import type { Clock } from '../common/clock';
import type { M365Gateway, TenantClient, TenantSku } from '../m365/types';

export interface TenantSkuCache {
  /** The tenant's SKUs, read at most once per TTL (concurrent callers share one read). */
  list(tenantId: string): Promise<TenantSku[]>;
  /** Read now from Graph (and kept): when a cached count is too close to the limit to act on. */
  refresh(tenantId: string): Promise<TenantSku[]>;
  forget(tenantId: string): void;
}

interface Entry {
  at: number;
  skus: Promise<TenantSku[]>;
}

/** The methods of a TenantClient after which the tenant's licence counts may have changed. */
const licenceWrites = ['createUser', 'createLicensedUser', 'assignLicenses', 'deleteUser', 'restoreUser'] as const;

export function createTenantSkuCache(
  gateway: M365Gateway,
  clock: Clock,
  ttlMs = 60_000,
): { cache: TenantSkuCache; gateway: M365Gateway } {
  const entries = new Map<string, Entry>();
  /** Tenants being refreshed, and whether a write came since that refresh started. */
  const refreshing = new Map<string, { again: boolean }>();
  const remember = (tenantId: string, skus: Promise<TenantSku[]>) => {
    const entry = { at: clock.now().getTime(), skus };
    entries.set(tenantId, entry);
    // A failed read must not be remembered.
    skus.catch(() => {
      if (entries.get(tenantId) === entry) entries.delete(tenantId);
    });
    return skus;
  };
  const cache: TenantSkuCache = {
    list(tenantId) {
      const cached = entries.get(tenantId);
      if (cached && clock.now().getTime() - cached.at < ttlMs) return cached.skus;
      return remember(tenantId, gateway.forTenant(tenantId).listSkus());
    },
    refresh(tenantId) {
      return remember(tenantId, gateway.forTenant(tenantId).listSkus());
    },
    forget(tenantId) {
      entries.delete(tenantId);
    },
  };
  const refresh = (tenantId: string): void => {
    const under = refreshing.get(tenantId);
    if (under) {
      under.again = true;
      return;
    }
    const state = { again: false };
    refreshing.set(tenantId, state);
    const settle = () => {
      refreshing.delete(tenantId);
      if (state.again) refresh(tenantId);
    };
    remember(tenantId, gateway.forTenant(tenantId).listSkus()).then(settle, settle);
  };
  const forTenant = (tenantId: string): TenantClient =>
    watchLicenceWrites(gateway.forTenant(tenantId), {
      read: (skus) => remember(tenantId, skus),
      wrote: () => refresh(tenantId),
    });
  return { cache, gateway: { ...bindAll(gateway), forTenant } };
}

function bindAll(gateway: M365Gateway): M365Gateway {
  return {
    forTenant: (tenantId) => gateway.forTenant(tenantId),
    verifyConsent: (tenantId) => gateway.verifyConsent(tenantId),
    readAppRoles: (tenantId, api) => gateway.readAppRoles(tenantId, api),
    adminConsentUrl: (options) => gateway.adminConsentUrl(options),
  };
}

function watchLicenceWrites(
  client: TenantClient,
  on: { read(skus: Promise<TenantSku[]>): Promise<TenantSku[]>; wrote(): void },
): TenantClient {
  const writes = new Set<string>(licenceWrites);
  return new Proxy(client, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name === 'listSkus') return () => on.read(target.listSkus());
      if (typeof name !== 'string' || !writes.has(name) || typeof value !== 'function') return value;
      // Forgotten whatever the outcome: a write that failed half-way (a batch, a timeout) may still have used units.
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).finally(on.wrote);
    },
  });
}
