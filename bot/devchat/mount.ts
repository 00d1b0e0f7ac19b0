/**
 * The local web chat (GET /), served only in dev mode (design.md §9, loopback only): a page that renders the bot's
 * Adaptive Cards with the official `adaptivecards` renderer and talks to the bot as Teams does — each message
 * and Action.Execute click becomes a Teams activity on POST /api/messages, and the bot's messages come back
 * through a local Bot Connector (bot/devchat/local-connector.ts) into an outbox the page polls.
 *
 * Each browser gets its own session (an HttpOnly cookie) and its own conversation; it reads only that
 * conversation's messages, each once. Only the bot can post to the connector.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { TransportHost } from '../transport-host';
import { type ChatSession, createChatSessions } from './chat-sessions';
import { createLocalConnector } from './local-connector';
import { createPageMessageHandler } from './page-messages';
import { readSessionToken, setSessionCookie } from './session-cookie';

export const defaultDevChatUserId = 'teams:00000000-0000-4000-8000-00000000d3c0';

export interface MountDevChatOptions {
  /** Where DEVCHAT_USER_ID is read (default process.env). */
  env?: Record<string, string | undefined>;
  /** The clock idle sessions are measured by (default Date.now). */
  now?: () => number;
}

export async function mountDevChat(
  server: express.Express,
  host: TransportHost,
  options: MountDevChatOptions = {},
): Promise<void> {
  if (host.env.teams.mode !== 'dev') {
    host.logger.info('not in dev mode: the local web chat is not served');
    return;
  }
  const env = options.env ?? process.env;
  const aadObjectId = (env.DEVCHAT_USER_ID?.trim() || defaultDevChatUserId).replace(/^teams:/, '');
  const operator = { aadObjectId, userName: 'Local operator', botName: 'm365ops' };
  const publicDir = findPublicDir();
  const page = readFileSync(path.join(publicDir, 'index.html'), 'utf8').replace(
    '__DEVCHAT_SETTINGS__',
    JSON.stringify(operator).replace(/</g, '\\u003c'),
  );
  const sessions = createChatSessions({ now: options.now });
  const connector = createLocalConnector(sessions);
  const logger = host.logger.child({ transport: 'devchat' });

  server.get('/', (req, res) => {
    if (!sessions.find(readSessionToken(req))) setSessionCookie(res, sessions.open().token);
    res.set('cache-control', 'no-store').type('html').send(page);
  });
  server.get('/devchat/chat.js', (_req, res) => {
    res.type('application/javascript').sendFile(path.join(publicDir, 'chat.js'));
  });
  server.get('/devchat/adaptivecards.js', (_req, res) => {
    res.type('application/javascript').sendFile(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
  });
  server.get('/devchat/events', (req, res) => {
    const session = sessions.find(readSessionToken(req));
    if (!session || !namesOwnConversation(req, session)) {
      res.status(403).json({ error: 'Not your web chat session: reload the page.' });
      return;
    }
    res.set('cache-control', 'no-store').json({ events: sessions.take(session) });
  });
  server.post(
    '/devchat/messages',
    express.json({ limit: '1mb' }),
    createPageMessageHandler(sessions, connector, operator, logger),
  );
  server.use('/devchat', connector.router);
  logger.info({ user: `teams:${aadObjectId}` }, 'local web chat on GET /');
}

/** A read may name its conversation; naming any other is refused rather than answered empty. */
function namesOwnConversation(req: express.Request, session: ChatSession): boolean {
  const named = req.query.conversation;
  return named === undefined || named === session.conversationId;
}

// Source checkout (jest, ts) or build output (dist/bot/devchat): the static files stay in the source tree.
function findPublicDir(): string {
  const candidates = [
    path.join(__dirname, 'public'),
    path.resolve(__dirname, '..', '..', '..', 'bot', 'devchat', 'public'),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`The web chat page is missing: looked in ${candidates.join(' and ')}.`);
  return found;
}
