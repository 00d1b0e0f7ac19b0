/**
 * The simulator at scale, in this process and without added latency: seconds from start to listening with a
 * generated tenant of 10k, 100k and the `--users` sizes (`--quick`: only those), then a full read by pages of 999 through the
 * gateway, to show a page costs the same at the end of the tenant as at its start.
 *
 * Target: a 100k-user tenant starts "in seconds", taken as 5 s at any size. A page's cost is compared with the
 * chosen latency: the simulator's own share of each page in the sync figures.
 */
import { createM365Gateway } from '../m365/index';
import { startSimulator } from '../sim/index';
import { generatedTenant } from '../sim/seed/generated-tenant';
import { simulatorEndpoints } from '../sim/simulator-endpoints';
import type { Benchmark, BenchRow } from './harness';
import { ratioOf, secondsSince } from './harness';
import type { BenchOptions } from './options';

const tenantId = '00000000-0000-4000-8000-0000000005ee';
const targetSeconds = 5;

async function benchSize(users: number, latencyMs: number): Promise<BenchRow> {
  const rssBefore = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const sim = await startSimulator({
    seed: { tenants: [generatedTenant({ id: tenantId, displayName: 'Seed', name: 'seed', users, units: users })] },
  });
  const seconds = secondsSince(started);
  const rssMiB = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  try {
    const tenant = createM365Gateway({ ...simulatorEndpoints(sim), ca: sim.caPem }).forTenant(tenantId);
    await tenant.listDomains(); // sign in before timing pages
    const pageMs: number[] = [];
    let read = 0;
    let pageStarted = process.hrtime.bigint();
    for await (const page of tenant.listUsers(['userPrincipalName', 'assignedLicenses'], 999)) {
      pageMs.push(secondsSince(pageStarted) * 1000);
      read += page.length;
      pageStarted = process.hrtime.bigint();
    }
    if (read !== users) throw new Error(`The full read found ${read} of ${users} users.`);
    const meanPageMs = pageMs.reduce((sum, ms) => sum + ms, 0) / pageMs.length;
    return {
      users,
      seconds,
      boundSeconds: targetSeconds,
      ratio: ratioOf(seconds, targetSeconds),
      simRssMiB: rssMiB,
      pages: pageMs.length,
      firstPageMs: pageMs[0] ?? 0,
      meanPageMs,
      lastPageMs: pageMs[pageMs.length - 1] ?? 0,
      pageShareOfLatency: latencyMs > 0 ? ratioOf(meanPageMs, latencyMs) : Number.NaN,
    };
  } finally {
    await sim.close();
  }
}

export const benchmark: Benchmark = {
  name: 'seed',
  async run(options: BenchOptions) {
    const sizes = options.quick
      ? options.users
      : [...new Set([10_000, 100_000, ...options.users])].sort((a, b) => a - b);
    const rows: BenchRow[] = [];
    for (const users of sizes) rows.push(await benchSize(users, options.latencyMs));
    return {
      name: 'seed',
      description: [
        'The simulator in this process: seconds to seed and start a generated tenant (boundSeconds: the target, 5 s), the RSS it added,',
        `and a full read by pages of 999 through the gateway with no added latency (pageShareOfLatency: a page's own cost ÷ ${options.latencyMs} ms).`,
      ].join(' '),
      rows,
    };
  },
};
