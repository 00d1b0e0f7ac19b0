/**
 * `npx m365ops bulk <file.csv>`: the file previewed (nothing written), then `bulk run <id>` writes the results CSV to
 * stdout, with the new users' passwords only on stderr (the terminal), never in the file; a missing file is refused.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningSimulator } from '../../../sim/types';
import { runCliProcess } from '../../support/cli-process';
import { type CliWorld, startCliWorld } from '../../support/cli-world';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
let simulator: RunningSimulator;
let dataDir: string;
let env: Record<string, string>;

let world: CliWorld;

beforeAll(async () => {
  world = await startCliWorld();
  ({ simulator, dataDir, env } = world);
});

afterAll(async () => {
  await world?.close();
});

it('previews a CSV file, then runs it with bulk run, the results on stdout', async () => {
  const file = path.join(dataDir, 'users.csv');
  writeFileSync(file, 'action,upn,plan,location\r\nadd,cli.bulk@contoso.com,business-basic,GB\r\n');
  const preview = await runCliProcess(['bulk', file], env);
  expect(preview.code).toBe(0);
  expect(preview.stdout).toContain('Row 2: add cli.bulk@contoso.com → create');
  expect(simulator.control.getUser(contosoTenantId, 'cli.bulk@contoso.com')).toBeNull();
  const id = /Bulk batch ([A-Z0-9]+)/.exec(preview.stdout)![1]!;

  const run = await runCliProcess(['bulk', 'run', id], env);
  expect(run.code).toBe(0);
  expect(run.stdout.split('\r\n')[1]).toMatch(/^2,add,cli\.bulk@contoso\.com,contoso,done,/);
  expect(run.stdout).not.toContain('temporaryPassword');
  expect(run.stderr).toContain(`Bulk batch ${id}: 1 done, 0 failed`);
  expect(simulator.control.getUser(contosoTenantId, 'cli.bulk@contoso.com')).not.toBeNull();
}, 120_000);

it('refuses a file that is not there before starting m365ops', async () => {
  const run = await runCliProcess(['bulk', path.join(dataDir, 'missing.csv')], env);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('There is no file');
}, 60_000);
