/** Shared by every benchmark: a table on stdout and the same figures as JSON under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchOptions } from './options';

export type BenchRow = Record<string, string | number>;

export interface BenchResult {
  name: string;
  description: string;
  rows: BenchRow[];
}

export interface Benchmark {
  name: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

/**
 * A figure against its bound (what it cannot beat, or the target when there is no physical bound):
 * measured ÷ bound, to two decimals. 1.00 is the bound itself.
 */
export function ratioOf(measured: number, bound: number): number {
  return bound > 0 ? Math.round((measured / bound) * 100) / 100 : Number.NaN;
}

/** Seconds since `started` (process.hrtime.bigint()). */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function formatTable(rows: BenchRow[]): string {
  if (rows.length === 0) return '(no rows)';
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | undefined) =>
    value === undefined
      ? ''
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? String(value)
          : value.toFixed(2)
        : value;
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[]) => `| ${values.map((value, i) => value.padEnd(widths[i])).join(' | ')} |`;
  return [
    line(columns),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map((row) => line(columns.map((column) => cell(row[column])))),
  ].join('\n');
}

export function writeResult(
  result: BenchResult,
  options: BenchOptions,
  directory = path.resolve(__dirname, '../../bench/results'),
): string {
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${result.name}.json`);
  const machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
  const { names: _names, ...settings } = options;
  const written = { ...result, settings, machine, at: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  return file;
}

/** Peak resident set size sampled while `work` runs, in MiB. */
export async function measurePeakRss<T>(
  work: () => Promise<T>,
  intervalMs = 20,
): Promise<{ value: T; peakRssMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakRssMiB: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
