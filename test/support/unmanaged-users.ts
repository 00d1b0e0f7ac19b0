/** The built-in simulator's Fabrikam with users m365ops does not know, so its first sync posts a digest. */
import type { App } from '../../bot/server/app';

export const fabrikamTenantId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/**
 * Adds eight licensed users named `<prefix>.<n>@fabrikam.com` to the five the demo tenant holds: the first sync of
 * fabrikam finds 13 unmanaged-user discrepancies, over the digest threshold and over one listing page.
 */
export function addUnmanagedUsers(app: App, prefix: string): void {
  const control = app.simulator!.control;
  control.setSkuUnits(fabrikamTenantId, 'O365_BUSINESS_ESSENTIALS', 50);
  for (let n = 1; n <= 8; n++) {
    control.addUser(fabrikamTenantId, {
      userPrincipalName: `${prefix}.${n}@fabrikam.com`,
      displayName: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${n}`,
      usageLocation: 'DE',
      licenses: ['O365_BUSINESS_ESSENTIALS'],
    });
  }
}
