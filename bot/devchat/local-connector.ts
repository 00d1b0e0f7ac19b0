/**
 * The web chat's Bot Connector: the v3 conversation endpoints the bot calls back on (its activities carry
 * `${origin}/devchat/` as serviceUrl), kept as an in-memory outbox the page polls. A send appends a message; an
 * update (PUT) appends a replacement the page applies to the card already shown.
 */
import express from 'express';

export interface OutboxEvent {
  seq: number;
  op: 'message' | 'update' | 'typing';
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
}

const maxEvents = 1000;

export interface LocalConnector {
  router: express.Router;
  /** Events after `seq`, oldest first. */
  eventsAfter(seq: number, conversationIds?: string[]): OutboxEvent[];
}

export function createLocalConnector(): LocalConnector {
  const events: OutboxEvent[] = [];
  let seq = 0;
  let nextId = 1;

  function append(
    op: OutboxEvent['op'],
    conversationId: string,
    activityId: string,
    activity: Record<string, unknown>,
  ) {
    events.push({ seq: ++seq, op, conversationId, activityId, activity: { ...activity, id: activityId } });
    if (events.length > maxEvents) events.splice(0, events.length - maxEvents);
  }

  const router = express.Router();
  router.use(express.json({ limit: '1mb' }));

  router.post('/v3/conversations', (req, res) => {
    const members = Array.isArray(req.body?.members) ? req.body.members : [];
    const id = `a:devchat-private-${nextId++}-${String(members[0]?.id ?? 'user')}`;
    res.status(201).json({ id, activityId: '', serviceUrl: req.body?.serviceUrl });
  });

  // Express decodes the path params (Teams ids contain `:`, `@`, `;`).
  const send: express.RequestHandler = (req, res) => {
    const conversationId = String(req.params.conversationId);
    const activityId = `devchat-${nextId++}`;
    const body = (req.body ?? {}) as Record<string, unknown>;
    append(body.type === 'typing' ? 'typing' : 'message', conversationId, activityId, body);
    res.status(201).json({ id: activityId });
  };
  router.post('/v3/conversations/:conversationId/activities', send);
  router.post('/v3/conversations/:conversationId/activities/:replyToId', send);

  router.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    const activityId = String(req.params.activityId);
    append('update', String(req.params.conversationId), activityId, (req.body ?? {}) as Record<string, unknown>);
    res.status(200).json({ id: activityId });
  });

  router.delete('/v3/conversations/:conversationId/activities/:activityId', (_req, res) => {
    res.status(200).end();
  });

  return {
    router,
    eventsAfter(after, conversationIds) {
      return events.filter(
        (event) =>
          event.seq > after &&
          (!conversationIds ||
            conversationIds.includes(event.conversationId) ||
            event.conversationId.startsWith('a:devchat-private-')),
      );
    },
  };
}
