/**
 * `status` at `--rate` requests a second (default 200) on each transport, for 10 s (quick: 3 s): m365ops started
 * as `npm start` starts it (dev-mode Teams on POST /api/messages, Slack on POST /slack/events with signed slash
 * commands), against the simulator in its own process (`--tenants` customers, quick 20, at most 50, of 20 users).
 * The load generator and the answer sink run in a third process (./remote-load.ts), so the server's process does
 * only the server's work. Requests are sent open-loop (on a timer, not after the previous answer).
 *
 * Server side: `ack` is the HTTP answer to the request (the handler's whole turn for Teams, which answers after
 * the reply is sent; Slack's immediate ack); `answer` is the time from the request reaching the server to the
 * answer reaching the sink (Teams reply activity, Slack response_url). Target: p95 ≤ 50 ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type RunningServer, startServer } from '../bot/server/start-server';
import { type Benchmark, type BenchRow, ratioOf } from './harness';
import type { BenchOptions } from './options';
import { type RemoteLoad, startRemoteLoad } from './remote-load';
import { type RemoteSimulator, startRemoteSimulator } from './remote-simulator';
import { type BenchTransport, benchIdentity } from './status-requests';

const targetP95Ms = 50;
const wallClock = () => performance.timeOrigin + performance.now();

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
}

async function startBenchServer(sim: RemoteSimulator, sinkUrl: string, dataDir: string): Promise<RunningServer> {
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
      DEV_CONNECTOR_URL: `${sinkUrl}/connector/`,
      SLACK_SIGNING_SECRET: benchIdentity.signingSecret,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_API_URL: `${sinkUrl}/slack/api/`,
      SLACK_TEAM_ID: benchIdentity.slackTeam,
    },
  });
  const { store } = server.app;
  await store.access.grant(`teams:${benchIdentity.aadObjectId}`, 'helpdesk', 'bench');
  await store.access.grant(`slack:${benchIdentity.slackTeam}:${benchIdentity.slackUser}`, 'helpdesk', 'bench');
  return server;
}

/** Each request's arrival (wall clock, by its key) and the time to its HTTP answer, seen by the server. */
function timeArrivals(server: RunningServer) {
  const arrived = new Map<string, number>();
  const ack: number[] = [];
  server.http.server.prependListener('request', (req, res) => {
    const at = performance.now();
    const key = req.headers['x-bench-key'];
    if (typeof key === 'string') arrived.set(key, wallClock());
    res.once('finish', () => ack.push(performance.now() - at));
  });
  return {
    reset() {
      arrived.clear();
      ack.length = 0;
    },
    figures(answers: [string, number][]) {
      const answer: number[] = [];
      for (const [key, at] of answers) {
        const start = arrived.get(key);
        if (start !== undefined) answer.push(at - start);
      }
      return { ack: [...ack].sort((a, b) => a - b), answer: answer.sort((a, b) => a - b) };
    },
  };
}

async function measure(
  server: RunningServer,
  load: RemoteLoad,
  timing: ReturnType<typeof timeArrivals>,
  transport: BenchTransport,
  options: { rate: number; seconds: number },
): Promise<BenchRow> {
  const serverUrl = server.http.url;
  await load.drive({ serverUrl, transport, rate: 5, seconds: 1, settleMs: 1_000 }); // warm: sign-ins, SKU caches
  timing.reset();
  const cpuBefore = process.cpuUsage();
  const run = await load.drive({ serverUrl, transport, ...options, settleMs: 2_000 });
  const cpu = process.cpuUsage(cpuBefore);
  const { ack, answer } = timing.figures(run.answers);
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
    serverCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, answer.length),
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
    const load = await startRemoteLoad();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'm365ops-status-bench-'));
    const server = await startBenchServer(sim, load.sinkUrl, dataDir);
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
      const timing = timeArrivals(server);
      const seconds = options.quick ? 3 : 10;
      const rows: BenchRow[] = [];
      for (const transport of ['teams', 'slack'] as const) {
        rows.push(await measure(server, load, timing, transport, { rate: options.rate, seconds }));
      }
      return {
        name: 'status',
        description: [
          `status (every customer: ${customers}) at ${options.rate} requests/s for ${seconds} s per transport, open-loop, from a process of its own; simulator in its own process, ${options.latencyMs} ms per Graph request.`,
          'ack: request in → HTTP answer out. answer: request in → reply at the sink (Teams activity, Slack response_url). ratio = answer p95 ÷ 50 ms.',
          'serverCpuMsPerRequest: the server process’s CPU time (user + system) over the run ÷ answers: what one request costs, whatever else the machine is doing; 1,000 ÷ it is the most one core can answer per second.',
        ].join('\n'),
        rows: rows.map((row) => ({ customers, ...row })),
      };
    } finally {
      await server.close();
      await load.close();
      await sim.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};
