/** The domains of each customer's tenant, read through Graph and kept for a short while (resolution runs on every command). */
import type { Clock } from '../common/clock';
import type { M365Gateway, TenantDomain } from '../m365/types';

export interface TenantDomainCache {
  list(tenantId: string): Promise<TenantDomain[]>;
  /** Forget a tenant's domains (after we learn they changed). */
  forget(tenantId: string): void;
}

export function createTenantDomainCache(gateway: M365Gateway, clock: Clock, ttlMs = 60_000): TenantDomainCache {
  const entries = new Map<string, { at: number; domains: Promise<TenantDomain[]> }>();
  return {
    async list(tenantId) {
      const now = clock.now().getTime();
      const cached = entries.get(tenantId);
      if (cached && now - cached.at < ttlMs) return cached.domains;
      const domains = gateway.forTenant(tenantId).listDomains();
      entries.set(tenantId, { at: now, domains });
      try {
        return await domains;
      } catch (error) {
        entries.delete(tenantId); // a failed read must not be remembered
        throw error;
      }
    },
    forget(tenantId) {
      entries.delete(tenantId);
    },
  };
}

export function verifiedDomains(domains: readonly TenantDomain[]): TenantDomain[] {
  return domains
    .filter((domain) => domain.isVerified)
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.id.localeCompare(b.id));
}

export function initialDomain(domains: readonly TenantDomain[]): TenantDomain | undefined {
  return domains.find((domain) => domain.isInitial) ?? domains.find((domain) => domain.id.endsWith('.onmicrosoft.com'));
}
