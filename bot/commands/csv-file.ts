/**
 * A CSV file sent to the bot in chat (a Teams attachment, a file shared in Slack) read into `bulk`, with the same
 * limits and sentences on every platform: not a CSV, over 5 MB (read no further than the limit), not readable.
 */
import { bulkLimits } from '../../core/bulk/bulk-csv';
import type { ErrorReply } from '../../core/reply';

/** What the platform says of a file; any one of them saying CSV is enough. */
export interface FileFacts {
  name: string;
  /** The platform's own type word (`csv`). */
  fileType?: string;
  mimeType?: string;
}

const csvMimeTypes = new Set(['text/csv', 'application/csv', 'text/comma-separated-values']);

export function isCsvFile(file: FileFacts): boolean {
  return (
    /\.csv$/i.test(file.name) ||
    (file.fileType ?? '').toLowerCase() === 'csv' ||
    csvMimeTypes.has((file.mimeType ?? '').toLowerCase().split(';')[0]!.trim())
  );
}

export function csvFileRefusal(message: string): ErrorReply {
  return { kind: 'error', code: 'bad-csv', message };
}

export function notCsvRefusal(name: string): ErrorReply {
  return csvFileRefusal(`${name} is not a CSV file; send a .csv file (\`bulk template\` has one to fill in).`);
}

export function overLimitRefusal(name: string): ErrorReply {
  return csvFileRefusal(`${name} is over the limit of 5 MB; split it.`);
}

export function unreadableRefusal(name: string, why: string): ErrorReply {
  return csvFileRefusal(`${name} could not be read (${why}); send it again.`);
}

/** Whether a file this many bytes long is over the bulk limit. */
export function isOverLimit(bytes: number): boolean {
  return bytes > bulkLimits.bytes;
}

export type CsvDownload = { ok: true; text: string } | { ok: false; tooBig: boolean; why?: string };

/** Reads the file's bytes, no further than the limit; a redirect is a failure (a sign-in page is not the file). */
export async function downloadCsv(url: URL, headers: Record<string, string> = {}): Promise<CsvDownload> {
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'manual' });
  } catch (error) {
    return { ok: false, tooBig: false, why: (error as Error).message };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return { ok: false, tooBig: false, why: `HTTP ${response.status}` };
  }
  if (isOverLimit(Number(response.headers.get('content-length') ?? 0))) {
    await response.body.cancel();
    return { ok: false, tooBig: true };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (isOverLimit(size)) return { ok: false, tooBig: true };
    chunks.push(chunk);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** The refusal for a failed download, naming the limit when that was the reason. */
export function downloadRefusal(name: string, read: Extract<CsvDownload, { ok: false }>): ErrorReply {
  return read.tooBig ? overLimitRefusal(name) : unreadableRefusal(name, read.why ?? 'no reason given');
}
