/**
 * `npm run bench -- [names…] [--users 10000,100000] [--tenants 1000] [--tenant-users 200] [--latency-ms 100]
 * [--adds 200] [--rows 1000] [--rate 200] [--quick] [--note "<text>"]`: which benchmarks run and at what size. `--quick` is the CI-sized run (well under a
 * minute): small tenants and a short latency, unless sizes are also given.
 */

export interface BenchOptions {
  /** Benchmarks to run by name; empty: all. */
  names: string[];
  /** Users of the one-tenant figures (sync, seed). */
  users: number[];
  /** Tenants of the many-tenant figure, each of `tenantUsers` users. */
  tenants: number;
  tenantUsers: number;
  /** Added by the simulator to every Graph and Exchange request. */
  latencyMs: number;
  /** `add user` commands of the adds figure. */
  adds: number;
  /** Requests per second of the status figure, on each transport. */
  rate: number;
  /** Rows of the bulk figure's CSV. */
  rows: number;
  quick: boolean;
  /** Free text kept with the results: the machine, its load. */
  note?: string;
}

const full = {
  users: [10_000, 100_000],
  tenants: 1_000,
  tenantUsers: 200,
  latencyMs: 100,
  adds: 200,
  rate: 200,
  rows: 1_000,
};
const quick = { users: [2_000], tenants: 20, tenantUsers: 50, latencyMs: 20, adds: 20, rate: 50, rows: 40 };

export class BenchUsageError extends Error {}

function wholeNumbers(flag: string, text: string | undefined): number[] {
  const values = (text ?? '').split(',').map((part) => Number(part.replace(/_/g, '').trim()));
  if (!text || values.some((value) => !Number.isInteger(value) || value < 0)) {
    throw new BenchUsageError(`${flag} takes whole numbers separated by commas, like ${flag} 10000; it got "${text}".`);
  }
  return values;
}

function single(flag: string, text: string | undefined): number {
  const values = wholeNumbers(flag, text);
  if (values.length !== 1) throw new BenchUsageError(`${flag} takes one number; it got "${text}".`);
  return values[0] as number;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const names: string[] = [];
  let users: number[] | undefined;
  let tenants: number | undefined;
  let tenantUsers: number | undefined;
  let latencyMs: number | undefined;
  let adds: number | undefined;
  let rate: number | undefined;
  let rows: number | undefined;
  let isQuick = false;
  let note: string | undefined;
  for (let at = 0; at < argv.length; at++) {
    const arg = argv[at] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++at];
    if (flag === '--quick') isQuick = true;
    else if (flag === '--users') users = wholeNumbers(flag, value()).filter((count) => count > 0);
    else if (flag === '--tenants') tenants = single(flag, value());
    else if (flag === '--tenant-users') tenantUsers = single(flag, value());
    else if (flag === '--latency-ms') latencyMs = single(flag, value());
    else if (flag === '--adds') adds = single(flag, value());
    else if (flag === '--rate') rate = single(flag, value());
    else if (flag === '--rows') rows = single(flag, value());
    else if (flag === '--note') note = value();
    else if (flag?.startsWith('-')) throw new BenchUsageError(`Unknown option ${flag}.`);
    else names.push(arg);
  }
  const defaults = isQuick ? quick : full;
  return {
    names,
    users: users ?? defaults.users,
    tenants: tenants ?? defaults.tenants,
    tenantUsers: tenantUsers ?? defaults.tenantUsers,
    latencyMs: latencyMs ?? defaults.latencyMs,
    adds: adds ?? defaults.adds,
    rate: rate ?? defaults.rate,
    rows: rows ?? defaults.rows,
    quick: isQuick,
    note,
  };
}
