/**
 * `npx m365ops <command> --dry-run`: the command's preview on stdout, only reads sent to Microsoft 365, nothing done;
 * a preview that would be refused exits 1, so a script can check a change before making it.
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

it('prints what add user would do and does none of it', async () => {
  const upn = 'dry.run@contoso.com';
  simulator.control.resetRequestCounts();
  const run = await runCliProcess(['add', 'user', upn, 'plan', 'business-basic', 'location', 'GB', '--dry-run'], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Preview: add user ${upn} would run`);
  expect(run.stdout).toContain('1. Create the user\n     POST /users {accountEnabled: true');
  expect(run.stdout).toContain('POST /users/{new user id}/assignLicense {addLicenses: [O365_BUSINESS_ESSENTIALS]');
  const writes = simulator.control
    .requestLog()
    .filter((entry) => entry.method !== 'GET' && !entry.route.includes('token'));
  expect(writes).toEqual([]);
  expect(simulator.control.getUser(contosoTenantId, upn)).toBeNull();
}, 120_000);

it('exits 1 with the reason when the command would be refused', async () => {
  const run = await runCliProcess(['remove', 'user', 'nobody@contoso.com', '--dry-run'], env);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('Preview: remove user nobody@contoso.com would be refused');
  expect(run.stdout).toContain('Would be refused: nobody@contoso.com is not a service user of Contoso');
}, 120_000);
