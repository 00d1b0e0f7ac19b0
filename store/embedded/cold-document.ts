/**
 * Documents the embedded store keeps on disk instead of in memory (closed discrepancies): a ColdDocument holds only
 * a summary (the fields indexes and ordering read) and where the whole document lies in the snapshot, and reads it
 * from there when asked. Reads are synchronous preads, so a compaction swapping the snapshot can never interleave
 * with one.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { decodeRecord } from './json-lines';

export type StoredDocument = Record<string, unknown>;

/** A snapshot file open for reading documents back. */
export class ColdFile {
  private descriptor: number | null;

  constructor(readonly path: string) {
    this.descriptor = openSync(path, 'r');
  }

  /** The bytes at `offset`; the caller knows they are one encoded document. */
  readBytes(offset: number, length: number): Buffer {
    if (this.descriptor === null) throw new Error(`The embedded store's snapshot ${this.path} is closed.`);
    const buffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const count = readSync(this.descriptor, buffer, read, length - read, offset + read);
      if (count === 0)
        throw new Error(`The embedded store's snapshot ${this.path} ends before offset ${offset + length}.`);
      read += count;
    }
    return buffer;
  }

  close(): void {
    if (this.descriptor === null) return;
    closeSync(this.descriptor);
    this.descriptor = null;
  }
}

export class ColdDocument {
  constructor(
    /** The fields kept in memory. */
    readonly summary: StoredDocument,
    readonly file: ColdFile,
    readonly offset: number,
    readonly length: number,
  ) {}

  /** The encoded document, as it lies in the snapshot (a compaction copies it as is). */
  bytes(): Buffer {
    return this.file.readBytes(this.offset, this.length);
  }

  /** The whole document, freshly decoded: a new object on every call. */
  read(): StoredDocument {
    return decodeRecord(this.bytes().toString('utf8')) as StoredDocument;
  }
}

/** Which documents may stay on disk once in the snapshot, and what of them stays in memory, by collection. */
export interface ColdPolicy {
  summaryIfCold(collection: string, document: StoredDocument): StoredDocument | undefined;
}
