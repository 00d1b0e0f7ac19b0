/**
 * `npm run sim` as an operator runs it: a child process whose first line is the JSON with everything m365ops
 * needs, and whose URLs answer. Runs the TypeScript main through swc (the built one is dist/sim/main.js).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningSimulator } from '../../sim/types';
import { call, contosoId, graphFor } from './sim-requests';

const root = path.resolve(__dirname, '..', '..');
let child: ChildProcess;
let firstLine: string;
const laterLines: string[] = [];

beforeAll(async () => {
  child = spawn(process.execPath, ['-r', './test/support/swc-register.js', 'sim/main.ts'], {
    cwd: root,
    env: { ...process.env, SIM_PORT: '0', SIM_MAILBOX_DELAY_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  firstLine = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
  });
  lines.on('line', (line) => laterLines.push(line));
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

function summary(): RunningSimulator {
  const parsed = JSON.parse(firstLine) as RunningSimulator;
  return { ...parsed, caPem: readFileSync(parsed.caPath, 'utf8') };
}

it('prints one JSON object with the values m365ops needs as its first line', () => {
  const parsed = JSON.parse(firstLine);
  expect(Object.keys(parsed)).toEqual([
    'loginUrl',
    'graphUrl',
    'exchangeUrl',
    'caPath',
    'clientId',
    'clientSecret',
    'tenants',
  ]);
  expect(parsed.tenants).toContainEqual({
    id: contosoId,
    domains: ['contoso.com', 'contoso.onmicrosoft.com', 'contoso.org'],
  });
});

it('serves the sign-in authority, Graph and Exchange it names, trusted through its CA file', async () => {
  const simulator = summary();
  const metadata = await call(
    simulator,
    'GET',
    `${simulator.loginUrl}/${contosoId}/v2.0/.well-known/openid-configuration`,
  );
  expect(metadata.status).toBe(200);
  const graph = await graphFor(simulator, contosoId);
  expect((await graph('GET', '/organization')).json.value[0].id).toBe(contosoId);
  const exchange = await call(simulator, 'POST', `${simulator.exchangeUrl}/adminapi/beta/${contosoId}/InvokeCommand`, {
    body: {},
  });
  expect(exchange.status).toBe(401);
});

it('logs one line per request after the JSON', async () => {
  const simulator = summary();
  await call(simulator, 'GET', `${simulator.loginUrl}/${contosoId}/v2.0/.well-known/openid-configuration`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(
    laterLines.some((line) =>
      line.includes('GET /0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60/v2.0/.well-known/openid-configuration 200'),
    ),
  ).toBe(true);
});

it('stops on SIGTERM', async () => {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
