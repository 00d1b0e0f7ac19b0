/**
 * `npx m365ops bulk <file.csv>`: the file is read here and handed on as the CSV of `bulk`, as if pasted after it in
 * chat; a file over the bulk limit is refused before it is read.
 */
import { readFileSync, statSync } from 'node:fs';
import { bulkLimits } from '../../core/bulk/bulk-csv';

export type BulkFileLine = { ok: true; text: string } | { ok: false; message: string };

/** The command line for `bulk <file>`, or undefined when the arguments are another command. */
export function readBulkFile(argv: readonly string[]): BulkFileLine | undefined {
  const [word, file, ...more] = argv;
  if (word?.toLowerCase() !== 'bulk' || !file || more.length > 0) return undefined;
  if (['template', 'run'].includes(file.toLowerCase())) return undefined;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return { ok: false, message: `There is no file ${file} to read.` };
  }
  if (size > bulkLimits.bytes) {
    return { ok: false, message: `${file} is ${size} bytes; the limit is 5 MB (5,242,880 bytes). Split it.` };
  }
  return { ok: true, text: `bulk\n${readFileSync(file, 'utf8')}` };
}
