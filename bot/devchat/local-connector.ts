/**
 * The web chat's Bot Connector: the v3 conversation endpoints the bot calls back on, writing into the outbox of
 * the session that owns the conversation. Only the bot may post here: the endpoints live under a path holding a
 * random key made when the connector is, and that path is only ever written into the serviceUrl of the activities
 * the server itself builds for the bot (bot/devchat/page-messages.ts); neither the page nor anyone else sees it.
 * A send appends a message; an update (PUT) appends a replacement the page applies to the card already shown.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { ChatSessions, OutboxEvent } from './chat-sessions';

export interface LocalConnector {
  router: express.Router;
  /** The serviceUrl to give the bot for this server's origin (`http://127.0.0.1:3978`). */
  serviceUrlFor(origin: string): string;
}

// What the page needs of a bot activity; the rest (its serviceUrl above all) stays out of the outbox.
const pageFields = ['type', 'text', 'textFormat', 'summary', 'attachments', 'replyToId'] as const;

export function createLocalConnector(sessions: ChatSessions): LocalConnector {
  const key = randomBytes(32).toString('base64url');
  const keyDigest = digestOf(key);
  const router = express.Router();

  router.use('/v3', (_req, res) => {
    res.status(401).json({ error: 'The web chat’s connector takes activities from the bot alone.' });
  });

  const bot = express.Router({ mergeParams: true });
  router.use(
    '/connector/:key',
    (req, res, next) => {
      if (timingSafeEqual(digestOf(String(req.params.key)), keyDigest)) return next();
      res.status(403).json({ error: 'The web chat’s connector takes activities from the bot alone.' });
    },
    express.json({ limit: '1mb' }),
    bot,
  );

  function record(op: OutboxEvent['op'], req: express.Request, res: express.Response, activityId: string): boolean {
    const session = sessions.findByConversation(String(req.params.conversationId));
    if (!session) {
      res.status(404).json({ error: { code: 'ConversationNotFound', message: 'No such web chat conversation.' } });
      return false;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    sessions.append(session, {
      op,
      conversationId: session.conversationId,
      activityId,
      activity: { ...pick(body), id: activityId },
    });
    return true;
  }

  // The web chat is always the operator's personal chat: it opens no other conversation.
  bot.post('/v3/conversations', (_req, res) => {
    res.status(404).json({ error: { code: 'NotSupported', message: 'The web chat opens no other conversations.' } });
  });

  // Express decodes the path params (Teams ids contain `:`, `@`, `;`).
  const send: express.RequestHandler = (req, res) => {
    const activityId = `devchat-${randomBytes(8).toString('hex')}`;
    const op = (req.body as { type?: unknown } | undefined)?.type === 'typing' ? 'typing' : 'message';
    if (record(op, req, res, activityId)) res.status(201).json({ id: activityId });
  };
  bot.post('/v3/conversations/:conversationId/activities', send);
  bot.post('/v3/conversations/:conversationId/activities/:replyToId', send);

  bot.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    const activityId = String(req.params.activityId);
    if (record('update', req, res, activityId)) res.status(200).json({ id: activityId });
  });

  bot.delete('/v3/conversations/:conversationId/activities/:activityId', (_req, res) => {
    res.status(200).end();
  });

  return {
    router,
    serviceUrlFor: (origin) => `${origin}/devchat/connector/${key}/`,
  };
}

function pick(activity: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const field of pageFields) if (activity[field] !== undefined) kept[field] = activity[field];
  return kept;
}

function digestOf(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
