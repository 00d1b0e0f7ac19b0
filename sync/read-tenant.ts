/**
 * Reads a tenant's users page by page, handing each page on before the next is fetched (memory stays flat):
 * a delta round from the stored link, or a full read — the delta link for "now" taken first, then every user —
 * on the first sync, when the link has expired, or when a periodic full pass is due (delta does not report every
 * licence change).
 */
import { M365Error } from '../m365/errors';
import type { DeltaPage, TenantClient } from '../m365/types';
import { syncedUserProperties } from './finding';

export type ReadMode = 'full' | 'delta';

export interface TenantPage {
  users: DeltaPage['users'];
  removed: DeltaPage['removed'];
}

export interface TenantReadResult {
  mode: ReadMode;
  /** Where the next round starts; stored only once the whole run succeeded. */
  deltaLink: string;
  usersRead: number;
  /** Why a delta round became a full read, for the log. */
  fullReason?: 'first-sync' | 'delta-expired' | 'periodic';
}

export interface ReadTenantOptions {
  deltaLink?: string;
  fullPassDue: boolean;
  pageSize?: number;
  onPage(page: TenantPage): Promise<void>;
}

const fullReadPageSize = 999;

export async function readTenant(tenant: TenantClient, options: ReadTenantOptions): Promise<TenantReadResult> {
  if (!options.deltaLink) return readFull(tenant, options, 'first-sync');
  if (options.fullPassDue) return readFull(tenant, options, 'periodic');
  let pages = 0;
  let usersRead = 0;
  try {
    for await (const page of tenant.readDelta(syncedUserProperties, options.deltaLink)) {
      pages++;
      usersRead += page.users.length;
      await options.onPage({ users: page.users, removed: page.removed });
      if (page.deltaLink) return { mode: 'delta', deltaLink: page.deltaLink, usersRead };
    }
  } catch (error) {
    // Only an expiry on the first request is a clean restart; later, pages were already handed on.
    if (error instanceof M365Error && error.code === 'delta-expired' && pages === 0) {
      return readFull(tenant, options, 'delta-expired');
    }
    throw error;
  }
  throw new M365Error('unexpected', `The delta round of tenant ${tenant.tenantId} ended without a delta link.`, {});
}

async function readFull(
  tenant: TenantClient,
  options: ReadTenantOptions,
  fullReason: TenantReadResult['fullReason'],
): Promise<TenantReadResult> {
  // Taken before the read, so the next delta round sees every change made during and after it.
  const deltaLink = await tenant.latestDeltaLink(syncedUserProperties);
  let usersRead = 0;
  for await (const users of tenant.listUsers(syncedUserProperties, options.pageSize ?? fullReadPageSize)) {
    usersRead += users.length;
    await options.onPage({ users, removed: [] });
  }
  return { mode: 'full', deltaLink, usersRead, fullReason };
}
