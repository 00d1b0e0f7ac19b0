import type { TenantClient } from './types';

/**
 * One TenantClient per tenant, kept while the tenant is used and dropped once idle, so a gateway serving a
 * thousand tenants holds only the ones still being synced or asked about. A tenant is used when its client is
 * asked for or any of its calls takes a token (a long sync keeps its tenant alive). Dropping a tenant also drops
 * its token cache (`forget`); a client still held elsewhere keeps working and signs in again when it must.
 */
export interface TenantClientCacheOptions {
  create(tenantId: string): TenantClient;
  forget(tenantId: string): void;
  now(): number;
  idleMs: number;
}

export interface TenantClientCache {
  clientFor(tenantId: string): TenantClient;
  /** Marks the tenant as used now. */
  touch(tenantId: string): void;
  /** How many tenants have a client (for tests and metrics). */
  size(): number;
}

/** Idle tenants are looked for at most this often, so a busy gateway does not walk its map on every call. */
const sweepEveryMs = 60_000;

export function createTenantClientCache(options: TenantClientCacheOptions): TenantClientCache {
  const entries = new Map<string, { client: TenantClient; usedAt: number }>();
  let sweptAt = options.now();

  const sweep = (now: number) => {
    if (now - sweptAt < Math.min(sweepEveryMs, options.idleMs)) return;
    sweptAt = now;
    for (const [tenantId, entry] of entries) {
      if (now - entry.usedAt < options.idleMs) continue;
      entries.delete(tenantId);
      options.forget(tenantId);
    }
  };

  return {
    clientFor(tenantId) {
      const now = options.now();
      sweep(now);
      let entry = entries.get(tenantId);
      if (!entry) {
        entry = { client: options.create(tenantId), usedAt: now };
        entries.set(tenantId, entry);
      }
      entry.usedAt = now;
      return entry.client;
    },
    touch(tenantId) {
      const entry = entries.get(tenantId);
      if (entry) entry.usedAt = options.now();
    },
    size: () => entries.size,
  };
}
