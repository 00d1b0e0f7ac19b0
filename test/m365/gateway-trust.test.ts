/**
 * HTTPS trust as operators set it up (design.md §3): a stand-in's CA given to Node through NODE_EXTRA_CA_CERTS,
 * with no `ca` option, in a separate process (Node reads the variable at start). TLS verification stays on.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startSimulator } from '../../sim/index';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import type { RunningSimulator } from '../../sim/types';

const repoRoot = path.resolve(__dirname, '../..');
const contosoId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator();
});

afterAll(async () => {
  await sim.close();
});

const listSkusScript = `
const { createM365Gateway } = require('./m365/index.ts');
const options = JSON.parse(process.env.GATEWAY_OPTIONS);
createM365Gateway(options).forTenant(process.env.TENANT_ID).listSkus().then(
  (skus) => console.log(JSON.stringify({ skus: skus.map((sku) => sku.skuPartNumber) })),
  (error) => console.log(JSON.stringify({ code: error.code, message: error.message })),
);
`;

function listSkusInChild(env: Record<string, string>): Promise<Record<string, unknown>> {
  const gatewayOptions = simulatorEndpoints(sim);
  const { NODE_EXTRA_CA_CERTS: _inherited, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ['-r', './test/support/swc-register.js', '-e', listSkusScript], {
    cwd: repoRoot,
    env: { ...parentEnv, ...env, GATEWAY_OPTIONS: JSON.stringify(gatewayOptions), TENANT_ID: contosoId },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1) ?? ''));
      } catch {
        reject(new Error(`unexpected child output: ${output}`));
      }
    });
  });
}

it('trusts a stand-in whose CA comes through NODE_EXTRA_CA_CERTS', async () => {
  await expect(listSkusInChild({ NODE_EXTRA_CA_CERTS: sim.caPath })).resolves.toEqual({
    skus: ['SPB', 'O365_BUSINESS_ESSENTIALS', 'EXCHANGESTANDARD'],
  });
}, 30_000);

it('refuses a stand-in whose CA it was not given', async () => {
  await expect(listSkusInChild({})).resolves.toEqual({
    code: 'unavailable',
    message: `Microsoft sign-in could not be reached for tenant ${contosoId}; try again in a few minutes.`,
  });
}, 30_000);
