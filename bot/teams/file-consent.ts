/**
 * Files to a person in Teams. A bot may hand Teams a file only in a personal chat, and only once the person agrees
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/bots-filesv4): m365ops sends a file-consent card;
 * accepting it comes back as a `fileConsent/invoke` with an upload URL in the person's OneDrive. The file is then
 * drawn again from the command it names (a report of a named month says the same whenever it is drawn), through the
 * handlers, so the person's role is checked again; its bytes are PUT to the upload URL and a file-info card links it.
 * Outside a personal chat the card shows the file as text instead (cards/file-lines.ts).
 */
import type { Activity, Attachment, InvokeResponse, TurnContext } from 'botbuilder';
import { renderReplyCard } from '../../cards';
import type { Logger } from '../../common/logger';
import type { M365ops } from '../../core/m365ops-port';
import type { Reply, ReplyFile } from '../../core/reply';
import { parseCommand } from '../commands';
import { cardMessage } from './card-messages';
import { type AllowedTenants, readRequestContext } from './read-activity';

export const fileConsentContentType = 'application/vnd.microsoft.teams.card.file.consent';
export const fileInfoContentType = 'application/vnd.microsoft.teams.card.file.info';
export const fileConsentNote = 'Accept the file below to save it in your OneDrive.';

/** What the consent card carries back on accept or decline. */
interface ConsentContext {
  name: string;
  again: string;
}

export function fileConsentCard(file: ReplyFile & { again: string }): Partial<Activity> {
  const context: ConsentContext = { name: file.name, again: file.again };
  const attachment: Attachment = {
    contentType: fileConsentContentType,
    name: file.name,
    content: {
      description: `${file.name}, drawn from m365ops's records`,
      sizeInBytes: Buffer.byteLength(file.content),
      acceptContext: context,
      declineContext: context,
    },
  };
  return { type: 'message', attachments: [attachment] };
}

export interface FileConsentOptions {
  m365ops: M365ops;
  logger: Logger;
  allowedTenants: AllowedTenants;
}

/** Answers a `fileConsent/invoke`: on accept, uploads the file drawn again and links it; on decline, says so. */
export async function onFileConsent(options: FileConsentOptions, context: TurnContext): Promise<InvokeResponse> {
  const value = (context.activity.value ?? {}) as Record<string, unknown>;
  const consent = readConsentContext(value.context);
  const upload = value.uploadInfo as {
    uploadUrl?: unknown;
    contentUrl?: unknown;
    uniqueId?: unknown;
    fileType?: unknown;
  };
  if (!consent) return { status: 400 };
  if (value.action !== 'accept' || typeof upload?.uploadUrl !== 'string') {
    await say(context, { kind: 'text', text: `${consent.name} was not sent: you declined it.` });
    return { status: 200 };
  }
  const reply = await drawAgain(options, context.activity, consent);
  if (reply.kind !== 'result' || !reply.file) {
    await say(
      context,
      reply.kind === 'error' ? reply : { kind: 'text', text: `${consent.name} could not be drawn again.` },
    );
    return { status: 200 };
  }
  await putFile(upload.uploadUrl, reply.file);
  await context.sendActivity({
    type: 'message',
    attachments: [
      {
        contentType: fileInfoContentType,
        name: reply.file.name,
        contentUrl: String(upload.contentUrl ?? ''),
        content: { uniqueId: String(upload.uniqueId ?? ''), fileType: String(upload.fileType ?? 'csv') },
      },
    ],
  });
  return { status: 200 };
}

function readConsentContext(value: unknown): ConsentContext | undefined {
  const context = value as Partial<ConsentContext> | undefined;
  return typeof context?.name === 'string' && typeof context.again === 'string'
    ? { name: context.name, again: context.again }
    : undefined;
}

/** The commands whose file a consent card may draw again (each answers the same file whenever it is drawn). */
const filesSentAgain: readonly string[] = ['report-licences', 'bulk-template', 'bulk-run'];

/** The command the card names, parsed and authorised like a typed one (the card came back from the client). */
async function drawAgain(options: FileConsentOptions, activity: Activity, consent: ConsentContext): Promise<Reply> {
  const read = readRequestContext(activity, options.allowedTenants);
  if (!read.ok) return read.error;
  const parsed = parseCommand(consent.again, await options.m365ops.parseHints());
  if (!parsed.ok) return parsed.error;
  if (!filesSentAgain.includes(parsed.command.name)) {
    return { kind: 'error', code: 'bad-form', message: `${consent.name} is not a file m365ops sends.` };
  }
  return options.m365ops.handle({ context: read.context, command: parsed.command });
}

/** One PUT of the whole file to the OneDrive upload session Teams made (its Content-Range covers every byte). */
async function putFile(uploadUrl: string, file: ReplyFile): Promise<void> {
  const bytes = Buffer.from(file.content, 'utf8');
  const response = await fetch(uploadUrl, {
    method: 'PUT',
    headers: {
      'content-type': file.mediaType,
      'content-length': String(bytes.length),
      'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}`,
    },
    body: bytes,
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`The upload URL answered HTTP ${response.status}.`);
}

async function say(context: TurnContext, reply: Reply): Promise<void> {
  await context.sendActivity(cardMessage(renderReplyCard(reply)));
}
