/**
 * A local Bot Connector (the Teams side of the Bot Framework REST API) for tests: the v3 conversation endpoints a
 * bot calls — reply, send, update (PUT), delete, createConversation (its parameters checked as the real service
 * checks them: a 1:1 chat names one member and the tenant) — answered like the real service and every activity
 * recorded. Path params are percent-decoded (Teams ids contain `:`, `@`, `;`, `=`). It can throttle
 * (HTTP 429 with Retry-After) or refuse to open 1:1 chats on demand.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorOperation = 'reply' | 'send' | 'update' | 'delete' | 'create-conversation';

export interface RecordedActivity {
  operation: ConnectorOperation;
  conversationId: string;
  /** For reply: the activity replied to; for update/delete: the activity changed. */
  activityId?: string;
  /** The id the stand-in gave the new activity (send, reply, create-conversation). */
  newActivityId?: string;
  // biome-ignore lint/suspicious/noExplicitAny: activities are free-form JSON the tests inspect
  body: any;
  authorization?: string;
  at: number;
  status: number;
}

export interface BotConnectorStandIn {
  /** The serviceUrl to put in activities (ends with a slash, as Teams sends it). */
  serviceUrl: string;
  recorded: RecordedActivity[];
  /** Messages posted or replied (not typing indicators), optionally into one conversation. */
  messages(conversationId?: string): RecordedActivity[];
  /** The latest content of a message after every update to it. */
  current(conversationId: string, activityId: string): RecordedActivity | undefined;
  /** Answers the next `count` sends/updates with HTTP 429 and this Retry-After (seconds). */
  throttleNext(count: number, retryAfterSeconds: number): void;
  /** Answers createConversation with this status from now on (403: the user has not installed the app). */
  refuseNewConversations(status: number | null): void;
  waitFor(predicate: (activity: RecordedActivity) => boolean, timeoutMs?: number): Promise<RecordedActivity>;
  close(): Promise<void>;
}

/**
 * In dev mode (no MicrosoftAppId) m365ops replies only to its own web chat or to DEV_CONNECTOR_URL: every test
 * that runs the bot against this stand-in names it there.
 */
export function devConnectorEnv(connector: BotConnectorStandIn): { DEV_CONNECTOR_URL: string } {
  return { DEV_CONNECTOR_URL: connector.serviceUrl };
}

export async function startBotConnectorStandIn(): Promise<BotConnectorStandIn> {
  const recorded: RecordedActivity[] = [];
  let throttled = 0;
  let retryAfter = 1;
  let refuseCreate: number | null = null;
  let nextId = 1;
  const newId = () => `stand-in-${nextId++}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const body = raw ? JSON.parse(raw) : undefined;
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const record = (entry: Omit<RecordedActivity, 'at' | 'authorization' | 'body'>) => {
      recorded.push({ ...entry, body, authorization: req.headers.authorization, at: Date.now() });
    };
    const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };

    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return answer(404, { error: { code: 'NotFound' } });
    const [, , conversationId, segment, activityId] = parts;

    if (req.method === 'POST' && !conversationId) {
      if (refuseCreate !== null) {
        record({ operation: 'create-conversation', conversationId: '', status: refuseCreate });
        return answer(refuseCreate, {
          error: { code: 'Forbidden', message: 'The bot is not installed for this user.' },
        });
      }
      const refusal = refuseConversationParameters(body);
      if (refusal) {
        record({ operation: 'create-conversation', conversationId: '', status: 400 });
        return answer(400, { error: { code: 'BadArgument', message: refusal } });
      }
      const id = `a:private-${nextId++}`;
      const newActivityId = body?.activity ? newId() : undefined;
      record({ operation: 'create-conversation', conversationId: id, newActivityId, status: 201 });
      return answer(201, { id, activityId: newActivityId ?? '', serviceUrl: body?.serviceUrl });
    }
    if (segment !== 'activities' || !conversationId) return answer(404, { error: { code: 'NotFound' } });

    const isTyping = body?.type === 'typing';
    if (throttled > 0 && !isTyping && (req.method === 'POST' || req.method === 'PUT')) {
      throttled--;
      const operation = req.method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
      record({ operation, conversationId, activityId, status: 429 });
      return answer(
        429,
        { error: { code: 'Throttled', message: 'Too many requests' } },
        { 'retry-after': String(retryAfter) },
      );
    }
    if (req.method === 'POST') {
      const newActivityId = newId();
      record({ operation: activityId ? 'reply' : 'send', conversationId, activityId, newActivityId, status: 201 });
      return answer(201, { id: newActivityId });
    }
    if (req.method === 'PUT' && activityId) {
      record({ operation: 'update', conversationId, activityId, status: 200 });
      return answer(200, { id: activityId });
    }
    if (req.method === 'DELETE' && activityId) {
      record({ operation: 'delete', conversationId, activityId, status: 200 });
      res.writeHead(200).end();
      return;
    }
    return answer(405, { error: { code: 'MethodNotAllowed' } });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'StandInFailed', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const isMessage = (activity: RecordedActivity) =>
    (activity.operation === 'send' || activity.operation === 'reply') &&
    activity.status < 300 &&
    activity.body?.type === 'message';

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    recorded,
    messages: (conversationId) =>
      recorded.filter((a) => isMessage(a) && (conversationId === undefined || a.conversationId === conversationId)),
    current(conversationId, activityId) {
      const changes = recorded.filter(
        (a) =>
          a.conversationId === conversationId &&
          a.status < 300 &&
          ((isMessage(a) && a.newActivityId === activityId) ||
            (a.operation === 'update' && a.activityId === activityId)),
      );
      return changes.at(-1);
    },
    throttleNext(count, retryAfterSeconds) {
      throttled = count;
      retryAfter = retryAfterSeconds;
    },
    refuseNewConversations(status) {
      refuseCreate = status;
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = recorded.find(predicate);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error('The Bot Connector stand-in did not receive the expected activity in time.');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * What the Teams connector refuses in a createConversation: a 1:1 chat names exactly one member (their 29: id or
 * Entra aadObjectId) and the tenant (`tenantId` or `channelData.tenant.id`); a channel post names the channel.
 */
// biome-ignore lint/suspicious/noExplicitAny: the request body is free-form JSON
function refuseConversationParameters(body: any): string | undefined {
  if (!body || typeof body !== 'object') return 'The request body must be ConversationParameters.';
  const tenant = body.tenantId ?? body.channelData?.tenant?.id;
  if (!body.bot?.id) return 'ConversationParameters.bot is required.';
  if (body.isGroup) {
    return body.channelData?.channel?.id ? undefined : 'A group conversation needs channelData.channel.id.';
  }
  const members = Array.isArray(body.members) ? body.members : [];
  if (members.length !== 1) return 'A 1:1 conversation needs exactly one member.';
  if (!members[0]?.id && !members[0]?.aadObjectId) return 'The member needs an id or an aadObjectId.';
  if (!tenant) return 'Tenant id is required to create a 1:1 conversation.';
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
