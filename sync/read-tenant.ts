/**
 * Reads a tenant's users page by page, handing each page on while the next is fetched (two pages at most):
 * a delta round from the stored link, or a full read — the delta link for "now" taken first, then every user —
 * on the first sync, when a periodic full pass is due (delta does not report every licence change), or when the
 * stored link cannot be followed: expired (410 Gone, syncStateNotFound), refused as invalid (400), or made against
 * another Graph endpoint than the configured one (the URL changed, the built-in simulator moved). Such a link is
 * dropped with a log line, never a failed run.
 */
import type { Logger } from '../common/logger';
import { readAhead } from '../common/read-ahead';
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
  fullReason?: FullReason;
}

export type FullReason = 'first-sync' | 'periodic' | DroppedLinkReason;

/** Why a stored delta link was dropped: expired, refused by Graph, or made against another endpoint. */
export type DroppedLinkReason = 'delta-expired' | 'delta-rejected' | 'delta-foreign';

export interface ReadTenantOptions {
  deltaLink?: string;
  fullPassDue: boolean;
  pageSize?: number;
  /** Told when the stored delta link is dropped (and why). */
  logger?: Logger;
  onPage(page: TenantPage): Promise<void>;
}

const fullReadPageSize = 999;

export async function readTenant(tenant: TenantClient, options: ReadTenantOptions): Promise<TenantReadResult> {
  if (!options.deltaLink) return readFull(tenant, options, 'first-sync');
  if (options.fullPassDue) return readFull(tenant, options, 'periodic');
  let pages = 0;
  let usersRead = 0;
  try {
    for await (const page of readAhead(tenant.readDelta(syncedUserProperties, options.deltaLink))) {
      pages++;
      usersRead += page.users.length;
      await options.onPage({ users: page.users, removed: page.removed });
      if (page.deltaLink) return { mode: 'delta', deltaLink: page.deltaLink, usersRead };
    }
  } catch (error) {
    // Only a refusal of the first request is a clean restart; later, pages were already handed on.
    const dropped = pages === 0 ? droppedLinkReason(error) : undefined;
    if (!dropped) throw error;
    options.logger?.warn(
      { err: error, reason: dropped, tenantId: tenant.tenantId },
      'the stored delta link cannot be followed; it is dropped and the tenant is read in full',
    );
    return readFull(tenant, options, dropped);
  }
  throw new M365Error('unexpected', `The delta round of tenant ${tenant.tenantId} ended without a delta link.`, {});
}

/**
 * A stored link Graph will not follow: expired (410 Gone with a Location, or syncStateNotFound / resyncRequired),
 * pointing elsewhere than the configured Graph, or answered 400 (a token Graph cannot read: the only thing a
 * stored link's first request carries is its token).
 */
function droppedLinkReason(error: unknown): DroppedLinkReason | undefined {
  if (!(error instanceof M365Error)) return undefined;
  if (error.code === 'delta-expired') {
    return error.details.reason === 'foreign-link' ? 'delta-foreign' : 'delta-expired';
  }
  if (error.code === 'bad-request') return 'delta-rejected';
  return undefined;
}

async function readFull(
  tenant: TenantClient,
  options: ReadTenantOptions,
  fullReason: TenantReadResult['fullReason'],
): Promise<TenantReadResult> {
  // Asked for first, alongside the first page (not a round trip before it), so the next delta round sees every
  // change made during and after the read.
  const deltaLink = tenant.latestDeltaLink(syncedUserProperties);
  deltaLink.catch(() => {}); // awaited below; a failed page may end the read first
  let usersRead = 0;
  const users = tenant.listUsers(syncedUserProperties, options.pageSize ?? fullReadPageSize);
  for await (const page of readAhead(users)) {
    if (usersRead === 0) await deltaLink;
    usersRead += page.length;
    await options.onPage({ users: page, removed: [] });
  }
  return { mode: 'full', deltaLink: await deltaLink, usersRead, fullReason };
}
