/**
 * `add user` at volume under write throttling: `--adds` (default 200, quick 20) users added through the real
 * handlers, ten at a time as a helpdesk team or a bulk file would, while the simulator answers every 7th Graph
 * request (batch items counted one by one) with 429 and a Retry-After of 0.5 s.
 *
 * Bound: each add makes one write round trip (create + licence in one `$batch`, the licence `dependsOn` the
 * create); its reads are the UPN check (the SKUs and domains come from the runtime's caches). So the time bound
 * is ⌈adds ÷ 10⌉ × 2 round trips × latency, and the write bound one `$batch` per add; the throttled items are
 * resubmitted after their Retry-After, which the ratio shows.
 */
import { createM365ops } from '../handlers/index';
import { openBenchApp } from './bench-app';
import { type Benchmark, type BenchRow, ratioOf, secondsSince } from './harness';
import type { BenchOptions } from './options';
import { graphRequestsBetween, startRemoteSimulator } from './remote-simulator';

const tenantId = '00000000-0000-4000-8000-0000000add00';
const parallel = 10;
const throttleEvery = 7;
const retryAfterSeconds = 0.5;

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
}

export const benchmark: Benchmark = {
  name: 'adds',
  async run(options: BenchOptions) {
    const adds = options.adds;
    const { latencyMs } = options;
    const sim = await startRemoteSimulator(
      [{ id: tenantId, displayName: 'Adds', name: 'adds', users: 10, units: adds + 20 }],
      latencyMs,
    );
    const app = await openBenchApp(sim, [{ id: tenantId, name: 'adds' }]);
    try {
      const m365ops = createM365ops(app.runtime);
      await app.store.access.grant('cli:bench', 'helpdesk', 'bench');
      await sim.control('setFaults', { latencyMs, throttleEvery, retryAfterSeconds });
      const before = await sim.requestCounts();
      const durations: number[] = [];
      const failures: string[] = [];
      const started = process.hrtime.bigint();
      const addOne = async (index: number) => {
        const began = process.hrtime.bigint();
        const reply = await m365ops.handle({
          context: { identity: 'cli:bench', origin: 'cli', isPersonal: true },
          command: {
            name: 'add-user',
            upn: `new.user${index}@adds.example`,
            planId: 'business-premium',
            usageLocation: 'US',
            admin: false,
            aliases: [],
          },
        });
        durations.push(secondsSince(began));
        if (reply.kind !== 'result') failures.push(JSON.stringify(reply).slice(0, 200));
      };
      let next = 0;
      const worker = async () => {
        while (next < adds) await addOne(next++);
      };
      await Promise.all(Array.from({ length: parallel }, worker));
      const seconds = secondsSince(started);
      const after = await sim.requestCounts();
      const batches = (after['POST /v1.0/$batch'] ?? 0) - (before['POST /v1.0/$batch'] ?? 0);
      const otherWrites = Object.entries(after)
        .filter(([route]) => /^(POST|PATCH|DELETE) \/v1\.0\//.test(route) && route !== 'POST /v1.0/$batch')
        .reduce((sum, [route, count]) => sum + count - (before[route] ?? 0), 0);
      const requests = graphRequestsBetween(before, after);
      const boundSeconds = (Math.ceil(adds / parallel) * 2 * latencyMs) / 1000;
      durations.sort((a, b) => a - b);
      const row: BenchRow = {
        adds,
        parallel,
        seconds,
        boundSeconds,
        ratio: ratioOf(seconds, boundSeconds),
        p50Seconds: percentile(durations, 0.5),
        p95Seconds: percentile(durations, 0.95),
        writeRoundTripsPerAdd: ratioOf(batches + otherWrites, adds),
        otherWrites,
        graphRequestsPerAdd: ratioOf(requests, adds),
        failed: failures.length,
        firstFailure: failures[0] ?? '',
      };
      return {
        name: 'adds',
        description: [
          `${adds} add user commands through the real handlers, ${parallel} at a time, ${latencyMs} ms per Graph request; every ${throttleEvery}th Graph request (batch items one by one) answered 429 with Retry-After ${retryAfterSeconds} s.`,
          `boundSeconds: ⌈adds ÷ ${parallel}⌉ × 2 round trips (UPN check, one $batch) × latency. writeRoundTripsPerAdd: $batch and other write requests ÷ adds (1.00 = one per add; above it, throttled items resubmitted). graphRequestsPerAdd: every Graph request ÷ adds.`,
        ].join('\n'),
        rows: [row],
      };
    } finally {
      await app.close();
      await sim.close();
    }
  },
};
