/**
 * A reply's file (a report) into the Slack conversation it was asked in, the way Slack takes files now: ask for an
 * upload URL (files.getUploadURLExternal), send the bytes there, then share the file in the channel
 * (files.completeUploadExternal). A file that cannot be delivered is said to the requester, never dropped quietly.
 */
import { CodedError } from '../../common/coded-error';
import type { Logger } from '../../common/logger';
import type { ReplyFile } from '../../core/reply';
import type { Responder } from './response-url';
import { SlackApiError, slackErrorCode } from './slack-error';
import { callSlack, type SlackClient } from './slack-web-api';

/** Where the file goes (a reply's target in deliver-reply.ts): the channel, and the requester when it cannot. */
export interface FileTarget {
  client: SlackClient;
  logger: Logger;
  channelId?: string;
  respond?: Responder;
}

export async function deliverFile(target: FileTarget, file: ReplyFile): Promise<void> {
  try {
    if (!target.channelId) throw new CodedError('slack-upload-failed', 'Slack named no channel to share it in.');
    await uploadFile(target, target.channelId, file);
  } catch (error) {
    target.logger.warn({ err: error, file: file.name }, 'could not upload a file to Slack');
    const failure = slackErrorCode(error)
      ? new SlackApiError(`share ${file.name} here`, error).message
      : `Could not share ${file.name} here: ${(error as Error).message}`;
    const text = `${failure} \`npx m365ops\` with the same command writes it to stdout.`;
    await target.respond?.({ text, response_type: 'ephemeral', replace_original: false });
  }
}

async function uploadFile(target: FileTarget, channelId: string, file: ReplyFile): Promise<void> {
  const bytes = Buffer.from(file.content, 'utf8');
  const ticket = await callSlack(target.client, 'files.getUploadURLExternal', {
    filename: file.name,
    length: bytes.length,
  });
  const response = await fetch(String(ticket.upload_url), {
    method: 'POST',
    headers: { 'content-type': file.mediaType },
    body: bytes,
  });
  await response.body?.cancel();
  if (!response.ok) {
    throw new CodedError('slack-upload-failed', `Slack's upload URL answered HTTP ${response.status}.`, {
      status: response.status,
    });
  }
  await callSlack(target.client, 'files.completeUploadExternal', {
    files: JSON.stringify([{ id: String(ticket.file_id), title: file.name }]),
    channel_id: channelId,
  });
}
