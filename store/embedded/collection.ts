/**
 * A collection of the embedded store with MongoDB's unique-index behaviour. Every change is applied to memory
 * synchronously (so check-and-set in one call is atomic, as a single-document update is in MongoDB) and journalled;
 * the promise returned resolves when the change is on disk. Unique and group indexes are kept in step with every
 * write, and rebuilt from the snapshot and journal on open, so lookups need no scan.
 *
 * Documents are never changed in place: a write stores a new object. That is what lets a compaction capture the
 * collection by reference. Documents the definition calls cold (closed discrepancies) leave memory once they are in
 * the snapshot: only their summary stays, and reads load them back from disk.
 */
import { StoreError } from '../errors';
import { duplicateError } from '../store-messages';
import { ColdDocument, type StoredDocument } from './cold-document';
import { type GroupIndex, GroupMembers } from './group-index';
import type { Journal, JournalEntry } from './journal';
import type { CapturedCollection, CapturedEntry } from './snapshot-file';

export interface UniqueIndex<T> {
  /** Names the key in a duplicate error, e.g. "customer and UPN". */
  label: string;
  /** The indexed value; documents with the same value clash. Undefined leaves the document out of the index. */
  valueOf(document: T): string | undefined;
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
  /**
   * Documents that stay on disk once they are in the snapshot, and what of them stays in memory: the summary must
   * hold every field the unique and group indexes, and the repo's ordering, read.
   */
  cold?: { summaryIfCold(document: T): object | undefined };
}

/** A document of a group: its summary (the document itself when in memory), loaded whole only when asked. */
export interface GroupEntry<T> {
  key: string;
  summary: T;
}

type Entry<T> = T | ColdDocument;

export class Collection<T extends object> {
  private readonly documents = new Map<string, Entry<T>>();
  private readonly indexes: { index: UniqueIndex<T>; keys: Map<string, string> }[];
  private readonly groups: GroupMembers<T>[];
  /** Each key's place in `documents`' iteration order (a Map keeps a key's place when its value is replaced). */
  private readonly positions = new Map<string, number>();
  private nextPosition = 0;

  constructor(
    private readonly definition: CollectionDefinition<T>,
    private readonly journal: Journal,
    stored: Map<string, StoredDocument | ColdDocument> | undefined,
  ) {
    this.indexes = (definition.unique ?? []).map((index) => ({ index, keys: new Map<string, string>() }));
    this.groups = (definition.groups ?? []).map((index) => new GroupMembers(index));
    for (const [key, entry] of stored ?? []) {
      const document = viewOf(entry as Entry<T>);
      if (this.indexes.some(({ index, keys }) => hasValue(keys, index.valueOf(document)))) {
        throw new StoreError('corrupt', `The embedded store holds two ${definition.name} with the same unique key.`, {
          collection: definition.name,
          key,
        });
      }
      this.index(key, entry as Entry<T>);
    }
  }

  get name(): string {
    return this.definition.name;
  }

  /** The stored document (loaded from disk when cold): callers must copy before handing it out, never mutate it. */
  get(key: string): T | undefined {
    const entry = this.documents.get(key);
    return entry === undefined ? undefined : loadOf(entry);
  }

  *values(): IterableIterator<T> {
    for (const entry of this.documents.values()) yield loadOf(entry);
  }

  find(predicate: (document: T) => boolean): T | undefined {
    for (const document of this.values()) if (predicate(document)) return document;
    return undefined;
  }

  filter(predicate: (document: T) => boolean): T[] {
    return [...this.values()].filter(predicate);
  }

  /** The document holding `value` in one of this collection's unique indexes. */
  findUnique(index: UniqueIndex<T>, value: string): T | undefined {
    const entry = this.indexes.find((candidate) => candidate.index === index);
    if (!entry) throw new TypeError(`The ${this.definition.name} collection has no unique index "${index.label}".`);
    const key = entry.keys.get(value);
    return key === undefined ? undefined : this.get(key);
  }

  /** The documents of one group, in the order `values()` would yield them. */
  inGroup(index: GroupIndex<T>, value: string): T[] {
    return this.summariesInGroup(index, value).map(({ key }) => this.get(key) as T);
  }

  /** The summaries of one group's documents, in the order `values()` would yield them, loading none from disk. */
  summariesInGroup(index: GroupIndex<T>, value: string): GroupEntry<T>[] {
    const keys = this.groupMembers(index).keysOf(value, (key) => this.positions.get(key) ?? 0);
    return Array.from(keys, (key) => ({ key, summary: viewOf(this.documents.get(key) as Entry<T>) }));
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
    return this.putMany([document]);
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

  /**
   * Every document as it stands, by reference (documents are never changed in place), for a compaction; once the
   * snapshot is durable, the cold ones still unchanged by then are swapped for where they lie in it.
   */
  capture(): CapturedCollection {
    const captured: CapturedEntry[] = [];
    const current: Entry<T>[] = [];
    for (const [key, entry] of this.documents) {
      const summary =
        entry instanceof ColdDocument ? entry.summary : (this.definition.cold?.summaryIfCold(entry) ?? undefined);
      captured.push({
        key,
        document: entry instanceof ColdDocument ? entry : (entry as StoredDocument),
        summary: summary as StoredDocument | undefined,
      });
      current.push(entry);
    }
    return {
      name: this.definition.name,
      entries: captured,
      settle: (placed) => {
        placed.forEach((cold, i) => {
          const key = captured[i]!.key;
          // A document written since the capture is newer than the copy placed in the snapshot: it stays as is.
          if (cold && this.documents.get(key) === current[i]) this.documents.set(key, cold);
        });
      },
    };
  }

  private assertNoClash(document: T, key: string): void {
    for (const { index, keys } of this.indexes) {
      const value = index.valueOf(document);
      const owner = value === undefined ? undefined : keys.get(value);
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

  /** Stores the entry under `key`, replacing any previous one, and brings every index up to date. */
  private index(key: string, entry: Entry<T>): void {
    const document = viewOf(entry);
    const previous = this.documents.get(key);
    if (previous !== undefined) {
      const before = viewOf(previous);
      this.unindexUnique(key, before);
      const position = this.positions.get(key) ?? 0;
      for (const members of this.groups) members.replace(before, document, key, position);
    } else {
      const position = this.nextPosition++;
      this.positions.set(key, position);
      for (const members of this.groups) members.add(document, key, position);
    }
    this.documents.set(key, entry);
    for (const { index, keys } of this.indexes) {
      const value = index.valueOf(document);
      if (value !== undefined) keys.set(value, key);
    }
  }

  /** Removes the document under `key` and its index entries. */
  private unindex(key: string): void {
    const previous = this.documents.get(key);
    if (previous === undefined) return;
    const before = viewOf(previous);
    this.unindexUnique(key, before);
    for (const members of this.groups) members.delete(before, key);
    this.positions.delete(key);
    this.documents.delete(key);
  }

  private unindexUnique(key: string, previous: T): void {
    for (const { index, keys } of this.indexes) {
      const value = index.valueOf(previous);
      if (value !== undefined && keys.get(value) === key) keys.delete(value);
    }
  }
}

/** What the indexes read: the document, or the summary of a cold one. */
function viewOf<T>(entry: Entry<T>): T {
  return entry instanceof ColdDocument ? (entry.summary as T) : entry;
}

function loadOf<T>(entry: Entry<T>): T {
  return entry instanceof ColdDocument ? (entry.read() as T) : entry;
}

function hasValue(keys: Map<string, string>, value: string | undefined): boolean {
  return value !== undefined && keys.has(value);
}
