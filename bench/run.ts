/**
 * `npm run bench [-- names… --users … --tenants … --latency-ms … --quick --note "…"]` (see ./options.ts): runs
 * every benchmark module in this folder (files named *-bench.ts exporting `benchmark`), or only those named,
 * prints each as a table and writes bench/results/<name>.json with the settings and the machine.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type Benchmark, formatTable, writeResult } from './harness';
import { BenchUsageError, parseBenchOptions } from './options';

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const files = readdirSync(__dirname).filter((file) => /-bench\.js$/.test(file));
  const benchmarks: Benchmark[] = files.map(
    (file) => (require(path.join(__dirname, file)) as { benchmark: Benchmark }).benchmark,
  );
  const wanted = options.names;
  const selected = wanted.length ? benchmarks.filter((b) => wanted.includes(b.name)) : benchmarks;
  if (selected.length === 0) {
    process.stderr.write(
      `No benchmark matches ${wanted.join(', ')}; there are: ${benchmarks.map((b) => b.name).join(', ')}\n`,
    );
    process.exit(2);
  }
  const { names: _names, ...settings } = options;
  process.stdout.write(`settings: ${JSON.stringify(settings)}\n`);
  for (const benchmark of selected) {
    process.stdout.write(`\n## ${benchmark.name}\n`);
    const result = await benchmark.run(options);
    process.stdout.write(`${result.description}\n\n${formatTable(result.rows)}\n`);
    process.stdout.write(`written to ${path.relative(process.cwd(), writeResult(result, options))}\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof BenchUsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
