import { M365Error } from './errors';
import { type GraphPage, type GraphUser, toTenantUser } from './graph-shapes';
import type { TenantGraph } from './tenant-graph';
import type { DeltaPage, TenantUser } from './types';

/**
 * Reading a whole tenant: page by page through `@odata.nextLink`, and by delta rounds. Generators yield each
 * page as it arrives, so a 100k-user tenant is never held in memory; a failed page ends the read with its
 * error rather than a short list.
 */

function selectOf(select: readonly string[]): string {
  // Delta and paging key everything on the id, so it is always asked for.
  return [...new Set(['id', ...select])].join(',');
}

export async function* listUsers(
  graph: TenantGraph,
  select: readonly string[],
  pageSize = 999,
): AsyncIterable<TenantUser[]> {
  const top = Math.min(999, Math.max(1, Math.floor(pageSize)));
  let link: string | undefined = `/users?$select=${selectOf(select)}&$top=${top}`;
  while (link) {
    const page: GraphPage<GraphUser> = await graph.get<GraphPage<GraphUser>>(link);
    yield page.value.map(toTenantUser);
    link = page['@odata.nextLink'];
  }
}

function toDeltaPage(page: GraphPage<GraphUser>): DeltaPage {
  const users: TenantUser[] = [];
  const removed: DeltaPage['removed'] = [];
  for (const entry of page.value) {
    const removal = entry['@removed'];
    if (removal) removed.push({ id: entry.id, reason: removal.reason === 'deleted' ? 'deleted' : 'changed' });
    else users.push(toTenantUser(entry));
  }
  const deltaPage: DeltaPage = { users, removed };
  if (page['@odata.deltaLink']) deltaPage.deltaLink = page['@odata.deltaLink'];
  return deltaPage;
}

function lostThread(graph: TenantGraph): M365Error {
  return new M365Error(
    'unexpected',
    `Microsoft 365 ended a delta page for tenant ${graph.tenantId} with neither a next link nor a delta link.`,
    {},
  );
}

/**
 * A stored delta link made against another Graph endpoint (the configured URL changed, or the built-in simulator
 * came back on another port): never followed, since it would send the tenant's token elsewhere; the caller reads
 * the tenant in full instead.
 */
function foreignLink(graph: TenantGraph, deltaLink: string): M365Error {
  let host = 'an unreadable address';
  try {
    host = new URL(deltaLink).host;
  } catch {
    // the sentence says it could not be read
  }
  return new M365Error(
    'delta-expired',
    `The saved sync position for tenant ${graph.tenantId} points at ${host}, not at the configured Microsoft Graph; the tenant's users must be read in full again.`,
    { reason: 'foreign-link', host },
  );
}

/** One delta round. Query options go in the first call only: later links carry them in their tokens. */
export async function* readDelta(
  graph: TenantGraph,
  select: readonly string[],
  deltaLink?: string,
): AsyncIterable<DeltaPage> {
  if (deltaLink && !graph.ownsLink(deltaLink)) throw foreignLink(graph, deltaLink);
  let link: string | undefined = deltaLink ?? `/users/delta?$select=${selectOf(select)}`;
  while (link) {
    const page: GraphPage<GraphUser> = await graph.get<GraphPage<GraphUser>>(link);
    yield toDeltaPage(page);
    if (page['@odata.deltaLink']) return;
    link = page['@odata.nextLink'];
    if (!link) throw lostThread(graph);
  }
}

/** A delta link for "now": `$deltatoken=latest` enumerates nothing and answers only the link. */
export async function latestDeltaLink(graph: TenantGraph, select: readonly string[]): Promise<string> {
  let link: string | undefined = `/users/delta?$select=${selectOf(select)}&$deltatoken=latest`;
  while (link) {
    const page: GraphPage<GraphUser> = await graph.get<GraphPage<GraphUser>>(link);
    const deltaLink = page['@odata.deltaLink'];
    if (deltaLink) return deltaLink;
    link = page['@odata.nextLink'];
  }
  throw lostThread(graph);
}
