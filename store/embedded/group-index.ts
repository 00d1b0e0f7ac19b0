/**
 * Secondary (non-unique) indexes of an embedded collection: each document belongs to at most one group per index,
 * and a group hands back its members' keys in the collection's own order (the order a scan of the collection would
 * meet them), so a query answered from a group returns exactly what a full scan would, ties included.
 */

export interface GroupIndex<T> {
  /** The group the document belongs to, or undefined when this index leaves it out. */
  groupOf(document: T): string | undefined;
}

interface Group {
  keys: Set<string>;
  /** Position of the last key added; a smaller one arriving later puts the set out of order. */
  last: number;
  inOrder: boolean;
}

/** The groups of one index: group value -> member keys. */
export class GroupMembers<T> {
  private readonly groups = new Map<string, Group>();

  constructor(readonly index: GroupIndex<T>) {}

  add(document: T, key: string, position: number): void {
    const value = this.index.groupOf(document);
    if (value === undefined) return;
    let group = this.groups.get(value);
    if (!group) {
      group = { keys: new Set<string>(), last: position, inOrder: true };
      this.groups.set(value, group);
    }
    if (position < group.last) group.inOrder = false;
    else group.last = position;
    group.keys.add(key);
  }

  delete(document: T, key: string): void {
    const value = this.index.groupOf(document);
    if (value === undefined) return;
    const group = this.groups.get(value);
    if (!group) return;
    group.keys.delete(key);
    if (group.keys.size === 0) this.groups.delete(value);
  }

  /** Moves the key when the document's group changed; a document staying in its group keeps its place. */
  replace(previous: T, next: T, key: string, position: number): void {
    if (this.index.groupOf(previous) === this.index.groupOf(next)) return;
    this.delete(previous, key);
    this.add(next, key, position);
  }

  count(value: string): number {
    return this.groups.get(value)?.keys.size ?? 0;
  }

  /** The group's keys in collection order; `positionOf` gives a key's place in the collection. */
  keysOf(value: string, positionOf: (key: string) => number): ReadonlySet<string> {
    const group = this.groups.get(value);
    if (!group) return new Set();
    if (!group.inOrder) {
      const sorted = [...group.keys].sort((a, b) => positionOf(a) - positionOf(b));
      group.keys = new Set(sorted);
      group.last = positionOf(sorted[sorted.length - 1] as string);
      group.inOrder = true;
    }
    return group.keys;
  }
}
