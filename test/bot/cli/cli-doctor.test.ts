/**
 * `npx m365ops doctor` as an operator runs it, a child process against the simulator (its values in the
 * environment as `npm run sim` prints them) and the local Slack Web API: one customer that never consented and one whose administrator took a
 * permission away give the right ❌ rows and exit 1; with every customer consented and complete, exit 0.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { cliEnvForSimulator, runCliProcess } from '../../support/cli-process';
import { type SlackApiStandIn, slackEnvironment, startSlackApiStandIn } from '../../support/slack-api-stand-in';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const fabrikamTenantId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

let simulator: RunningSimulator;
let slack: SlackApiStandIn;
let dir: string;

beforeAll(async () => {
  simulator = await startSimulator();
  slack = await startSlackApiStandIn();
  dir = mkdtempSync(path.join(tmpdir(), 'm365ops-doctor-'));
});

afterAll(async () => {
  await simulator?.close();
  await slack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The demo's plans, these customers, and an admin; its own data directory. */
function environment(name: string, customers: object[]): Record<string, string> {
  const config = path.join(dir, `${name}.yaml`);
  writeFileSync(
    config,
    YAML.stringify({
      plans: [
        { id: 'business-premium', name: 'Microsoft 365 Business Premium', skus: ['SPB'] },
        { id: 'business-basic', name: 'Microsoft 365 Business Basic', skus: ['O365_BUSINESS_ESSENTIALS'] },
      ],
      customers,
      access: { admins: ['teams:00000000-0000-4000-8000-00000000d3c0'] },
    }),
  );
  return {
    ...cliEnvForSimulator(simulator, path.join(dir, `${name}-data`)),
    M365OPS_CONFIG: config,
    ...slackEnvironment(slack, 'a-signing-secret'),
    M365_TENANT_ID: contosoTenantId,
  };
}

const contoso = { id: 'contoso', name: 'Contoso Ltd', tenantId: contosoTenantId, plans: { 'business-premium': {} } };
const fabrikam = { id: 'fabrikam', name: 'Fabrikam Inc', tenantId: fabrikamTenantId, plans: { 'business-basic': {} } };
const northwind = { id: 'northwind', name: 'Northwind Traders', plans: { 'business-basic': {} } };

/** The printed rows whose heading (icon, check, customer) starts with `heading`. */
function rowsOf(stdout: string, heading: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith(heading));
}

it('names the unconsented customer and the missing permission with what it breaks, and exits 1', async () => {
  simulator.control.removePermission(fabrikamTenantId, 'Domain.Read.All');
  try {
    const run = await runCliProcess(['doctor'], environment('broken', [contoso, fabrikam, northwind]));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^m365ops doctor: 2 problems/);
    expect(rowsOf(run.stdout, '❌')).toHaveLength(2);
    const [missing] = rowsOf(run.stdout, '❌ Permissions · fabrikam');
    expect(missing).toContain('Fabrikam Inc has not granted Domain.Read.All');
    expect(missing).toContain("finding the customer from a UPN's domain");
    expect(run.stdout).toContain('Fix: Make sure the app registration asks for Domain.Read.All');
    expect(run.stdout).toContain('`consent link fabrikam`');
    expect(rowsOf(run.stdout, '❌ Consent · northwind')[0]).toContain('Northwind Traders has not consented yet');
    expect(run.stdout).toContain('Fix: Send its administrator a consent link: `consent link northwind`.');
    // What needed the missing permission is not checked again; the rest of Fabrikam is.
    expect(rowsOf(run.stdout, '✅ Domains · fabrikam')).toEqual([]);
    expect(rowsOf(run.stdout, '✅ Exchange · fabrikam')).toHaveLength(1);
    expect(rowsOf(run.stdout, '✅ Permissions · contoso')).toHaveLength(1);
    expect(rowsOf(run.stdout, '✅ Graph app')[0]).toContain(`signs in to your tenant ${contosoTenantId}`);
    expect(rowsOf(run.stdout, '✅ Slack')).toHaveLength(2);
  } finally {
    simulator.control.grantConsent(fabrikamTenantId);
  }
}, 30_000);

it('exits 0 when every customer is consented with every permission', async () => {
  const run = await runCliProcess(['doctor'], environment('fine', [contoso, fabrikam]));
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(rowsOf(run.stdout, '❌')).toEqual([]);
  for (const customer of ['contoso', 'fabrikam']) {
    for (const check of ['Consent', 'Permissions', 'Exchange', 'Domains', 'Licences']) {
      expect(rowsOf(run.stdout, `✅ ${check} · ${customer}`)).toHaveLength(1);
    }
  }
}, 30_000);

it('reports that m365ops cannot start as a ❌ row, and exits 1', async () => {
  const run = await runCliProcess(['doctor'], {
    ...environment('unstartable', [contoso]),
    M365_CLIENT_ID: 'not-a-guid',
  });
  expect(run.code).toBe(1);
  const [row] = rowsOf(run.stdout, '❌ Configuration');
  expect(row).toContain('m365ops cannot start: M365_CLIENT_ID is');
  expect(run.stdout).toContain('Fix: Correct what the sentence names');
}, 30_000);
