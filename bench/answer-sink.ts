/**
 * Where m365ops's answers go in the status benchmark: one local HTTP server standing in for the Bot Connector
 * (`/connector/v3/conversations/…`), Slack's Web API (`/slack/api/<method>`) and Slack response URLs
 * (`/respond/<id>`). It answers each at once and tells the benchmark when an answer arrived, named by the
 * conversation (Teams) or the response URL (Slack) it was for.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AnswerSink {
  url: string;
  /** Called with the key of each answer: `teams:<conversation id>` or `slack:<response id>`. */
  onAnswer(listener: (key: string) => void): void;
  close(): Promise<void>;
}

function keyOf(path: string): string | undefined {
  const teams = /^\/connector\/v3\/conversations\/([^/]+)\/activities/.exec(path);
  if (teams) return `teams:${decodeURIComponent(teams[1] as string)}`;
  const slack = /^\/respond\/([^/?]+)/.exec(path);
  if (slack) return `slack:${slack[1]}`;
  return undefined;
}

export async function startAnswerSink(): Promise<AnswerSink> {
  const listeners: ((key: string) => void)[] = [];
  const answer = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const path = req.url ?? '/';
    const key = keyOf(path);
    const isTyping = key?.startsWith('teams:') && body.includes('"type":"typing"');
    if (key && req.method === 'POST' && !isTyping) for (const listener of listeners) listener(key);
    res.setHeader('content-type', 'application/json');
    if (path.startsWith('/slack/api/')) {
      res.end(JSON.stringify({ ok: true, ts: `${Date.now() / 1000}`, channel: 'C0BENCH', user_id: 'UBOT00001' }));
    } else if (path.startsWith('/respond/')) {
      res.end('ok');
    } else {
      res.end(JSON.stringify({ id: `activity-${Date.now()}` }));
    }
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    onAnswer: (listener) => listeners.push(listener),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
