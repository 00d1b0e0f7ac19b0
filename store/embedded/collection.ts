/**
 * An in-memory collection of the embedded store with MongoDB's unique-index behaviour. Every change is applied to
 * memory synchronously (so check-and-set in one call is atomic, as a single-document update is in MongoDB) and
 * journalled; the promise returned resolves when the change is on disk. Unique and group indexes are kept in step
 * with every write, and rebuilt from the snapshot and journal on open, so lookups need no scan.
 */
import { StoreError } from '../errors';
import { duplicateError } from '../store-messages';
import { type GroupIndex, GroupMembers } from './group-index';
import type { Journal, JournalEntry, StoredDocument } from './journal';

export interface UniqueIndex<T> {
  /** Names the key in a duplicate error, e.g. "customer and UPN". */
  label: string;
  /** The indexed value; documents with the same value clash. */
  valueOf(document: T): string;
  /** The clashing value as a person would read it. */
  describe(document: T): string;
}

export interface CollectionDefinition<T> {
  name: string;
  /** The primary key (MongoDB's _id); parts joined by newlines. */
  keyOf(document: T): string;
  /** Names the primary key in a duplicate error; default "id". */
  keyLabel?: string;
  unique?: UniqueIndex<T>[];
  /** Secondary indexes that answer "every document of this group" without a scan. */
  groups?: GroupIndex<T>[];
}

export class Collection<T extends object> {
  private readonly documents = new Map<string, T>();
  private readonly indexes: { index: UniqueIndex<T>; keys: Map<string, string> }[];
  private readonly groups: GroupMembers<T>[];
  /** Each key's place in `documents`' iteration order (a Map keeps a key's place when its value is replaced). */
  private readonly positions = new Map<string, number>();
  private nextPosition = 0;

  constructor(
    private readonly definition: CollectionDefinition<T>,
    private readonly journal: Journal,
    stored: Map<string, StoredDocument> | undefined,
  ) {
    this.indexes = (definition.unique ?? []).map((index) => ({ index, keys: new Map<string, string>() }));
    this.groups = (definition.groups ?? []).map((index) => new GroupMembers(index));
    for (const [key, document] of stored ?? []) {
      if (this.indexes.some(({ index, keys }) => keys.has(index.valueOf(document as T)))) {
        throw new StoreError('corrupt', `The embedded store holds two ${definition.name} with the same unique key.`, {
          collection: definition.name,
          key,
        });
      }
      this.index(key, document as T);
    }
  }

  get name(): string {
    return this.definition.name;
  }

  /** The stored document itself: callers must copy before handing it out and must not mutate it. */
  get(key: string): T | undefined {
    return this.documents.get(key);
  }

  values(): IterableIterator<T> {
    return this.documents.values();
  }

  find(predicate: (document: T) => boolean): T | undefined {
    for (const document of this.documents.values()) if (predicate(document)) return document;
    return undefined;
  }

  filter(predicate: (document: T) => boolean): T[] {
    return [...this.documents.values()].filter(predicate);
  }

  /** The document holding `value` in one of this collection's unique indexes. */
  findUnique(index: UniqueIndex<T>, value: string): T | undefined {
    const entry = this.indexes.find((candidate) => candidate.index === index);
    if (!entry) throw new TypeError(`The ${this.definition.name} collection has no unique index "${index.label}".`);
    const key = entry.keys.get(value);
    return key === undefined ? undefined : this.documents.get(key);
  }

  /** The documents of one group, in the order `values()` would yield them. */
  inGroup(index: GroupIndex<T>, value: string): T[] {
    const keys = this.groupMembers(index).keysOf(value, (key) => this.positions.get(key) ?? 0);
    return Array.from(keys, (key) => this.documents.get(key) as T);
  }

  countInGroup(index: GroupIndex<T>, value: string): number {
    return this.groupMembers(index).count(value);
  }

  /** Inserts a new document; StoreError('duplicate') if its key or a unique value is taken. */
  insert(document: T): Promise<void> {
    this.journal.assertWritable();
    const key = this.definition.keyOf(document);
    if (this.documents.has(key)) {
      throw duplicateError(this.definition.name, this.definition.keyLabel ?? 'id', key.replaceAll('\n', ', '));
    }
    this.assertNoClash(document, key);
    return this.write(key, document);
  }

  /** Inserts or replaces the document with the same key; unique values of other documents still apply. */
  put(document: T): Promise<void> {
    return this.putMany([document]);
  }

  /**
   * put for each document in order, each seeing the ones before it, journalled in one append (one fsync). On a
   * unique clash the documents before the clashing one stay written, as with put one after another.
   */
  putMany(documents: readonly T[]): Promise<void> {
    this.journal.assertWritable();
    const entries: JournalEntry[] = [];
    try {
      for (const document of documents) {
        const key = this.definition.keyOf(document);
        this.assertNoClash(document, key);
        this.index(key, document);
        entries.push({ collection: this.definition.name, key, document: document as unknown as StoredDocument });
      }
    } catch (error) {
      // Memory holds the ones before the clash: journal them too. A failed append stops the journal, which logs it
      // and refuses every later write, so nothing is lost silently.
      if (entries.length > 0) this.journal.append(entries).catch(() => undefined);
      throw error;
    }
    return entries.length === 0 ? Promise.resolve() : this.journal.append(entries);
  }

  remove(key: string): Promise<void> {
    this.journal.assertWritable();
    this.unindex(key);
    return this.journal.append([{ collection: this.definition.name, key, document: null }]);
  }

  snapshot(): Map<string, StoredDocument> {
    return this.documents as unknown as Map<string, StoredDocument>;
  }

  private write(key: string, document: T): Promise<void> {
    this.index(key, document);
    return this.journal.append([
      { collection: this.definition.name, key, document: document as unknown as StoredDocument },
    ]);
  }

  private assertNoClash(document: T, key: string): void {
    for (const { index, keys } of this.indexes) {
      const owner = keys.get(index.valueOf(document));
      if (owner !== undefined && owner !== key) {
        throw duplicateError(this.definition.name, index.label, index.describe(document));
      }
    }
  }

  private groupMembers(index: GroupIndex<T>): GroupMembers<T> {
    const members = this.groups.find((candidate) => candidate.index === index);
    if (!members) throw new TypeError(`The ${this.definition.name} collection has no such group index.`);
    return members;
  }

  /** Stores the document under `key`, replacing any previous one, and brings every index up to date. */
  private index(key: string, document: T): void {
    const previous = this.documents.get(key);
    if (previous) {
      this.unindexUnique(key, previous);
      const position = this.positions.get(key) ?? 0;
      for (const members of this.groups) members.replace(previous, document, key, position);
    } else {
      const position = this.nextPosition++;
      this.positions.set(key, position);
      for (const members of this.groups) members.add(document, key, position);
    }
    this.documents.set(key, document);
    for (const { index, keys } of this.indexes) keys.set(index.valueOf(document), key);
  }

  /** Removes the document under `key` and its index entries. */
  private unindex(key: string): void {
    const previous = this.documents.get(key);
    if (!previous) return;
    this.unindexUnique(key, previous);
    for (const members of this.groups) members.delete(previous, key);
    this.positions.delete(key);
    this.documents.delete(key);
  }

  private unindexUnique(key: string, previous: T): void {
    for (const { index, keys } of this.indexes) {
      const value = index.valueOf(previous);
      if (keys.get(value) === key) keys.delete(value);
    }
  }
}
