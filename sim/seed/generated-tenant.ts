import type { SeedTenant } from '../types';

/**
 * A consented tenant of `users` generated people ("Given0 Surname0", "Given1 Surname1", …) on `<name>.example`,
 * each licensed with SPB, with `units` seats of SPB and of Business Basic: the large tenants of the sync tests and
 * the sync benchmark. Groups: All Staff (everyone), Sales (the first ten) and a licensing group without members.
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
    groups: [
      { displayName: 'All Staff', kind: 'microsoft365', members: 'all' },
      {
        displayName: 'Sales',
        members: Array.from({ length: Math.min(options.users, 10) }, (_, i) => `given${i}.surname${i}`),
      },
      { displayName: 'Licence - Business Basic', licenses: ['O365_BUSINESS_ESSENTIALS'] },
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
