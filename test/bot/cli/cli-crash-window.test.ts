/**
 * The CLI killed (SIGKILL) the moment the simulator has answered the request that created the user, before
 * m365ops could record it, then run again: the user is m365ops's own, so the re-run adds it, prints a new temporary
 * password once and audits it as created, instead of "linking" a user it made itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { openStore } from '../../../store/open-store';
import type { Store } from '../../../store/ports';
import { cliEnvForSimulator, runCliProcess, startCli, waitForCli } from '../../support/cli-process';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';

let simulator: RunningSimulator;
let dataDir: string;
let env: Record<string, string>;
/** Called with each request the simulator has answered. */
let onSimRequest: (line: string) => void = () => {};

beforeAll(async () => {
  simulator = await startSimulator({ onRequest: (line) => onSimRequest(line) });
  dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-cli-window-'));
  env = cliEnvForSimulator(simulator, dataDir);
});

afterAll(async () => {
  await simulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The CLI's store, read between runs (it is one process's at a time). */
async function readStore<T>(read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir });
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

it('adds, shows a password once and audits as created a user whose create was answered as the CLI died', async () => {
  const upn = 'crash.window@contoso.com';
  const args = ['add', 'user', upn, 'plan', 'business-basic', 'location', 'GB'];
  const child = startCli(args, env);
  const finished = waitForCli(child);
  // The user and its licence are created in one $batch: kill as its answer goes out.
  onSimRequest = (line) => {
    if (/^POST \S*\$batch /.test(line)) child.kill('SIGKILL');
  };
  const killed = await finished;
  onSimRequest = () => {};
  expect(killed.signal).toBe('SIGKILL');
  expect(simulator.control.getUser(contosoTenantId, upn)).not.toBeNull();
  expect(await readStore((store) => store.serviceUsers.findByUpn('contoso', upn))).toBeNull();

  const rerun = await runCliProcess(args, env);

  expect(rerun.stderr).toBe('');
  expect(rerun.code).toBe(0);
  expect(rerun.stdout).toContain(`Added ${upn} to Contoso Ltd`);
  expect(rerun.stdout).not.toContain('already existed');
  expect(rerun.stdout.match(/Temporary password for \S+ \(shown once\): \S+/g)).toHaveLength(1);
  const [audit] = await readStore((store) => store.audit.list({ customerId: 'contoso', limit: 1 }));
  expect(audit).toMatchObject({ action: 'add-user', result: 'ok', target: upn, actor: expect.stringMatching(/^cli:/) });
  expect(audit?.details).toMatchObject({ created: true, linked: false });
  expect(simulator.control.listUsers(contosoTenantId).filter((user) => user.userPrincipalName === upn)).toHaveLength(1);
}, 60_000);
