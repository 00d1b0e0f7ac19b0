/**
 * A CSV file shared in Slack read into `bulk`, as if it had been pasted after the word: the message's files
 * (api.slack.com/events/message/file_share), the CSV's facts from files.info, and its bytes from
 * `url_private_download`, which Slack serves only with the bot token (`Authorization: Bearer`). The token goes to
 * Slack's own file hosts alone (or the origin of SLACK_API_URL, the stand-in in tests).
 */
import type { ErrorReply } from '../../core/reply';
import type { Command } from '../../core/request';
import {
  csvFileRefusal,
  downloadCsv,
  downloadRefusal,
  type FileFacts,
  isCsvFile,
  isOverLimit,
  notCsvRefusal,
  overLimitRefusal,
} from '../commands';
import { SlackApiError } from './slack-error';
import { callSlack, type SlackClient } from './slack-web-api';

/** A file as a message event or files.info describes it (the fields m365ops reads). */
export interface SlackFile {
  id: string;
  name?: string;
  title?: string;
  filetype?: string;
  mimetype?: string;
  size?: number;
  /** `hosted` and `snippet` have bytes in Slack; `external` (a linked Drive file) and `tombstone` (deleted) do not. */
  mode?: string;
  /** `check_file_info`: the event carries only the id (Slack Connect); files.info says the rest. */
  file_access?: string;
  url_private_download?: string;
}

/** `bulk` from the shared file; undefined when the message is not meant for m365ops (no CSV and no `bulk`). */
export async function readSharedCsv(
  client: SlackClient,
  files: SlackFile[],
  text: string,
): Promise<Command | ErrorReply | undefined> {
  const asked = text.toLowerCase() === 'bulk';
  if (files.length === 0 || (text !== '' && !asked)) return undefined;
  const described: SlackFile[] = [];
  for (const file of files)
    described.push(file.file_access === 'check_file_info' ? await fileInfo(client, file) : file);
  const csvs = described.filter((file) => isCsvFile(factsOf(file)));
  if (csvs.length === 0) return asked ? notCsvRefusal(nameOf(described[0]!)) : undefined;
  if (csvs.length > 1) {
    return csvFileRefusal(`${csvs.map(nameOf).join(' and ')} were shared together; share one CSV per message.`);
  }
  return readCsv(client, await fileInfo(client, csvs[0]!));
}

async function readCsv(client: SlackClient, file: SlackFile): Promise<Command | ErrorReply> {
  const name = nameOf(file);
  if (!isCsvFile(factsOf(file))) return notCsvRefusal(name);
  if (isOverLimit(file.size ?? 0)) return overLimitRefusal(name);
  if (!file.url_private_download || file.mode === 'external' || file.mode === 'tombstone') {
    return csvFileRefusal(`Slack keeps no copy of ${name} to read (a linked or deleted file); upload the CSV itself.`);
  }
  const url = trustedUrl(client, file.url_private_download);
  if (!url) return csvFileRefusal(`Slack gave a link to ${name} outside Slack; m365ops did not follow it.`);
  if (!client.token) return csvFileRefusal(`m365ops has no Slack token to read ${name} with; set SLACK_BOT_TOKEN.`);
  const read = await downloadCsv(url, { authorization: `Bearer ${client.token}` });
  if (!read.ok) return downloadRefusal(name, read);
  return { name: 'bulk', csv: read.text, fileName: name };
}

/** files.info: the file's name, type, size and download link as Slack has them now. */
async function fileInfo(client: SlackClient, file: SlackFile): Promise<SlackFile> {
  try {
    const answer = await callSlack(client, 'files.info', { file: file.id });
    return { ...file, ...(answer.file as Partial<SlackFile>), id: file.id, file_access: undefined };
  } catch (error) {
    throw new SlackApiError(`read the file ${file.name ?? file.id} shared with m365ops`, error);
  }
}

/** Slack's file hosts over https, or the origin of the Web API m365ops is configured with (the stand-in). */
function trustedUrl(client: SlackClient, raw: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.origin === new URL(client.slackApiUrl).origin) return url;
  const slackHost = /(^|\.)slack(-gov)?\.com$/i.test(url.hostname);
  return url.protocol === 'https:' && slackHost ? url : undefined;
}

function factsOf(file: SlackFile): FileFacts {
  return { name: nameOf(file), fileType: file.filetype, mimeType: file.mimetype };
}

function nameOf(file: SlackFile): string {
  return file.name || file.title || 'The file';
}
