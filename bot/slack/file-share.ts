/**
 * A file shared with the app in Slack: a `message` event of subtype `file_share` (a DM with the app, or a channel
 * it is in), delivered by the message.im / message.channels / message.groups subscriptions. A CSV shared alone or
 * with the word `bulk` (or `@m365ops bulk`) becomes `bulk` with its content and goes through the same
 * `m365ops.handle` as a pasted CSV: the sharer's identity, workspace and role are checked as for any command.
 * Other files, files shared with other words, and a CSV dropped in a channel without `bulk` by someone without a
 * role are not meant for m365ops and are left alone without a word; a non-CSV shared with `bulk` is refused.
 * Slack redelivers an event it thinks unanswered; a share seen already (by this process) is not answered twice. Slack gives no response_url for events, so the answer is posted with
 * the Web API in the conversation the file was shared in (private replies as ephemeral messages to the sharer).
 */
import type { App as BoltApp } from '@slack/bolt';
import { asCodedError } from '../../common/coded-error';
import type { ErrorReply } from '../../core/reply';
import { handleRequest } from './answer-request';
import { deliverReply, isErrorReply } from './deliver-reply';
import type { Responder } from './response-url';
import { readSharedCsv, type SlackFile } from './shared-csv';
import { buildSlackContext, isDirectMessage } from './slack-context';
import type { SlackTransport } from './slack-transport';
import { callSlack, type SlackClient } from './slack-web-api';
import { checkWorkspace } from './slack-workspace';

/** What m365ops reads of a file_share message event and its envelope. */
export interface FileShare {
  userId: string;
  /** The sharer's home workspace (differs from the envelope's in a channel shared with another organisation). */
  userTeamId?: string;
  /** The workspace of the envelope (`team_id`). */
  teamId?: string;
  channelId: string;
  text: string;
  ts: string;
  threadTs?: string;
  files: SlackFile[];
}

export function registerFileShares(bolt: BoltApp, transport: SlackTransport, botUserId: string): void {
  const seen = new Set<string>();
  bolt.event('message', async ({ event, body }) => {
    const share = readFileShare(event as unknown as Record<string, unknown>, body.team_id);
    if (!share || share.userId === botUserId) return;
    const key = `${share.channelId}:${share.ts}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (seen.size > 1000) seen.delete(seen.values().next().value!);
    await runFileShare(transport, share, botUserId);
  });
}

/** The file share a message event is, or undefined for any other message (and for what bots post, m365ops' own files included). */
export function readFileShare(event: Record<string, unknown>, teamId: unknown): FileShare | undefined {
  const { subtype, user, channel, files, ts } = event;
  if (subtype !== 'file_share' || event.bot_id !== undefined) return undefined;
  if (typeof user !== 'string' || typeof channel !== 'string' || typeof ts !== 'string') return undefined;
  if (!Array.isArray(files)) return undefined;
  const described = files.filter(
    (file): file is SlackFile => typeof file === 'object' && file !== null && typeof file.id === 'string',
  );
  return {
    userId: user,
    ...(typeof event.user_team === 'string' ? { userTeamId: event.user_team } : {}),
    ...(typeof teamId === 'string' ? { teamId } : {}),
    channelId: channel,
    text: typeof event.text === 'string' ? event.text : '',
    ts,
    ...(typeof event.thread_ts === 'string' ? { threadTs: event.thread_ts } : {}),
    files: described,
  };
}

export async function runFileShare(transport: SlackTransport, share: FileShare, botUserId: string): Promise<void> {
  const workspace = checkWorkspace(transport, { teamId: share.teamId, userTeamId: share.userTeamId });
  if (!workspace.ok) return; // someone of another organisation in a shared channel: not a request to m365ops
  const text = share.text.replaceAll(`<@${botUserId}>`, '').trim();
  const target = {
    client: transport.client,
    logger: transport.logger,
    userId: share.userId,
    channelId: share.channelId,
    respond: postingResponder(transport.client, share),
  };
  let command: Awaited<ReturnType<typeof readSharedCsv>>;
  try {
    command = await readSharedCsv(transport.client, share.files, text);
  } catch (error) {
    transport.logger.warn({ err: error, channel: share.channelId }, 'could not read a file shared in Slack');
    const coded = asCodedError(error);
    command = { kind: 'error', code: coded.code, message: coded.message } satisfies ErrorReply;
  }
  if (!command) return;
  if (isErrorReply(command)) {
    await deliverReply(target, command);
    return;
  }
  const requester = { userId: share.userId, teamId: workspace.teamId };
  const request = {
    context: buildSlackContext(requester, {
      channelId: share.channelId,
      ...(share.teamId ? { teamId: share.teamId } : {}),
    }),
    command,
    idempotencyKey: `slack:file:${share.channelId}:${share.ts}`,
  };
  const reply = await handleRequest(transport, request);
  if (reply.kind === 'error' && reply.code === 'forbidden' && text === '' && !isDirectMessage(share.channelId)) {
    // A CSV dropped in a channel by someone m365ops gives no role is most likely not meant for it: no refusal.
    transport.logger.info({ channel: share.channelId, user: share.userId }, 'a CSV shared by someone without a role');
    return;
  }
  await deliverReply(target, reply);
}

/**
 * Answers in the conversation of the share through the Web API (events have no response_url): ephemeral messages
 * to the sharer alone, the others to everyone, in the file's thread when it was shared in one.
 */
function postingResponder(client: SlackClient, share: FileShare): Responder {
  return async (message) => {
    if (message.delete_original) return;
    const thread = share.threadTs ? { thread_ts: share.threadTs } : {};
    const content = { channel: share.channelId, text: message.text, blocks: message.blocks, ...thread };
    if (message.response_type === 'ephemeral') {
      await callSlack(client, 'chat.postEphemeral', { ...content, user: share.userId });
      return;
    }
    await callSlack(client, 'chat.postMessage', { ...content, unfurl_links: false });
  };
}
