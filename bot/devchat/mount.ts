/**
 * The local web chat (GET /), served only in dev mode (design.md §9, loopback only): a page that renders the bot's
 * Adaptive Cards with the official `adaptivecards` renderer and talks to the bot exactly as Teams does — it posts
 * Teams-shaped activities to POST /api/messages, Action.Execute clicks as `adaptiveCard/action` invokes, and reads
 * the bot's messages back from a local Bot Connector (bot/devchat/local-connector.ts) it polls.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type express from 'express';
import type { App } from '../server/app';
import { createLocalConnector } from './local-connector';

export const defaultDevChatUserId = 'teams:00000000-0000-4000-8000-00000000d3c0';

export interface MountDevChatOptions {
  /** Where DEVCHAT_USER_ID is read (default process.env). */
  env?: Record<string, string | undefined>;
}

export async function mountDevChat(
  server: express.Express,
  m365ops: App,
  options: MountDevChatOptions = {},
): Promise<void> {
  if (m365ops.env.teams.mode !== 'dev') {
    m365ops.logger.info('not in dev mode: the local web chat is not served');
    return;
  }
  const env = options.env ?? process.env;
  const aadObjectId = (env.DEVCHAT_USER_ID?.trim() || defaultDevChatUserId).replace(/^teams:/, '');
  const publicDir = findPublicDir();
  const page = readFileSync(path.join(publicDir, 'index.html'), 'utf8').replace(
    '__DEVCHAT_SETTINGS__',
    JSON.stringify({ aadObjectId, userName: 'Local operator', botName: 'm365ops' }).replace(/</g, '\\u003c'),
  );
  const connector = createLocalConnector();

  server.get('/', (_req, res) => {
    res.type('html').send(page);
  });
  server.get('/devchat/chat.js', (_req, res) => {
    res.type('application/javascript').sendFile(path.join(publicDir, 'chat.js'));
  });
  server.get('/devchat/adaptivecards.js', (_req, res) => {
    res.type('application/javascript').sendFile(require.resolve('adaptivecards/dist/adaptivecards.min.js'));
  });
  server.get('/devchat/events', (req, res) => {
    const after = Number(req.query.after ?? 0);
    const conversation = typeof req.query.conversation === 'string' ? [req.query.conversation] : undefined;
    res.json({ events: connector.eventsAfter(Number.isFinite(after) ? after : 0, conversation) });
  });
  server.use('/devchat', connector.router);
  m365ops.logger.info({ user: `teams:${aadObjectId}` }, 'local web chat on GET /');
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
