import { BenchUsageError, parseBenchOptions } from '../../bench/options';

describe('npm run bench options', () => {
  it('runs everything at the issue sizes by default', () => {
    expect(parseBenchOptions([])).toEqual({
      names: [],
      users: [10_000, 100_000],
      tenants: 1_000,
      tenantUsers: 200,
      latencyMs: 100,
      adds: 200,
      rate: 200,
      rows: 1_000,
      quick: false,
      note: undefined,
    });
  });

  it('takes the number of adds and the status request rate', () => {
    expect(parseBenchOptions(['adds', '--adds', '50', '--rate=100'])).toMatchObject({ adds: 50, rate: 100 });
    expect(parseBenchOptions(['--quick'])).toMatchObject({ adds: 20, rate: 50, rows: 40 });
    expect(parseBenchOptions(['bulk', '--rows', '300'])).toMatchObject({ rows: 300 });
  });

  it('takes benchmark names, sizes, latency and a note, with or without =', () => {
    const options = parseBenchOptions([
      'sync',
      '--users',
      '10000,100_000',
      '--tenants=50',
      '--tenant-users',
      '20',
      '--latency-ms=0',
      '--note',
      'busy machine',
      'seed',
    ]);
    expect(options).toMatchObject({
      names: ['sync', 'seed'],
      users: [10_000, 100_000],
      tenants: 50,
      tenantUsers: 20,
      latencyMs: 0,
      note: 'busy machine',
    });
  });

  it('makes --quick CI-sized unless sizes are given too', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({ users: [2_000], tenants: 20, latencyMs: 20, quick: true });
    expect(parseBenchOptions(['--quick', '--users', '500'])).toMatchObject({ users: [500], tenants: 20 });
  });

  it('refuses an unknown option and a size that is not a whole number', () => {
    expect(() => parseBenchOptions(['--user', '5'])).toThrow(new BenchUsageError('Unknown option --user.'));
    expect(() => parseBenchOptions(['--latency-ms', 'fast'])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--tenants', '1,2'])).toThrow('--tenants takes one number; it got "1,2".');
    expect(() => parseBenchOptions(['--users'])).toThrow(BenchUsageError);
  });
});
