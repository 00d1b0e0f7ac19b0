/**
 * What the page says to the bot. The page sends only what the operator typed or clicked; the server makes the
 * Teams-shaped activity around it — the session's own conversation, the configured operator as sender, and the
 * local connector (with its key) as serviceUrl — and posts it to this server's POST /api/messages, exactly as
 * Teams would, handing the bot's HTTP answer (an invoke's card) back to the page.
 */
import { randomBytes } from 'node:crypto';
import { type AddressInfo, isIPv4, type Socket } from 'node:net';
import type express from 'express';
import type { Logger } from '../../common/logger';
import type { ChatSession, ChatSessions } from './chat-sessions';
import type { LocalConnector } from './local-connector';
import { readSessionToken } from './session-cookie';

export interface DevChatOperator {
  aadObjectId: string;
  userName: string;
  botName: string;
}

/** What the page may say: a typed line, a classic Action.Submit, or a Universal Action (Action.Execute) invoke. */
export type PageInput =
  | { type: 'message'; text?: string; value?: Record<string, unknown>; replyToId?: string }
  | { type: 'invoke'; value: Record<string, unknown>; replyToId?: string };

export function createPageMessageHandler(
  sessions: ChatSessions,
  connector: LocalConnector,
  operator: DevChatOperator,
  logger: Logger,
): express.RequestHandler {
  return async (req, res) => {
    const session = sessions.find(readSessionToken(req));
    if (!session) {
      res.status(403).json({ error: 'No web chat session: reload the page.' });
      return;
    }
    const input = readPageInput(req.body);
    if (!input) {
      res.status(400).json({ error: 'The web chat sends a message (text or value) or an adaptiveCard/action invoke.' });
      return;
    }
    const origin = originOf(req.socket);
    const activity = activityOf(input, session, operator, connector.serviceUrlFor(origin));
    try {
      const answer = await fetch(`${origin}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      const body = await answer.text();
      res.status(answer.status);
      if (body) res.type(answer.headers.get('content-type') ?? 'application/json').send(body);
      else res.end();
    } catch (error) {
      logger.warn({ err: error }, 'the web chat could not reach POST /api/messages');
      res.status(502).json({ error: 'The bot did not answer; see the server log.' });
    }
  };
}

export function readPageInput(body: unknown): PageInput | undefined {
  if (!isRecord(body)) return undefined;
  const { type, text, value, replyToId } = body;
  if (replyToId !== undefined && typeof replyToId !== 'string') return undefined;
  if (value !== undefined && !isRecord(value)) return undefined;
  if (type === 'invoke') return value && body.name === 'adaptiveCard/action' ? { type, value, replyToId } : undefined;
  if (type !== 'message' || (text !== undefined && typeof text !== 'string')) return undefined;
  if (text === undefined && value === undefined) return undefined;
  return { type, text, value, replyToId };
}

function activityOf(
  input: PageInput,
  session: ChatSession,
  operator: DevChatOperator,
  serviceUrl: string,
): Record<string, unknown> {
  return {
    ...(input.type === 'invoke' ? { name: 'adaptiveCard/action' } : {}),
    ...(input.type === 'message' && input.text !== undefined ? { text: input.text, textFormat: 'plain' } : {}),
    ...(input.value ? { value: input.value } : {}),
    ...(input.replyToId ? { replyToId: input.replyToId } : {}),
    type: input.type,
    id: `devchat-user-${randomBytes(8).toString('hex')}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: session.userId, name: operator.userName, aadObjectId: operator.aadObjectId },
    recipient: { id: '28:m365ops-devchat', name: operator.botName },
    conversation: { id: session.conversationId, conversationType: 'personal', tenantId: 'devchat' },
    channelData: { tenant: { id: 'devchat' } },
    locale: 'en-US',
  };
}

/**
 * This server as the request reached it, never as the Host header (which the caller writes) says. The bot's
 * connector client cannot reach an IPv6 literal (`http://[::1]:…`), so a request that came in on ::1 is answered
 * over 127.0.0.1 when the server listens on every address, and over `localhost` when it listens on ::1 alone.
 */
function originOf(socket: Socket): string {
  const address = (socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const listening = (socket as Socket & { server?: { address(): unknown } }).server?.address();
  const boundTo = typeof listening === 'object' && listening ? (listening as AddressInfo).address : undefined;
  const host = isIPv4(address) ? address : boundTo === address ? 'localhost' : '127.0.0.1';
  return `http://${host}:${socket.localPort}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
