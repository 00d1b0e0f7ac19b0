/**
 * Durability for the embedded store: an append-only journal of JSON lines (one line per document written or
 * deleted), fsynced before a write is acknowledged, replayed on open and compacted into a snapshot that replaces the
 * old one by atomic rename. A kill at any moment leaves either the old or the new snapshot plus a journal whose
 * only possible damage is a torn last line, which is dropped on open.
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { type FileHandle, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../common/logger';
import { StoreError } from '../errors';
import { decodeRecord, encodeRecord } from './json-lines';

export type StoredDocument = Record<string, unknown>;
/** Collection name -> document key -> document. */
export type StoredState = Map<string, Map<string, StoredDocument>>;

export interface JournalEntry {
  collection: string;
  key: string;
  /** The whole document after the write; null when deleted. */
  document: StoredDocument | null;
}

interface JournalLine {
  s: number;
  c: string;
  k: string;
  d: StoredDocument | null;
}

interface SnapshotFile {
  format: 1;
  seq: number;
  collections: Record<string, Record<string, StoredDocument>>;
}

interface PendingWrite {
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const snapshotName = 'snapshot.json';
const journalName = 'journal.jsonl';
/** Compact once the journal grows past this, so that replay on open stays short. */
const defaultCompactAfterBytes = 8 * 1024 * 1024;

export class Journal {
  private pending: PendingWrite[] = [];
  private flushing: Promise<void> | null = null;
  private failure: StoreError | null = null;
  private closed = false;

  private constructor(
    private readonly directory: string,
    private readonly file: FileHandle,
    private seq: number,
    private size: number,
    private readonly readState: () => StoredState,
    private readonly compactAfterBytes: number,
    private readonly logger?: Logger,
  ) {}

  /** Reads the snapshot and replays the journal; the state returned is what every acknowledged write left. */
  static async open(
    directory: string,
    readState: () => StoredState,
    options: { logger?: Logger; compactAfterBytes?: number } = {},
  ): Promise<{ journal: Journal; state: StoredState }> {
    const { logger } = options;
    await rm(path.join(directory, `${snapshotName}.tmp`), { force: true });
    const snapshot = await readSnapshot(directory);
    const state: StoredState = new Map();
    for (const [name, documents] of Object.entries(snapshot.collections)) {
      state.set(name, new Map(Object.entries(documents)));
    }
    const journalPath = path.join(directory, journalName);
    const replay = await readJournal(journalPath, logger);
    let seq = snapshot.seq;
    for (const line of replay.lines) {
      if (line.s <= snapshot.seq) continue;
      seq = line.s;
      const documents = state.get(line.c) ?? new Map<string, StoredDocument>();
      state.set(line.c, documents);
      if (line.d === null) documents.delete(line.k);
      else documents.set(line.k, line.d);
    }
    const file = await open(journalPath, 'a');
    if (replay.validBytes < replay.totalBytes) {
      // Drop the torn tail, or the next line would be glued onto it.
      await file.truncate(replay.validBytes);
      await file.sync();
    }
    const compactAfterBytes = options.compactAfterBytes ?? defaultCompactAfterBytes;
    const journal = new Journal(directory, file, seq, replay.validBytes, readState, compactAfterBytes, logger);
    return { journal, state };
  }

  /** Queues entries for the journal; resolves once they are on disk. Encodes now, so later edits are not seen. */
  append(entries: JournalEntry[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(closedError());
    const text = entries
      .map((entry) => `${encodeRecord({ s: ++this.seq, c: entry.collection, k: entry.key, d: entry.document })}\n`)
      .join('');
    return new Promise((resolve, reject) => {
      this.pending.push({ text, resolve, reject });
      this.startFlushing();
    });
  }

  /** Throws the write failure that stopped the journal, if any. */
  assertWritable(): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw closedError();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    try {
      if (!this.failure) await this.compact();
    } finally {
      await this.file.close();
    }
  }

  /** Closes the file without compacting, when opening failed after the journal was read. */
  async abandon(): Promise<void> {
    this.closed = true;
    await this.file.close();
  }

  private startFlushing(): void {
    if (this.flushing) return;
    this.flushing = this.flushPending().finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.startFlushing();
    });
  }

  /** Group commit: everything queued while the previous fsync ran goes out in one write and one fsync. */
  private async flushPending(): Promise<void> {
    while (this.pending.length > 0 && !this.failure) {
      const batch = this.pending.splice(0);
      const buffer = Buffer.from(batch.map((write) => write.text).join(''), 'utf8');
      try {
        await writeFully(this.file, buffer);
        await this.file.datasync();
        this.size += buffer.length;
      } catch (error) {
        this.stop(error, batch);
        return;
      }
      for (const write of batch) write.resolve();
      if (this.size > this.compactAfterBytes) {
        try {
          await this.compact();
        } catch (error) {
          this.stop(error, []);
        }
      }
    }
  }

  private stop(error: unknown, batch: PendingWrite[]): void {
    this.failure = new StoreError(
      'unavailable',
      `The embedded store could not write to ${this.directory}; check the disk and restart m365ops.`,
      { directory: this.directory, message: error instanceof Error ? error.message : String(error) },
      { cause: error },
    );
    this.logger?.error({ err: error, directory: this.directory }, 'embedded store write failed');
    for (const write of [...batch, ...this.pending.splice(0)]) write.reject(this.failure);
  }

  /** Writes the whole state as a new snapshot, then empties the journal. Only called between flushes. */
  private async compact(): Promise<void> {
    const collections: SnapshotFile['collections'] = {};
    for (const [name, documents] of this.readState()) collections[name] = Object.fromEntries(documents);
    const text = encodeRecord({ format: 1, seq: this.seq, collections } satisfies SnapshotFile);
    const target = path.join(this.directory, snapshotName);
    const temporary = `${target}.tmp`;
    await writeFile(temporary, text, { flush: true });
    await rename(temporary, target);
    syncDirectory(this.directory);
    await this.file.truncate(0);
    await this.file.sync();
    this.size = 0;
  }
}

async function readSnapshot(directory: string): Promise<SnapshotFile> {
  const file = path.join(directory, snapshotName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { format: 1, seq: 0, collections: {} };
    throw error;
  }
  try {
    const snapshot = decodeRecord(text) as SnapshotFile;
    if (snapshot.format !== 1 || typeof snapshot.seq !== 'number') throw new Error('unknown snapshot format');
    return snapshot;
  } catch (error) {
    throw new StoreError(
      'corrupt',
      `The embedded store's snapshot ${file} cannot be read; restore it from a backup or move the data directory aside.`,
      { file, message: error instanceof Error ? error.message : String(error) },
    );
  }
}

/**
 * Parses the journal. A kill mid-write can only damage the end of the file (a line without its newline, or bytes
 * that do not parse): that tail is dropped. Damage followed by good lines is not a torn write, and is refused.
 */
async function readJournal(
  file: string,
  logger?: Logger,
): Promise<{ lines: JournalLine[]; validBytes: number; totalBytes: number }> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], validBytes: 0, totalBytes: 0 };
    throw error;
  }
  const lines: JournalLine[] = [];
  let offset = 0;
  let badAt: number | null = null;
  while (offset < buffer.length) {
    const end = buffer.indexOf(0x0a, offset);
    const line = parseLine(buffer.subarray(offset, end === -1 ? buffer.length : end));
    if (end === -1 || line === null) {
      badAt ??= offset;
    } else if (badAt !== null) {
      throw new StoreError(
        'corrupt',
        `The embedded store's journal ${file} is damaged in the middle; restore it from a backup or move the data directory aside.`,
        { file, offset: badAt },
      );
    } else {
      lines.push(line);
    }
    offset = end === -1 ? buffer.length : end + 1;
  }
  const validBytes = badAt ?? buffer.length;
  if (validBytes < buffer.length) {
    logger?.warn({ file, droppedBytes: buffer.length - validBytes }, 'embedded store dropped a torn journal tail');
  }
  return { lines, validBytes, totalBytes: buffer.length };
}

function parseLine(bytes: Buffer): JournalLine | null {
  try {
    const line = decodeRecord(bytes.toString('utf8')) as JournalLine;
    return typeof line?.s === 'number' && typeof line.c === 'string' && typeof line.k === 'string' ? line : null;
  } catch {
    // Not JSON: a torn or damaged line, which the caller decides about.
    return null;
  }
}

async function writeFully(file: FileHandle, buffer: Buffer): Promise<void> {
  let written = 0;
  while (written < buffer.length) {
    const result = await file.write(buffer, written, buffer.length - written);
    written += result.bytesWritten;
  }
}

/** Makes a rename inside the directory durable. */
function syncDirectory(directory: string): void {
  const descriptor = openSync(directory, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

function closedError(): StoreError {
  return new StoreError('unavailable', 'The embedded store is closed; restart m365ops to open it again.');
}
