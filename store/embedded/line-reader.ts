/**
 * Reads a file line by line in fixed-size chunks, telling each line's byte offset, so neither the snapshot nor the
 * journal is ever held in memory whole.
 */
import type { FileHandle } from 'node:fs/promises';

export interface Line {
  /** The line without its newline; only valid during the callback. */
  bytes: Buffer;
  /** Where the line starts in the file. */
  offset: number;
  /** False for a last line that has no newline (a torn write, in the journal). */
  terminated: boolean;
}

const chunkBytes = 1024 * 1024;

/** Calls `onLine` for every line of the file, in order; returns the file's length. */
export async function forEachLine(file: FileHandle, onLine: (line: Line) => void): Promise<number> {
  let carry = Buffer.alloc(0);
  let carryOffset = 0;
  let position = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    const { bytesRead } = await file.read(chunk, 0, chunkBytes, position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const data =
      carry.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([carry, chunk.subarray(0, bytesRead)]);
    let start = 0;
    for (let end = data.indexOf(0x0a, start); end !== -1; end = data.indexOf(0x0a, start)) {
      onLine({ bytes: data.subarray(start, end), offset: carryOffset + start, terminated: true });
      start = end + 1;
    }
    carryOffset += start;
    carry = Buffer.from(data.subarray(start));
  }
  if (carry.length > 0) onLine({ bytes: carry, offset: carryOffset, terminated: false });
  return position;
}
