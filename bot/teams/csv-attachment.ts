/**
 * A CSV file sent to the bot in a Teams personal chat (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4):
 * Teams hands the bot a short-lived download URL in a `file.download.info` attachment. The file is read (at most
 * the bulk limit) and becomes `bulk` with its content, as if it had been pasted after the word.
 */
import type { Activity } from 'botbuilder';
import type { ErrorReply } from '../../core/reply';
import type { Command } from '../../core/request';
import { csvFileRefusal, downloadCsv, downloadRefusal, isCsvFile, notCsvRefusal } from '../commands';

export const fileDownloadInfoType = 'application/vnd.microsoft.teams.file.download.info';

/** `bulk` from the file the message carries; undefined when it carries none (or says something else than `bulk`). */
export async function readCsvAttachment(activity: Activity, text: string): Promise<Command | ErrorReply | undefined> {
  const attachment = activity.attachments?.find((candidate) => candidate.contentType === fileDownloadInfoType);
  if (!attachment || (text !== '' && text.toLowerCase() !== 'bulk')) return undefined;
  const name = attachment.name ?? 'The file';
  const content = (attachment.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
  if (!isCsvFile({ name, fileType: String(content.fileType ?? '') })) return notCsvRefusal(name);
  const url = typeof content.downloadUrl === 'string' ? safeUrl(content.downloadUrl) : undefined;
  if (!url) return csvFileRefusal(`Teams gave no link to read ${name} from; send it again.`);
  const read = await downloadCsv(url);
  if (!read.ok) return downloadRefusal(name, read);
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
