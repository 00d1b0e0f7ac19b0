/**
 * A failed or partial read raises nothing: a control panel's sync once revoked every user's services because an
 * API error read as "no users". The run is reported as failed and the delta link stays where it was.
 */
import { adoptAll, cli, type SyncCore, seedTenant, startSyncCore } from './sync-core-harness';

const tenant = seedTenant(1, 450);
let core: SyncCore;

beforeAll(async () => {
  core = await startSyncCore({ tenants: [tenant] });
  await core.scheduler.runTick(new Date(), ['tenant-1']);
  await adoptAll(core.handlers, 'tenant-1');
});

afterAll(async () => {
  await core.close();
});

async function syncCommand() {
  return core.handlers.handle({ context: cli, command: { name: 'sync', customerId: 'tenant-1' } });
}

it('raises nothing and reports the run as failed when the simulator fails mid-delta', async () => {
  const users = core.sim.control.listUsers(tenant.id).slice(0, 300);
  for (const user of users) core.sim.control.setLicenses(tenant.id, user.id, ['O365_BUSINESS_ESSENTIALS']);
  const linkBefore = (await core.store.syncState.get('tenant-1'))?.deltaLink;
  const postsBefore = core.notifier.posts.length;
  core.sim.control.setFaults({ pageFailure: { route: 'users/delta', page: 2, status: 500, times: 20 } });

  const reply = await syncCommand();

  expect(reply).toMatchObject({
    kind: 'sync-summary',
    customers: [{ customerId: 'tenant-1', outcome: 'failed', found: 0 }],
  });
  expect(JSON.stringify(reply)).toContain('nothing was raised');
  expect(await core.store.discrepancies.listOpen('tenant-1')).toEqual([]);
  expect(core.notifier.posts.length).toBe(postsBefore);
  const state = await core.store.syncState.get('tenant-1');
  expect(state?.deltaLink).toBe(linkBefore);
  expect(state?.lastRun).toMatchObject({ outcome: 'failed' });
  expect(await core.store.serviceUsers.list('tenant-1', { status: 'active' })).toHaveLength(450);
});

it('finds every change once the tenant answers again', async () => {
  core.sim.control.clearFaults();
  const reply = await syncCommand();
  expect(reply).toMatchObject({ customers: [{ outcome: 'ok', found: 300 }] });
  expect(await core.store.discrepancies.listOpen('tenant-1', 'plan-changed')).toHaveLength(300);
});

it('reports progress while it reads', async () => {
  const lines: string[] = [];
  await core.handlers.handle({ context: cli, command: { name: 'sync', customerId: 'tenant-1' } }, (line) =>
    lines.push(line),
  );
  expect(lines[0]).toBe("Reading Tenant 1's tenant…");
  expect(lines.some((line) => line.startsWith('Comparing'))).toBe(true);
});
