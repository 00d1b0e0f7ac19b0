/**
 * The embedded store's snapshot: JSON lines, a header `{"format":2,"seq":N}` then one line per document
 * `{"c":<collection>,"k":<key>,"d":<document>}`. Written as a stream into a temporary file that replaces the old
 * snapshot by atomic rename, and read as a stream; documents the cold policy names stay on disk, read back by offset.
 * A snapshot of format 1 (one JSON object, `snapshot.json`) from earlier versions is still read.
 */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../errors';
import { ColdDocument, ColdFile, type ColdPolicy, type StoredDocument } from './cold-document';
import { decodeRecord, encodeRecord } from './json-lines';
import { forEachLine } from './line-reader';

export const snapshotName = 'snapshot.jsonl';
const legacySnapshotName = 'snapshot.json';
const writeChunkBytes = 1024 * 1024;

/** Collection name -> document key -> the document, or where it lies on disk. */
export type LoadedState = Map<string, Map<string, StoredDocument | ColdDocument>>;

export interface LoadedSnapshot {
  seq: number;
  bytes: number;
  /** The snapshot open for reading cold documents back; null when there is none or it is of format 1. */
  file: ColdFile | null;
  state: LoadedState;
  /** Format 1: to be rewritten as format 2 (and the old file removed) by the next compaction. */
  legacy: boolean;
}

export interface CapturedEntry {
  key: string;
  document: StoredDocument | ColdDocument;
  /** Present when the document may stay on disk once in the snapshot: what of it stays in memory. */
  summary?: StoredDocument;
}

/** One collection as it stood when a compaction began. */
export interface CapturedCollection {
  name: string;
  entries: CapturedEntry[];
  /** Once the new snapshot is durable: where each entry with a summary now lies (undefined for the others). */
  settle(placed: (ColdDocument | undefined)[]): void;
}

export interface WrittenSnapshot {
  bytes: number;
  file: ColdFile;
}

/** The start of a document's line, up to its document: the document's offset in the line is this one's length. */
function linePrefix(collection: string, key: string): string {
  return `{"c":${JSON.stringify(collection)},"k":${JSON.stringify(key)},"d":`;
}

const lineEnd = Buffer.from('}\n');

function corruptSnapshot(file: string, detail: string): StoreError {
  return new StoreError(
    'corrupt',
    `The embedded store's snapshot ${file} cannot be read; restore it from a backup or move the data directory aside.`,
    { file, message: detail },
  );
}

export async function readSnapshot(directory: string, policy: ColdPolicy): Promise<LoadedSnapshot> {
  await rm(path.join(directory, `${snapshotName}.tmp`), { force: true });
  const file = path.join(directory, snapshotName);
  try {
    return await readLines(file, policy);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return readLegacy(path.join(directory, legacySnapshotName));
}

async function readLines(file: string, policy: ColdPolicy): Promise<LoadedSnapshot> {
  const handle = await open(file, 'r');
  const cold = new ColdFile(file);
  const state: LoadedState = new Map();
  let seq: number | undefined;
  try {
    const bytes = await forEachLine(handle, ({ bytes: line, offset, terminated }) => {
      const record = parseLine(file, line, terminated, offset);
      if (seq === undefined) {
        if (record.format !== 2 || typeof record.seq !== 'number') throw corruptSnapshot(file, 'unknown header');
        seq = record.seq;
        return;
      }
      const { c, k, d } = record as { c: string; k: string; d: StoredDocument };
      const documents = state.get(c) ?? new Map<string, StoredDocument | ColdDocument>();
      state.set(c, documents);
      const summary = policy.summaryIfCold(c, d);
      const prefix = summary ? Buffer.from(linePrefix(c, k)) : undefined;
      if (summary && prefix && line.subarray(0, prefix.length).equals(prefix) && line.at(-1) === 0x7d) {
        documents.set(k, new ColdDocument(summary, cold, offset + prefix.length, line.length - prefix.length - 1));
      } else {
        documents.set(k, d);
      }
    });
    if (seq === undefined) throw corruptSnapshot(file, 'empty');
    return { seq, bytes, file: cold, state, legacy: false };
  } catch (error) {
    cold.close();
    throw error;
  } finally {
    await handle.close();
  }
}

function parseLine(file: string, line: Buffer, terminated: boolean, offset: number): Record<string, unknown> {
  if (!terminated) throw corruptSnapshot(file, `last line at ${offset} has no end`);
  try {
    return decodeRecord(line.toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw corruptSnapshot(file, `line at ${offset}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readLegacy(file: string): Promise<LoadedSnapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { seq: 0, bytes: 0, file: null, state: new Map(), legacy: false };
  }
  let snapshot: { format?: unknown; seq?: unknown; collections?: Record<string, Record<string, StoredDocument>> };
  try {
    snapshot = decodeRecord(text) as typeof snapshot;
  } catch (error) {
    throw corruptSnapshot(file, error instanceof Error ? error.message : String(error));
  }
  if (snapshot.format !== 1 || typeof snapshot.seq !== 'number') throw corruptSnapshot(file, 'unknown snapshot format');
  const state: LoadedState = new Map();
  for (const [name, documents] of Object.entries(snapshot.collections ?? {})) {
    state.set(name, new Map(Object.entries(documents)));
  }
  return { seq: snapshot.seq, bytes: Buffer.byteLength(text), file: null, state, legacy: true };
}

/**
 * Streams the captured collections into a new snapshot and puts it in place of the old one; cold documents are
 * copied byte for byte from where they lie. Returns the new snapshot open for reading, after settling every
 * collection on it.
 */
export async function writeSnapshot(
  directory: string,
  seq: number,
  collections: readonly CapturedCollection[],
): Promise<WrittenSnapshot> {
  const target = path.join(directory, snapshotName);
  const temporary = `${target}.tmp`;
  const out = await open(temporary, 'w');
  let position = 0;
  let queued: Buffer[] = [];
  let queuedBytes = 0;
  const push = (buffer: Buffer) => {
    queued.push(buffer);
    queuedBytes += buffer.length;
    position += buffer.length;
  };
  const flush = async () => {
    const buffer = Buffer.concat(queued, queuedBytes);
    queued = [];
    queuedBytes = 0;
    let written = 0;
    while (written < buffer.length) written += (await out.write(buffer, written)).bytesWritten;
  };
  const spots: ({ offset: number; length: number } | undefined)[][] = [];
  try {
    push(Buffer.from(`${JSON.stringify({ format: 2, seq })}\n`));
    for (const collection of collections) {
      const ofCollection: ({ offset: number; length: number } | undefined)[] = [];
      for (const entry of collection.entries) {
        const prefix = Buffer.from(linePrefix(collection.name, entry.key));
        const body =
          entry.document instanceof ColdDocument ? entry.document.bytes() : Buffer.from(encodeRecord(entry.document));
        push(prefix);
        ofCollection.push(entry.summary ? { offset: position, length: body.length } : undefined);
        push(body);
        push(lineEnd);
        if (queuedBytes >= writeChunkBytes) await flush();
      }
      spots.push(ofCollection);
    }
    await flush();
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(temporary, target);
  syncDirectory(directory);
  await rm(path.join(directory, legacySnapshotName), { force: true });
  const file = new ColdFile(target);
  collections.forEach((collection, c) => {
    const placed = spots[c]!.map((spot, i) => {
      const summary = collection.entries[i]!.summary;
      return spot && summary ? new ColdDocument(summary, file, spot.offset, spot.length) : undefined;
    });
    collection.settle(placed);
  });
  return { bytes: position, file };
}

/** Makes a rename inside the directory durable. */
export function syncDirectory(directory: string): void {
  const descriptor = openSync(directory, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
