/**
 * A CSV file sent to the bot in a Teams personal chat (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4):
 * Teams hands the bot a short-lived download URL in a `file.download.info` attachment. The file is read (at most
 * the bulk limit) and becomes `bulk` with its content, as if it had been pasted after the word.
 */
import type { Activity } from 'botbuilder';
import { bulkLimits } from '../../core/bulk/bulk-csv';
import type { ErrorReply } from '../../core/reply';
import type { Command } from '../../core/request';

export const fileDownloadInfoType = 'application/vnd.microsoft.teams.file.download.info';

/** `bulk` from the file the message carries; undefined when it carries none (or says something else than `bulk`). */
export async function readCsvAttachment(activity: Activity, text: string): Promise<Command | ErrorReply | undefined> {
  const attachment = activity.attachments?.find((candidate) => candidate.contentType === fileDownloadInfoType);
  if (!attachment || (text !== '' && text.toLowerCase() !== 'bulk')) return undefined;
  const name = attachment.name ?? 'The file';
  const content = (attachment.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
  const isCsv = /\.csv$/i.test(name) || String(content.fileType ?? '').toLowerCase() === 'csv';
  if (!isCsv) return refuse(`${name} is not a CSV file; send a .csv file (\`bulk template\` has one to fill in).`);
  const url = typeof content.downloadUrl === 'string' ? safeUrl(content.downloadUrl) : undefined;
  if (!url) return refuse(`Teams gave no link to read ${name} from; send it again.`);
  const read = await download(url);
  if (!read.ok)
    return refuse(
      read.tooBig
        ? `${name} is over the limit of 5 MB; split it.`
        : `${name} could not be read (${read.why}); send it again.`,
    );
  return { name: 'bulk', csv: read.text, fileName: name };
}

/** Only https, or http to this machine (the stand-ins in tests and the local dev chat). */
function safeUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    return url.protocol === 'https:' || (url.protocol === 'http:' && local) ? url : undefined;
  } catch {
    return undefined;
  }
}

type Download = { ok: true; text: string } | { ok: false; tooBig: boolean; why?: string };

async function download(url: URL): Promise<Download> {
  const response = await fetch(url, { redirect: 'error' });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    return { ok: false, tooBig: false, why: `HTTP ${response.status}` };
  }
  if (Number(response.headers.get('content-length') ?? 0) > bulkLimits.bytes) {
    await response.body.cancel();
    return { ok: false, tooBig: true };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > bulkLimits.bytes) return { ok: false, tooBig: true };
    chunks.push(chunk);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

function refuse(message: string): ErrorReply {
  return { kind: 'error', code: 'bad-csv', message };
}
