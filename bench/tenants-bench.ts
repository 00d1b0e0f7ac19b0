/**
 * Many tenants at once, as the schedule runs them: `--tenants` generated tenants of `--tenant-users` users each,
 * every tenant synced in one tick of the sync scheduler. A cold full round (sign-ins, all findings new), a full
 * round with the findings already open, then a delta round with nothing changed.
 *
 * Target: every tenant checked once a minute, so a round's bound is 60 s. Requests: a full round needs per tenant
 * its pages + 3, a delta round 3 (the delta page, SKUs, admin role members); sign-ins are counted apart.
 */
import { createSyncScheduler } from '../sync/sync-scheduler';
import { type BenchApp, openBenchApp } from './bench-app';
import type { Benchmark, BenchRow } from './harness';
import { measurePeakRss, ratioOf, secondsSince } from './harness';
import type { BenchOptions } from './options';
import { graphRequestsBetween, type RemoteSimulator, startRemoteSimulator } from './remote-simulator';

const roundBoundSeconds = 60;
const signInRoutes = ['POST /oauth2/v2.0/token', 'GET /v2.0/.well-known/openid-configuration'];

function tenantIdOf(index: number): string {
  return `00000000-0000-4000-8000-${(0xa0000000 + index).toString(16).padStart(12, '0')}`;
}

interface Round {
  name: string;
  fullPassEveryMs: number;
  requestsPerTenant: number;
}

async function runRound(sim: RemoteSimulator, app: BenchApp, round: Round): Promise<BenchRow> {
  const scheduler = createSyncScheduler({
    runtime: app.runtime,
    owner: 'bench',
    defaultSchedule: '* * * * *',
    fullPassEveryMs: round.fullPassEveryMs,
  });
  const before = await sim.requestCounts();
  const started = process.hrtime.bigint();
  const { value: outcomes, peakRssMiB } = await measurePeakRss(() => scheduler.runTick(new Date()));
  const seconds = secondsSince(started);
  const after = await sim.requestCounts();
  const requests = graphRequestsBetween(before, after);
  const requestBound = app.customers.length * round.requestsPerTenant;
  const signIns = signInRoutes.reduce((sum, route) => sum + (after[route] ?? 0) - (before[route] ?? 0), 0);
  const failed = outcomes.filter((outcome) => outcome.outcome !== 'ok');
  return {
    round: round.name,
    seconds,
    boundSeconds: roundBoundSeconds,
    ratio: ratioOf(seconds, roundBoundSeconds),
    requests,
    requestBound,
    requestRatio: ratioOf(requests, requestBound),
    signInRequests: signIns,
    failedTenants: failed.length,
    firstFailure: failed[0]?.error ?? '',
    peakRssMiB,
  };
}

export const benchmark: Benchmark = {
  name: 'tenants',
  async run(options: BenchOptions) {
    const { tenants: count, tenantUsers: users, latencyMs } = options;
    const tenants = Array.from({ length: count }, (_, index) => ({
      id: tenantIdOf(index),
      displayName: `Tenant ${index}`,
      name: `t${index}`,
      users,
      units: users + 10,
    }));
    const sim = await startRemoteSimulator(tenants, latencyMs);
    const app = await openBenchApp(sim, tenants);
    const pages = Math.max(1, Math.ceil(users / 999));
    const rows: BenchRow[] = [];
    try {
      const full = { fullPassEveryMs: 0, requestsPerTenant: pages + 3 };
      rows.push(await runRound(sim, app, { name: 'cold full round (all findings new)', ...full }));
      rows.push(await runRound(sim, app, { name: 'full round (findings open)', ...full }));
      rows.push(
        await runRound(sim, app, {
          name: 'delta round (nothing changed)',
          fullPassEveryMs: Number.MAX_SAFE_INTEGER,
          requestsPerTenant: 3,
        }),
      );
      const simPeakRssMiB = await sim.peakRssMiB();
      return {
        name: 'tenants',
        description: [
          `${count} tenants × ${users} users, one scheduler tick each round, ${latencyMs} ms per Graph request, simulator in its own process.`,
          `boundSeconds: every tenant once a minute (60 s); requestBound: per tenant its pages + 3 (full) or 3 (delta); signInRequests: token and metadata requests. Simulator peak RSS ${Math.round(simPeakRssMiB)} MiB.`,
        ].join('\n'),
        rows: rows.map((row) => ({ tenants: count, users, ...row })),
      };
    } finally {
      await app.close();
      await sim.close();
    }
  },
};
