/**
 * `npx m365ops report licences <customer> [month <yyyy-mm>]`: the month's seats as CSV on stdout, what it sums up
 * on stderr; a month that is not YYYY-MM or has not begun is refused with a sentence.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { cliEnvForSimulator, runCliProcess } from '../../support/cli-process';

let simulator: RunningSimulator;
let dataDir: string;
let env: Record<string, string>;

beforeAll(async () => {
  simulator = await startSimulator();
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-cli-licences-'));
  env = cliEnvForSimulator(simulator, dataDir);
});

afterAll(async () => {
  await simulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('writes the month’s seats as CSV to stdout', async () => {
  const upn = 'csv.report@contoso.com';
  expect((await runCliProcess(['add', 'user', upn, 'plan', 'business-basic', 'location', 'GB'], env)).code).toBe(0);
  const month = new Date().toISOString().slice(0, 7);
  const run = await runCliProcess(['report', 'licences', 'contoso', 'month', month], env);
  expect(run.code).toBe(0);
  const today = new Date().toISOString().slice(0, 10);
  expect(run.stdout).toBe(
    `customer,user,plan,SKUs,assigned since,removed on\r\ncontoso,${upn},business-basic,O365_BUSINESS_ESSENTIALS,${today},\r\n`,
  );
  expect(run.stderr).toContain(`Licence report of Contoso Ltd for ${month}`);
}, 120_000); // two CLI processes, each starting m365ops, on a busy machine

it('refuses a month written otherwise, and one that has not begun', async () => {
  const bad = await runCliProcess(['report', 'licences', 'contoso', 'month', '2026-13'], env);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('"2026-13" is not a month: write it as YYYY-MM, such as 2026-11.');
  const future = await runCliProcess(['report', 'licences', 'contoso', 'month', '2999-01'], env);
  expect(future.code).toBe(1);
  expect(future.stderr).toContain('2999-01 has not begun yet');
  expect(future.stdout).toBe('');
}, 120_000);
