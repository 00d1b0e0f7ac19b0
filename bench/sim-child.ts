/**
 * The simulator in a process of its own for the benchmarks (started by ./remote-simulator.ts), so what is measured
 * in the benchmark's process is m365ops alone: its memory, its CPU. Reads one message with the tenants to generate
 * and the latency, answers with what a client needs, then reports its peak resident memory when asked.
 */
import { startSimulator } from '../sim/index';
import { generatedTenant } from '../sim/seed/generated-tenant';
import type { ChildReady, ChildRequest } from './remote-simulator';

async function start(request: Extract<ChildRequest, { kind: 'start' }>): Promise<void> {
  const started = process.hrtime.bigint();
  const sim = await startSimulator({
    seed: { tenants: request.tenants.map((tenant) => generatedTenant(tenant)) },
    faults: { latencyMs: request.latencyMs },
  });
  const ready: ChildReady = {
    kind: 'ready',
    startSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    endpoints: {
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      loginUrl: sim.loginUrl,
      graphUrl: sim.graphUrl,
      exchangeUrl: sim.exchangeUrl,
    },
    caPem: sim.caPem,
    controlUrl: sim.controlUrl,
  };
  process.send?.(ready);
  const stop = () => {
    sim.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

process.on('message', (message: ChildRequest) => {
  if (message.kind === 'start') {
    start(message).catch((error: unknown) => {
      process.send?.({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    });
  } else if (message.kind === 'rss') {
    // maxRSS is the peak since the process started, in KiB.
    process.send?.({ kind: 'rss', peakRssMiB: process.resourceUsage().maxRSS / 1024 });
  }
});
