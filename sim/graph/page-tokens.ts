import { badRequest } from '../state/graph-fault';
import type { SortedIds } from '../state/user-index';

/** Opaque `$skiptoken` / `$deltatoken` values: base64url JSON the simulator alone reads. */

export function encodeToken(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string, kind: string): T {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T & { k?: string };
    if (value && typeof value === 'object' && value.k === kind) return value;
  } catch {
    // falls through to the refusal below
  }
  throw badRequest(`The ${kind === 'delta' ? '$deltatoken' : '$skiptoken'} '${token}' is not valid.`);
}

/** `$top` as Graph checks it: an integer from 1 to `max`. */
export function parseTop(value: string | null, fallback: number, max = 999): number {
  if (value === null) return fallback;
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > max) {
    throw badRequest(`Invalid page size specified: '${value}'. Must be between 1 and ${max} inclusive.`);
  }
  return top;
}

/**
 * One page read from a sorted id index, resuming after the cursor's key: `itemOf` turns an id into the page's item,
 * or undefined to leave it out (a filter). Costs the page plus what the filter skips, never a sort.
 */
export function pageOfIds<T>(
  ids: SortedIds,
  after: string | undefined,
  size: number,
  itemOf: (id: string) => T | undefined,
): { page: T[]; more: boolean } {
  const page: T[] = [];
  let more = false;
  ids.visitAfter(after, (id) => {
    const item = itemOf(id);
    if (item === undefined) return true;
    if (page.length < size) {
      page.push(item);
      return true;
    }
    more = true;
    return false;
  });
  return { page, more };
}

/** Items sorted by id, after the cursor, one page long (for small sets without an index: deleted users). */
export function pageAfter<T extends { id: string }>(
  items: T[],
  after: string | undefined,
  size: number,
): { page: T[]; more: boolean } {
  const sorted = items
    .filter((item) => after === undefined || item.id > after)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { page: sorted.slice(0, size), more: sorted.length > size };
}
