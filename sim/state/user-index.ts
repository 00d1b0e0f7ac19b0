/**
 * What a tenant keeps beside its users so that no write or page has to look at every user: active user ids in
 * order (paging resumes by key), active users by UPN, seats in use per SKU, and the mailboxes still to appear.
 * Only the directory rules (./directory.ts, ./mailboxes.ts) change it, on every write that moves a user in or out
 * of the active set, renames it or changes its licences.
 */
export interface UserIndex<User extends IndexedUser> {
  /** Active users' object ids, sorted. */
  ids: SortedIds;
  /** Active users by lower-cased UPN. */
  byUpn: Map<string, User>;
  /** Active users holding each SKU. */
  seats: Map<string, number>;
  /** Users whose mailbox is scheduled but not there yet (active or not: a restore brings them back). */
  pendingMailboxes: Set<User>;
  /** Users with group-based licence changes still to process (./group-licensing.ts). */
  pendingGroupLicenses: Set<User>;
}

/** What the index reads of a user (a SimUser, ./tenant-state.ts). */
export interface IndexedUser {
  id: string;
  userPrincipalName: string;
  assignedLicenses: readonly { skuId: string }[];
}

/** Below this many pending ids each goes in by binary search; above it they are appended and sorted at once. */
const spliceLimit = 64;

/**
 * Strings in code-unit order. Adds are kept aside until the next read, so seeding a tenant appends and sorts once
 * (n log n) while a single write between reads costs one binary search and one array move.
 */
export class SortedIds {
  private sorted: string[] = [];
  private pending: string[] = [];

  get size(): number {
    return this.sorted.length + this.pending.length;
  }

  add(id: string): void {
    this.pending.push(id);
  }

  remove(id: string): void {
    this.settle();
    const at = lowerBound(this.sorted, id);
    if (this.sorted[at] === id) this.sorted.splice(at, 1);
  }

  /**
   * Calls `visit` with each id greater than `after` (all of them without it), in order, until it answers false.
   * Nothing may be added or removed while visiting.
   */
  visitAfter(after: string | undefined, visit: (id: string) => boolean): void {
    this.settle();
    const ids = this.sorted;
    let at = after === undefined ? 0 : lowerBound(ids, after);
    if (after !== undefined && ids[at] === after) at += 1;
    for (; at < ids.length; at += 1) {
      if (!visit(ids[at] as string)) return;
    }
  }

  private settle(): void {
    if (this.pending.length === 0) return;
    if (this.pending.length <= spliceLimit) {
      for (const id of this.pending) this.sorted.splice(lowerBound(this.sorted, id), 0, id);
    } else {
      for (const id of this.pending) this.sorted.push(id);
      this.sorted.sort();
    }
    this.pending = [];
  }
}

/** The first index whose id is not below `id`. */
function lowerBound(ids: readonly string[], id: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ids[middle] as string) < id) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function createUserIndex<User extends IndexedUser>(): UserIndex<User> {
  return {
    ids: new SortedIds(),
    byUpn: new Map(),
    seats: new Map(),
    pendingMailboxes: new Set(),
    pendingGroupLicenses: new Set(),
  };
}

function countSeats(index: UserIndex<IndexedUser>, user: IndexedUser, delta: 1 | -1): void {
  for (const license of user.assignedLicenses) {
    index.seats.set(license.skuId, (index.seats.get(license.skuId) ?? 0) + delta);
  }
}

/** The user joined the active users (created or restored). */
export function indexActiveUser<User extends IndexedUser>(index: UserIndex<User>, user: User): void {
  index.ids.add(user.id);
  index.byUpn.set(user.userPrincipalName.toLowerCase(), user);
  countSeats(index, user, 1);
}

/** The user left the active users (soft-deleted). */
export function unindexActiveUser<User extends IndexedUser>(index: UserIndex<User>, user: User): void {
  index.ids.remove(user.id);
  if (index.byUpn.get(user.userPrincipalName.toLowerCase()) === user) {
    index.byUpn.delete(user.userPrincipalName.toLowerCase());
  }
  countSeats(index, user, -1);
}

/** Sets an active user's UPN and files it under the new one. */
export function setIndexedUpn<User extends IndexedUser>(index: UserIndex<User>, user: User, upn: string): void {
  index.byUpn.delete(user.userPrincipalName.toLowerCase());
  user.userPrincipalName = upn;
  index.byUpn.set(upn.toLowerCase(), user);
}

/** Replaces a user's licences, keeping the seat counts right while it is `active`. */
export function setIndexedLicenses<User extends IndexedUser>(
  index: UserIndex<User>,
  user: User,
  licenses: User['assignedLicenses'],
  active: boolean,
): void {
  if (active) countSeats(index, user, -1);
  user.assignedLicenses = licenses;
  if (active) countSeats(index, user, 1);
}
