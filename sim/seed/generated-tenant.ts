import type { SeedTenant } from '../types';

/**
 * A consented tenant of `users` generated people ("Given0 Surname0", "Given1 Surname1", …) on `<name>.example`,
 * each licensed with SPB, with `units` seats of SPB and of Business Basic: the large tenants of the sync tests and
 * the sync benchmark.
 */
export interface GeneratedTenantOptions {
  id: string;
  displayName: string;
  /** The domain's first label: `<name>.example` (default) and `<name>.onmicrosoft.com` (initial). */
  name: string;
  users: number;
  units: number;
}

export function generatedTenant(options: GeneratedTenantOptions): SeedTenant {
  const domain = `${options.name}.example`;
  return {
    id: options.id,
    displayName: options.displayName,
    consent: 'granted',
    domains: [
      { name: domain, verified: true, default: true },
      { name: `${options.name}.onmicrosoft.com`, verified: true, initial: true },
    ],
    skus: [
      { partNumber: 'SPB', units: options.units },
      { partNumber: 'O365_BUSINESS_ESSENTIALS', units: options.units },
    ],
    generated: [
      {
        domain,
        licenses: ['SPB'],
        usageLocation: 'US',
        names: Array.from({ length: options.users }, (_, i) => `Given${i} Surname${i}`),
      },
    ],
  };
}
