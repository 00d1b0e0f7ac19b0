/**
 * `status` at `--rate` requests a second (default 200) on each transport, for 10 s (quick: 3 s): m365ops started
 * as `npm start` starts it (dev-mode Teams on POST /api/messages, Slack on POST /slack/events with signed slash
 * commands), against the simulator in its own process (`--tenants` customers, quick 20, at most 50, of 20 users)
 * and a local sink for the answers. Requests are sent open-loop (on a timer, not after the previous answer).
 *
 * Server side: `ack` is the HTTP answer to the request (the handler's whole turn for Teams, which answers after
 * the reply is sent; Slack's immediate ack); `answer` is the time from the request reaching the server to the
 * answer reaching the sink (Teams reply activity, Slack response_url). Target: p95 ≤ 50 ms.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type RunningServer, startServer } from '../bot/server/start-server';
import { type AnswerSink, startAnswerSink } from './answer-sink';
import { type Benchmark, type BenchRow, ratioOf } from './harness';
import type { BenchOptions } from './options';
import { type RemoteSimulator, startRemoteSimulator } from './remote-simulator';

const signingSecret = 'bench-signing-secret';
const slackTeam = 'TBENCH';
const slackUser = 'UBENCH1';
const aadObjectId = '7faf8ab2-3d56-4244-b585-20c8a42ed2b8';
const targetP95Ms = 50;

type Transport = 'teams' | 'slack';

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
}

function teamsActivity(serviceUrl: string, conversationId: string): unknown {
  return {
    id: randomUUID(),
    type: 'message',
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:bench-user', name: 'Bench Helpdesk', aadObjectId },
    recipient: { id: '28:bench-bot', name: 'm365ops' },
    conversation: { conversationType: 'personal', tenantId: 'bench-teams-tenant', id: conversationId },
    channelData: { tenant: { id: 'bench-teams-tenant' } },
    textFormat: 'plain',
    text: 'status',
  };
}

function slashCommand(responseUrl: string): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    team_id: slackTeam,
    channel_id: 'DBENCH1',
    channel_name: 'directmessage',
    user_id: slackUser,
    user_name: 'bench',
    command: '/m365',
    text: 'status',
    response_url: responseUrl,
    trigger_id: randomUUID(),
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
  };
}

async function startBenchServer(sim: RemoteSimulator, sink: AnswerSink, dataDir: string): Promise<RunningServer> {
  const server = await startServer({
    port: 0,
    cwd: dataDir,
    microsoftCa: sim.caPem,
    env: {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      M365_CLIENT_ID: sim.endpoints.clientId,
      M365_CLIENT_SECRET: sim.endpoints.clientSecret,
      M365_LOGIN_URL: sim.endpoints.loginUrl,
      M365_GRAPH_URL: sim.endpoints.graphUrl,
      M365_EXCHANGE_URL: sim.endpoints.exchangeUrl,
      M365OPS_DEV_MODE: '1',
      DEV_CONNECTOR_URL: `${sink.url}/connector/`,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: `${sink.url}/slack/api/`,
      SLACK_TEAM_ID: slackTeam,
    },
  });
  const { store } = server.app;
  await store.access.grant(`teams:${aadObjectId}`, 'helpdesk', 'bench');
  await store.access.grant(`slack:${slackTeam}:${slackUser}`, 'helpdesk', 'bench');
  return server;
}

/** Server-side times of each request, from its arrival to its HTTP answer and to its answer at the sink. */
function timeRequests(server: RunningServer, sink: AnswerSink) {
  const arrived = new Map<string, number>();
  const ack: number[] = [];
  const answer: number[] = [];
  server.http.server.prependListener('request', (req, res) => {
    const at = performance.now();
    const key = req.headers['x-bench-key'];
    if (typeof key === 'string') arrived.set(key, at);
    res.once('finish', () => ack.push(performance.now() - at));
  });
  sink.onAnswer((key) => {
    const at = arrived.get(key);
    if (at === undefined) return;
    arrived.delete(key);
    answer.push(performance.now() - at);
  });
  return {
    reset() {
      arrived.clear();
      ack.length = 0;
      answer.length = 0;
    },
    figures: () => ({ ack: [...ack].sort((a, b) => a - b), answer: [...answer].sort((a, b) => a - b) }),
  };
}

async function sendOne(server: RunningServer, sink: AnswerSink, transport: Transport, index: number) {
  const id = `${transport}-${index}-${randomUUID().slice(0, 8)}`;
  if (transport === 'teams') {
    const conversationId = `a:bench-${id}`;
    await fetch(`${server.http.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bench-key': `teams:${conversationId}` },
      body: JSON.stringify(teamsActivity(`${sink.url}/connector/`, conversationId)),
    });
    return;
  }
  const { body, headers } = slashCommand(`${sink.url}/respond/${id}`);
  await fetch(`${server.http.url}/slack/events`, {
    method: 'POST',
    headers: { ...headers, 'x-bench-key': `slack:${id}` },
    body,
  });
}

/** `rate` requests a second for `seconds`, each sent on its tick whatever the earlier ones are doing. */
async function drive(rate: number, seconds: number, send: (index: number) => Promise<void>) {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const sent: Promise<void>[] = [];
  let failures = 0;
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(send(index).catch(() => void failures++));
  }
  await Promise.all(sent);
  return { total, failures, seconds: (performance.now() - started) / 1000 };
}

async function measure(
  server: RunningServer,
  sink: AnswerSink,
  timing: ReturnType<typeof timeRequests>,
  transport: Transport,
  options: { rate: number; seconds: number },
): Promise<BenchRow> {
  await drive(5, 1, (index) => sendOne(server, sink, transport, index)); // warm: sign-ins, SKU caches
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  timing.reset();
  const run = await drive(options.rate, options.seconds, (index) => sendOne(server, sink, transport, index));
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // late answers
  const { ack, answer } = timing.figures();
  const p95 = percentile(answer, 0.95);
  return {
    transport: transport === 'teams' ? 'Teams POST /api/messages' : 'Slack POST /slack/events',
    rate: options.rate,
    sent: run.total,
    failed: run.failures,
    answered: answer.length,
    achievedPerSecond: answer.length / run.seconds,
    ackP50Ms: percentile(ack, 0.5),
    ackP95Ms: percentile(ack, 0.95),
    answerP50Ms: percentile(answer, 0.5),
    answerP95Ms: p95,
    targetP95Ms,
    ratio: ratioOf(p95, targetP95Ms),
  };
}

export const benchmark: Benchmark = {
  name: 'status',
  async run(options: BenchOptions) {
    const customers = Math.min(50, options.quick ? 5 : 20);
    const tenants = Array.from({ length: customers }, (_, index) => ({
      id: `00000000-0000-4000-8000-${(0x5a000000 + index).toString(16).padStart(12, '0')}`,
      displayName: `Status ${index}`,
      name: `s${index}`,
      users: 20,
      units: 30,
    }));
    const sim = await startRemoteSimulator(tenants, options.latencyMs);
    const sink = await startAnswerSink();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-status-bench-'));
    const server = await startBenchServer(sim, sink, dataDir);
    try {
      const { store } = server.app;
      await store.plans.upsert({ id: 'business-premium', name: 'Business Premium', skus: ['SPB'], disabledPlans: {} });
      for (const tenant of tenants) {
        await store.customers.upsert({
          id: tenant.name,
          name: tenant.displayName,
          tenantId: tenant.id,
          plans: [{ planId: 'business-premium', limit: 25 }],
          syncPolicy: { autoApprove: [] },
          consent: { status: 'granted' },
        });
      }
      const timing = timeRequests(server, sink);
      const seconds = options.quick ? 3 : 10;
      const rows: BenchRow[] = [];
      for (const transport of ['teams', 'slack'] as const) {
        rows.push(await measure(server, sink, timing, transport, { rate: options.rate, seconds }));
      }
      return {
        name: 'status',
        description: [
          `status (every customer: ${customers}) at ${options.rate} requests/s for ${seconds} s per transport, open-loop, from the same process as the server; simulator in its own process, ${options.latencyMs} ms per Graph request.`,
          'ack: request in → HTTP answer out. answer: request in → reply at the sink (Teams activity, Slack response_url). ratio = answer p95 ÷ 50 ms.',
        ].join('\n'),
        rows: rows.map((row) => ({ customers, ...row })),
      };
    } finally {
      await server.close();
      await sink.close();
      await sim.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
