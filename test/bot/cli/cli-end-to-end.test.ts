/**
 * The CLI as an operator runs it: a child process with the simulator's values in its environment (as printed by
 * `npm run sim`), the demo configuration and a temporary data directory.
 */
import type { RunningSimulator } from '../../../sim/types';
import { runCliProcess } from '../../support/cli-process';
import { type CliWorld, startCliWorld } from '../../support/cli-world';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';

let simulator: RunningSimulator;
let env: Record<string, string>;

let world: CliWorld;

beforeAll(async () => {
  world = await startCliWorld();
  ({ simulator, env } = world);
});

afterAll(async () => {
  await world?.close();
});

function findTenantUsers(upn: string) {
  return simulator.control
    .listUsers(contosoTenantId)
    .filter((user) => user.userPrincipalName.toLowerCase() === upn.toLowerCase());
}

function findSkuId(partNumber: string): string {
  const sku = simulator.control.getSkus(contosoTenantId).find((candidate) => candidate.skuPartNumber === partNumber);
  if (!sku) throw new Error(`the simulator's contoso tenant has no ${partNumber}`);
  return sku.skuId;
}

describe('m365ops CLI against the simulator', () => {
  it('adds a user, prints the temporary password once and exits 0', async () => {
    const run = await runCliProcess(
      ['add', 'user', 'jane@contoso.com', 'plan', 'business-premium', 'location', 'GB', 'alias', 'j.doe@contoso.com'],
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const passwords = run.stdout.match(/Temporary password for jane@contoso\.com \(shown once\): (\S+)/g) ?? [];
    expect(passwords).toHaveLength(1);
    const [user] = findTenantUsers('jane@contoso.com');
    expect(user?.assignedLicenses.map((licence) => licence.skuId)).toEqual([findSkuId('SPB')]);
    expect(user?.usageLocation).toBe('GB');
  });

  it('lists the added user with her plan', async () => {
    const run = await runCliProcess(['users', 'contoso'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/jane@contoso\.com\s+.*Microsoft 365 Business Premium/);
  });

  it('exits 1 with the reason when the handlers refuse', async () => {
    const run = await runCliProcess(['change', 'plan', 'nobody@contoso.com', 'business-basic'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('nobody@contoso.com');
  });

  it('exits 1 with the configured plans for an unknown plan', async () => {
    const run = await runCliProcess(['add', 'user', 'kim@contoso.com', 'plan', 'busines-premium'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('There is no plan "busines-premium". Did you mean business-premium?\n');
  });

  it('exits 2 for bad usage without acting', async () => {
    const run = await runCliProcess(
      ['add', 'user', 'lee@contoso.com', 'plan', 'business-basic', 'location', 'GBR'],
      env,
    );
    expect(run.code).toBe(2);
    expect(findTenantUsers('lee@contoso.com')).toHaveLength(0);
  });
});
