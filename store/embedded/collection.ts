/**
 * An in-memory collection of the embedded store with MongoDB's unique-index behaviour. Every change is applied to
 * memory synchronously (so check-and-set in one call is atomic, as a single-document update is in MongoDB) and
 * journalled; the promise returned resolves when the change is on disk.
 */
import { StoreError } from '../errors';
import { duplicateError } from '../store-messages';
import type { Journal, StoredDocument } from './journal';

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
}

export class Collection<T extends object> {
  private readonly documents = new Map<string, T>();
  private readonly indexes: { index: UniqueIndex<T>; keys: Map<string, string> }[];

  constructor(
    private readonly definition: CollectionDefinition<T>,
    private readonly journal: Journal,
    stored: Map<string, StoredDocument> | undefined,
  ) {
    this.indexes = (definition.unique ?? []).map((index) => ({ index, keys: new Map<string, string>() }));
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
    this.journal.assertWritable();
    const key = this.definition.keyOf(document);
    this.assertNoClash(document, key);
    return this.write(key, document);
  }

  remove(key: string): Promise<void> {
    this.journal.assertWritable();
    this.unindex(key);
    this.documents.delete(key);
    return this.journal.append([{ collection: this.definition.name, key, document: null }]);
  }

  snapshot(): Map<string, StoredDocument> {
    return this.documents as unknown as Map<string, StoredDocument>;
  }

  private write(key: string, document: T): Promise<void> {
    this.unindex(key);
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

  private index(key: string, document: T): void {
    this.documents.set(key, document);
    for (const { index, keys } of this.indexes) keys.set(index.valueOf(document), key);
  }

  private unindex(key: string): void {
    const previous = this.documents.get(key);
    if (!previous) return;
    for (const { index, keys } of this.indexes) {
      const value = index.valueOf(previous);
      if (keys.get(value) === key) keys.delete(value);
    }
  }
}
