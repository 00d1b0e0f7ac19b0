/**
 * `npx m365ops audit <customer> --csv`: the whole audit log as CSV on stdout, one record a row, with requester,
 * approver, reason, ticket and times; `--csv` with another command is bad usage.
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
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-cli-audit-'));
  env = cliEnvForSimulator(simulator, dataDir);
});

afterAll(async () => {
  await simulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A CSV line's fields (the export quotes only what needs it; no line breaks in these). */
function fields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, field]) =>
    field!.startsWith('"') ? field!.slice(1, -1).replace(/""/g, '"') : field!,
  );
}

it('exports the audit log as CSV with requester, approver, reason, ticket and times', async () => {
  const upn = 'csv.audit@contoso.com';
  expect((await runCliProcess(['add', 'user', upn, 'plan', 'business-basic', 'location', 'GB'], env)).code).toBe(0);
  const grant = await runCliProcess(
    ['grant', 'admin', upn, 'for', '2h', 'reason', 'Migration, "phase 2"', 'ticket', 'INC-77'],
    env,
  );
  expect(grant.code).toBe(0);

  const run = await runCliProcess(['audit', 'contoso', '--csv'], env);
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\r\n').filter((line) => line !== '');
  const header = fields(lines[0]!);
  expect(header).toEqual(
    expect.arrayContaining(['at', 'action', 'result', 'requester', 'approver', 'reason', 'ticket']),
  );
  const rows = lines.slice(1).map((line) => Object.fromEntries(fields(line).map((value, i) => [header[i], value])));
  const granted = rows.find((row) => row.action === 'grant-admin');
  expect(granted).toMatchObject({
    result: 'ok',
    target: upn,
    reason: 'Migration, "phase 2"',
    ticket: 'INC-77',
    requester: expect.stringMatching(/^cli:/),
    approver: expect.stringMatching(/^cli:/),
  });
  expect(new Date(granted!.endsAt!).getTime() - new Date(granted!.grantedAt!).getTime()).toBe(2 * 60 * 60_000);
  expect(rows.some((row) => row.action === 'add-user')).toBe(true);
}, 180_000); // three CLI processes, each starting m365ops, on a busy machine

it('refuses --csv with a command that is not audit, as bad usage', async () => {
  const run = await runCliProcess(['users', 'contoso', '--csv'], { DATA_DIR: '/nonexistent/m365ops' });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('`--csv` exports the audit log');
});
