/**
 * A bulk CSV (issue 16): `--rows` add rows (default 1,000, quick 40) previewed and then run through the real
 * handlers (`bulk`, then its Confirm, `bulk run <id>`), against the simulator with 50 ms per Graph request (quick:
 * the quick latency) and write throttling: every 7th Graph request (batch items one by one) answered 429 with a
 * Retry-After of 0.5 s.
 *
 * Bound of the run: rows run 4 at a time per tenant, each one write round trip (create + licence in one `$batch`)
 * after its UPN check, so ⌈rows ÷ 4⌉ × 2 × latency. The preview reads each UPN once (pages of the user list would
 * be fewer requests, which the requests per row show).
 */
import { createM365ops } from '../handlers/index';
import { openBenchApp } from './bench-app';
import { type Benchmark, type BenchRow, ratioOf, secondsSince } from './harness';
import type { BenchOptions } from './options';
import { graphRequestsBetween, startRemoteSimulator } from './remote-simulator';

const tenantId = '00000000-0000-4000-8000-00000000b0b0';
const rowsPerTenant = 4;
const throttleEvery = 7;
const retryAfterSeconds = 0.5;
const fullLatencyMs = 50;

function csvOf(rows: number): string {
  const lines = ['action,upn,plan,location,customer'];
  for (let index = 0; index < rows; index++) lines.push(`add,row.user${index}@bulk.example,business-premium,US,bulk`);
  return lines.join('\n');
}

export const benchmark: Benchmark = {
  name: 'bulk',
  async run(options: BenchOptions) {
    const { rows } = options;
    const latencyMs = options.quick ? options.latencyMs : fullLatencyMs;
    const sim = await startRemoteSimulator(
      [{ id: tenantId, displayName: 'Bulk', name: 'bulk', users: 10, units: rows + 20 }],
      latencyMs,
    );
    const app = await openBenchApp(sim, [{ id: tenantId, name: 'bulk' }]);
    try {
      const m365ops = createM365ops(app.runtime);
      await app.store.access.grant('cli:bench', 'helpdesk', 'bench');
      await sim.control('setFaults', { latencyMs, throttleEvery, retryAfterSeconds });
      const context = { identity: 'cli:bench', origin: 'cli' as const, isPersonal: true };

      const beforePreview = await sim.requestCounts();
      const previewStarted = process.hrtime.bigint();
      const preview = await m365ops.handle({ context, command: { name: 'bulk', csv: csvOf(rows) } });
      const previewSeconds = secondsSince(previewStarted);
      if (preview.kind !== 'confirm') throw new Error(`The preview did not ask to confirm: ${JSON.stringify(preview)}`);
      const afterPreview = await sim.requestCounts();
      const refusals = preview.summary.filter((line) => /refused/i.test(line));

      const runStarted = process.hrtime.bigint();
      const result = await m365ops.handle({ context, command: preview.confirmCommand });
      const runSeconds = secondsSince(runStarted);
      const afterRun = await sim.requestCounts();
      if (result.kind !== 'result') throw new Error(`The run did not finish: ${JSON.stringify(result).slice(0, 500)}`);
      const fact = (label: string) => Number(result.facts.find((entry) => entry.label === label)?.value ?? Number.NaN);
      const boundSeconds = (Math.ceil(rows / rowsPerTenant) * 2 * latencyMs) / 1000;
      const batches = (afterRun['POST /v1.0/$batch'] ?? 0) - (afterPreview['POST /v1.0/$batch'] ?? 0);
      const row: BenchRow = {
        rows,
        latencyMs,
        previewSeconds,
        previewRequestsPerRow: ratioOf(graphRequestsBetween(beforePreview, afterPreview), rows),
        runSeconds,
        boundSeconds,
        ratio: ratioOf(runSeconds, boundSeconds),
        rowsPerSecond: ratioOf(rows, runSeconds),
        runRequestsPerRow: ratioOf(graphRequestsBetween(afterPreview, afterRun), rows),
        batchRequestsPerRow: ratioOf(batches, rows),
        done: fact('Done'),
        failed: fact('Failed'),
        refusedInPreview: fact('Refused in the preview'),
        asked: fact('Asked of an approver'),
        notRun: result.facts.some((entry) => entry.label === 'Not run yet') ? fact('Not run yet') : 0,
        passwords: result.secret ? result.secret.value.split('\n').filter(Boolean).length - 1 : 0,
        firstFailure: result.notes?.[0] ?? refusals[0] ?? '',
      };
      return {
        name: 'bulk',
        description: [
          `A CSV of ${rows} add rows for one tenant: \`bulk\` (the preview, nothing written) then its Confirm (\`bulk run\`), through the real handlers, ${latencyMs} ms per Graph request; every ${throttleEvery}th Graph request (batch items one by one) answered 429 with Retry-After ${retryAfterSeconds} s.`,
          `boundSeconds: ⌈rows ÷ ${rowsPerTenant} per tenant⌉ × 2 round trips (UPN check, one $batch) × latency. runRequestsPerRow: every Graph request of the run ÷ rows; batchRequestsPerRow: $batch requests ÷ rows (above 1: throttled items resubmitted).`,
        ].join('\n'),
        rows: [row],
      };
    } finally {
      await app.close();
      await sim.close();
    }
  },
};
