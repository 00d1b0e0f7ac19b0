/**
 * A local Slack Web API for tests: answers the methods m365ops calls and the `response_url` posts, and records
 * every call with its fields (form fields whose values are JSON, such as `blocks` and `view`, are parsed).
 * It can answer `ratelimited` (HTTP 429 with Retry-After) or a Slack error on demand.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testSlackTeamId } from './slack-identities';

export interface RecordedSlackCall {
  /** A Web API method (`chat.postMessage`), `response_url` for posts to a response URL, `file_upload` for bytes sent to an upload URL, `file_download` for a shared file's bytes read. */
  method: string;
  /** For `response_url` calls: the path after /response/; for `file_upload` and `file_download`, the file id. */
  responseId?: string;
  args: Record<string, unknown>;
  /** The raw body, to assert on what went over the wire. */
  raw: string;
  contentType: string;
  authorization?: string;
  at: number;
  /** What the stand-in answered with (status 200 unless a fault was injected). */
  status: number;
  /** The body of a Web API answer that succeeded (`ts` of a posted message). */
  answer?: Record<string, unknown>;
}

export interface SlackFault {
  /** `ratelimited`: HTTP 429 with Retry-After; anything else: HTTP 200 `{ ok: false, error }`. */
  error: string;
  retryAfterSeconds?: number;
}

/** A file people shared, as Slack describes it in a message event and in files.info. */
export interface StandInFile {
  id: string;
  name: string;
  title: string;
  filetype: string;
  mimetype: string;
  size: number;
  mode: string;
  user: string;
  url_private: string;
  url_private_download: string;
}

export interface SharedFileInput {
  name: string;
  content: string | Buffer;
  filetype?: string;
  mimetype?: string;
  /** `hosted` by default; `external` has no bytes in Slack. */
  mode?: string;
  user?: string;
  /** Overrides the download link files.info gives (a link outside Slack, which m365ops must not follow). */
  downloadUrl?: string;
}

export interface SlackApiStandIn {
  /** Base of the Web API, for SLACK_API_URL (ends with /api/). */
  apiUrl: string;
  url: string;
  botToken: string;
  botUserId: string;
  botId: string;
  calls: RecordedSlackCall[];
  /** A response URL served by this stand-in. */
  responseUrl(id: string): string;
  callsTo(method: string): RecordedSlackCall[];
  /**
   * A file someone uploaded: files.info describes it and its `url_private_download` serves its bytes, only with
   * the bot token (`Authorization: Bearer`; 403 without it, 404 for a file that is not there).
   */
  addFile(file: SharedFileInput): StandInFile;
  /** Answers the next `times` calls of `method` with the fault. */
  failNext(method: string, fault: SlackFault, times?: number): void;
  /** Resolves with the first call (past or future) matching; rejects after `timeoutMs`. */
  waitFor(
    method: string,
    predicate?: (call: RecordedSlackCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedSlackCall>;
  close(): Promise<void>;
}

const jsonFields = ['blocks', 'attachments', 'view', 'metadata', 'files'];

/** The environment that switches m365ops' Slack on against this stand-in (design.md §3). */
export function slackEnvironment(slack: SlackApiStandIn, signingSecret: string): Record<string, string> {
  return { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl };
}

/** The bot scopes the stand-in's token has by default: those of manifest/slack-app.yaml. */
export const standInScopes = [
  'channels:history',
  'channels:read',
  'chat:write',
  'chat:write.public',
  'commands',
  'files:read',
  'files:write',
  'groups:history',
  'groups:read',
  'im:history',
];

export async function startSlackApiStandIn(
  options: { botToken?: string; scopes?: string[] } = {},
): Promise<SlackApiStandIn> {
  const botToken = options.botToken ?? 'xoxb-stand-in-token';
  // Slack names a token's scopes in this header on every answer to it.
  const scopeHeader = { 'x-oauth-scopes': (options.scopes ?? standInScopes).join(',') };
  const botUserId = 'UBOT00001';
  const botId = 'BBOT00001';
  const calls: RecordedSlackCall[] = [];
  const faults = new Map<string, { fault: SlackFault; times: number }>();
  const grantedScopes = options.scopes ?? standInScopes;
  const files = new Map<string, { described: StandInFile; bytes: Buffer }>();
  const waiters: {
    method: string;
    predicate: (call: RecordedSlackCall) => boolean;
    resolve(call: RecordedSlackCall): void;
  }[] = [];
  let sequence = 0;

  function nextTs(): string {
    sequence += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, '0')}`;
  }

  function record(call: RecordedSlackCall): void {
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.method === call.method && waiter.predicate(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }

  function answerMethod(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://stand-in.slack.test/',
          team: 'Stand-in',
          user: 'm365ops',
          team_id: testSlackTeamId,
          user_id: botUserId,
          bot_id: botId,
        };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: nextTs(), message: { text: args.text, blocks: args.blocks } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'files.getUploadURLExternal': {
        sequence += 1;
        const fileId = `F${String(sequence).padStart(8, '0')}`;
        return { ok: true, upload_url: `${url}/upload/${fileId}?filename=${String(args.filename)}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: args.files };
      case 'files.info': {
        if (!grantedScopes.includes('files:read')) return { ok: false, error: 'missing_scope', needed: 'files:read' };
        const found = files.get(String(args.file));
        return found ? { ok: true, file: found.described } : { ok: false, error: 'file_not_found' };
      }
      case 'views.open':
      case 'views.update': {
        sequence += 1;
        const view = (args.view ?? {}) as Record<string, unknown>;
        const id = typeof args.view_id === 'string' ? args.view_id : `V${String(sequence).padStart(8, '0')}`;
        return { ok: true, view: { ...view, id, hash: `${Date.now()}.hash${sequence}` } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const contentType = req.headers['content-type'] ?? '';
    const args = parseBody(raw, contentType);
    const path = (req.url ?? '').split('?')[0];
    const base = {
      args,
      raw,
      contentType,
      authorization: req.headers.authorization,
      at: Date.now(),
    };

    if (path.startsWith('/response/')) {
      record({ ...base, method: 'response_url', responseId: path.slice('/response/'.length), status: 200 });
      reply(res, 200, { ok: true });
      return;
    }
    if (path.startsWith('/upload/')) {
      // Slack's upload URL takes the file's bytes as they are; the file is shared by completeUploadExternal.
      record({ ...base, method: 'file_upload', responseId: path.slice('/upload/'.length), status: 200 });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
      return;
    }
    if (path.startsWith('/files-pri/')) {
      serveFile(req, res, path, base);
      return;
    }
    if (!path.startsWith('/api/')) {
      reply(res, 404, { ok: false, error: 'not_found' });
      return;
    }
    const method = path.slice('/api/'.length);
    const pending = faults.get(method);
    if (pending && pending.times > 0) {
      pending.times -= 1;
      if (pending.fault.error === 'ratelimited') {
        const retryAfter = String(pending.fault.retryAfterSeconds ?? 1);
        record({ ...base, method, status: 429 });
        reply(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': retryAfter });
        return;
      }
      record({ ...base, method, status: 200 });
      reply(res, 200, { ok: false, error: pending.fault.error });
      return;
    }
    if (req.headers.authorization !== `Bearer ${botToken}`) {
      record({ ...base, method, status: 200 });
      reply(res, 200, { ok: false, error: 'invalid_auth' });
      return;
    }
    const answer = answerMethod(method, args);
    record({ ...base, method, status: 200, answer });
    reply(res, 200, answer, scopeHeader);
  }

  /** `/files-pri/<team>-<file id>/download/<name>`: the bytes, for the bot token only. */
  function serveFile(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    base: Omit<RecordedSlackCall, 'method' | 'status'>,
  ): void {
    const id = /^\/files-pri\/[A-Z0-9]+-([A-Z0-9]+)\/download\//.exec(path)?.[1] ?? '';
    const found = files.get(id);
    const status = !found ? 404 : req.headers.authorization !== `Bearer ${botToken}` ? 403 : 200;
    record({ ...base, method: 'file_download', responseId: id, status });
    if (status !== 200 || !found) {
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 404 ? 'Not Found' : 'Forbidden');
      return;
    }
    res.writeHead(200, { 'content-type': found.described.mimetype, 'content-length': String(found.bytes.length) });
    res.end(found.bytes);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      reply(res, 500, { ok: false, error: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${url}/api/`,
    url,
    botToken,
    botUserId,
    botId,
    calls,
    responseUrl: (id) => `${url}/response/${id}`,
    callsTo: (method) => calls.filter((call) => call.method === method),
    addFile(file) {
      sequence += 1;
      const id = `F${String(sequence).padStart(8, '0')}`;
      const bytes = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8');
      const name = encodeURIComponent(file.name);
      const described: StandInFile = {
        id,
        name: file.name,
        title: file.name,
        filetype: file.filetype ?? (/\.csv$/i.test(file.name) ? 'csv' : 'binary'),
        mimetype: file.mimetype ?? (/\.csv$/i.test(file.name) ? 'text/csv' : 'application/octet-stream'),
        size: bytes.length,
        mode: file.mode ?? 'hosted',
        user: file.user ?? 'UHELP0001',
        url_private: `${url}/files-pri/${testSlackTeamId}-${id}/${name}`,
        url_private_download: file.downloadUrl ?? `${url}/files-pri/${testSlackTeamId}-${id}/download/${name}`,
      };
      files.set(id, { described, bytes });
      return described;
    },
    failNext(method, fault, times = 1) {
      faults.set(method, { fault, times });
    },
    waitFor(method, predicate = () => true, timeoutMs = 8000) {
      const seen = calls.find((call) => call.method === method && predicate(call));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          method,
          predicate,
          resolve: (call: RecordedSlackCall) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          const seenMethods = calls.map((call) => call.method).join(', ') || 'none';
          reject(new Error(`No matching ${method} call within ${timeoutMs} ms (calls so far: ${seenMethods}).`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = jsonFields.includes(key) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    // Slack would refuse it; keep the text so the test can show what was sent.
    return value;
  }
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
