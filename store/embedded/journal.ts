/**
 * Durability for the embedded store: an append-only journal of JSON lines (one line per document written or
 * deleted), fsynced before a write is acknowledged, replayed on open and compacted into a snapshot (snapshot-file.ts)
 * once the journal outgrows it, so the bytes compaction writes stay proportional to the bytes journalled. A kill at
 * any moment leaves either the old or the new snapshot plus a journal whose only possible damage is a torn last line,
 * which is dropped on open.
 */
import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../common/logger';
import { StoreError } from '../errors';
import type { ColdFile, ColdPolicy, StoredDocument } from './cold-document';
import { decodeRecord, encodeRecord } from './json-lines';
import { forEachLine } from './line-reader';
import { type CapturedCollection, type LoadedState, readSnapshot, writeSnapshot } from './snapshot-file';

export type { StoredDocument } from './cold-document';

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

interface PendingWrite {
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface JournalOptions {
  logger?: Logger;
  /** No compaction before the journal reaches this size, however small the snapshot (default 4 MiB). */
  compactAfterBytes?: number;
  /** Which documents stay on disk once in the snapshot; by default none. */
  coldPolicy?: ColdPolicy;
}

const journalName = 'journal.jsonl';
const defaultCompactAfterBytes = 4 * 1024 * 1024;
const noColdDocuments: ColdPolicy = { summaryIfCold: () => undefined };

/** Every collection as it stands, frozen for a compaction; called synchronously when one begins. */
export type CaptureState = () => CapturedCollection[];

export class Journal {
  private pending: PendingWrite[] = [];
  private flushing: Promise<void> | null = null;
  private failure: StoreError | null = null;
  private closed = false;
  private capture: CaptureState = () => [];

  private constructor(
    private readonly directory: string,
    private readonly file: FileHandle,
    private seq: number,
    private size: number,
    private snapshot: { bytes: number; file: ColdFile | null; legacy: boolean },
    private readonly compactAfterBytes: number,
    private readonly logger?: Logger,
  ) {}

  /** Reads the snapshot and replays the journal; the state returned is what every acknowledged write left. */
  static async open(
    directory: string,
    options: JournalOptions = {},
  ): Promise<{ journal: Journal; state: LoadedState }> {
    const { logger } = options;
    const snapshot = await readSnapshot(directory, options.coldPolicy ?? noColdDocuments);
    const { state } = snapshot;
    const journalPath = path.join(directory, journalName);
    let file: FileHandle | undefined;
    try {
      file = await open(journalPath, 'a+');
      let seq = snapshot.seq;
      const replay = await readJournal(file, journalPath, (line) => {
        if (line.s <= snapshot.seq) return;
        seq = line.s;
        const documents = state.get(line.c) ?? new Map();
        state.set(line.c, documents);
        if (line.d === null) documents.delete(line.k);
        else documents.set(line.k, line.d);
      });
      if (replay.validBytes < replay.totalBytes) {
        logger?.warn(
          { file: journalPath, droppedBytes: replay.totalBytes - replay.validBytes },
          'embedded store dropped a torn journal tail',
        );
        // Drop the torn tail, or the next line would be glued onto it.
        await file.truncate(replay.validBytes);
        await file.sync();
      }
      const compactAfterBytes = options.compactAfterBytes ?? defaultCompactAfterBytes;
      const held = { bytes: snapshot.bytes, file: snapshot.file, legacy: snapshot.legacy };
      const journal = new Journal(directory, file, seq, replay.validBytes, held, compactAfterBytes, logger);
      return { journal, state };
    } catch (error) {
      await file?.close();
      snapshot.file?.close();
      throw error;
    }
  }

  /**
   * Gives the journal its way to capture the state for compactions, and compacts at once when the snapshot is of an
   * earlier format or the journal has outgrown it already (a process killed before it could compact).
   */
  async attach(capture: CaptureState): Promise<void> {
    this.capture = capture;
    if (this.snapshot.legacy || this.isDue()) await this.compact();
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

  /** Stops writing and closes the files. No compaction: opening replays a journal no larger than the snapshot. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flushing;
    await this.abandon();
  }

  /** Closes the files without waiting for writes, when opening failed after the journal was read. */
  async abandon(): Promise<void> {
    this.closed = true;
    this.snapshot.file?.close();
    this.snapshot.file = null;
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
      if (this.isDue()) {
        try {
          await this.compact();
        } catch (error) {
          this.stop(error, []);
        }
      }
    }
  }

  /** Once the journal outgrows the snapshot, rewriting the snapshot costs no more than what was journalled. */
  private isDue(): boolean {
    return this.size > Math.max(this.compactAfterBytes, this.snapshot.bytes);
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

  /**
   * Streams the state as it stands now into a new snapshot, then empties the journal. Only called between flushes:
   * writes made meanwhile change memory but wait to be journalled, and the capture does not see them.
   */
  private async compact(): Promise<void> {
    const started = Date.now();
    const seq = this.seq;
    const journalBytes = this.size;
    const captured = this.capture();
    this.logger?.debug({ directory: this.directory, seq, journalBytes }, 'embedded store compaction started');
    const written = await writeSnapshot(this.directory, seq, captured);
    this.snapshot.file?.close();
    this.snapshot = { bytes: written.bytes, file: written.file, legacy: false };
    await this.file.truncate(0);
    await this.file.sync();
    this.size = 0;
    this.logger?.info(
      { directory: this.directory, seq, journalBytes, snapshotBytes: written.bytes, ms: Date.now() - started },
      'embedded store compacted',
    );
  }
}

/**
 * Replays the journal line by line. A kill mid-write can only damage the end of the file (a line without its
 * newline, or bytes that do not parse): that tail is left out and reported. Damage followed by good lines is not a
 * torn write, and is refused.
 */
async function readJournal(
  file: FileHandle,
  name: string,
  apply: (line: JournalLine) => void,
): Promise<{ validBytes: number; totalBytes: number }> {
  let badAt: number | null = null;
  const totalBytes = await forEachLine(file, ({ bytes, offset, terminated }) => {
    const line = terminated ? parseLine(bytes) : null;
    if (line === null) {
      badAt ??= offset;
    } else if (badAt !== null) {
      throw new StoreError(
        'corrupt',
        `The embedded store's journal ${name} is damaged in the middle; restore it from a backup or move the data directory aside.`,
        { file: name, offset: badAt },
      );
    } else {
      apply(line);
    }
  });
  return { validBytes: badAt ?? totalBytes, totalBytes };
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

function closedError(): StoreError {
  return new StoreError('unavailable', 'The embedded store is closed; restart m365ops to open it again.');
}
