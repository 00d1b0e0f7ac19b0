/**
 * Graph change notifications over HTTP (GRAPH_NOTIFICATIONS=on): `POST /graph/notifications` and
 * `POST /graph/lifecycle` answer Graph's validation handshake (the validationToken echoed as text/plain) and
 * hand notification bodies to the receiver, answering 202 before any tenant is read (Graph wants an answer within
 * 3 seconds). The subscriptions are kept at start and every hour.
 */
import express from 'express';
import { createNotificationReceiver, type NotificationReceiver } from '../../sync/notifications/notification-receiver';
import { keepSubscriptions, type NotificationUrls } from '../../sync/notifications/subscription-upkeep';
import type { App } from './app';
import type { Mount } from './http-server';

/** Graph's notification bodies are small; a batch of many changes stays far below this. */
const maxNotificationBytes = 1_000_000;
const upkeepEveryMs = 60 * 60_000;
/** Graph's validation tokens are a short sentence with a request id; anything far longer is not Graph. */
const maxTokenLength = 1_024;

export interface GraphNotifications {
  receiver: NotificationReceiver;
  mount: Mount;
  /** Keeps every customer's subscription now and every hour; returns the stop. */
  startUpkeep(every: (ms: number, task: () => void) => () => void): () => void;
}

export function createGraphNotifications(app: App, urls: NotificationUrls): GraphNotifications {
  const receiver = createNotificationReceiver({ runtime: app.runtime, urls });
  const log = app.logger.child({ component: 'graph-notifications' });
  const upkeep = () => {
    keepSubscriptions(app.runtime, urls).then(
      (counts) => log.info(counts, 'Graph change-notification subscriptions kept'),
      (error: unknown) => log.error({ err: error }, 'could not keep the Graph subscriptions'),
    );
  };
  return {
    receiver,
    mount: async (server) => {
      const json = express.json({ limit: maxNotificationBytes, type: () => true });
      server.post('/graph/notifications', answerValidation, json, async (req, res) => {
        const { accepted, dropped } = await receiver.receive(req.body);
        res.status(202).json({ accepted, dropped });
      });
      server.post('/graph/lifecycle', answerValidation, json, async (req, res) => {
        const { accepted, dropped } = await receiver.receiveLifecycle(req.body);
        res.status(202).json({ accepted, dropped });
      });
    },
    startUpkeep(every) {
      upkeep();
      return every(upkeepEveryMs, upkeep);
    },
  };
}

/** Graph's handshake: `?validationToken=…` answered 200 with the token, as plain text, at once. */
const answerValidation: express.RequestHandler = (req, res, next) => {
  const token = req.query.validationToken;
  if (typeof token !== 'string') {
    next();
    return;
  }
  if (token.length > maxTokenLength) {
    res.status(400).type('text/plain').send('The validation token is longer than Graph sends.');
    return;
  }
  res.status(200).set('X-Content-Type-Options', 'nosniff').type('text/plain').send(token);
};
