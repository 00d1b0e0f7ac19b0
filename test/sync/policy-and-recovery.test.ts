/**
 * The customer's auto-approve policy, a Revoke the tenant refuses, delta links that expire, the periodic full pass
 * and the node-cron schedule itself.
 */

import { runOwner } from '../../sync/run-owner';
import { syncCustomer } from '../../sync/sync-customer';
import { adoptAll, type SyncCore, seedTenant, startSyncCore } from './sync-core-harness';

const tenant = seedTenant(3, 6, { units: 6 });
const customerId = 'tenant-3';
let core: SyncCore;
let ticks = 0;

async function tick() {
  ticks++;
  const [outcome] = await core.scheduler.runTick(new Date(Date.now() + ticks * 1000), [customerId]);
  return outcome!;
}

async function customer() {
  return (await core.store.customers.get(customerId))!;
}

beforeAll(async () => {
  core = await startSyncCore({ tenants: [tenant] });
  await tick();
  await adoptAll(core.handlers, customerId);
});

afterAll(async () => {
  await core.close();
});

const users = () => core.sim.control.listUsers(tenant.id).sort((a, b) => a.id.localeCompare(b.id));
const approver = {
  identity: 'teams:approver',
  displayName: 'Ben Approver',
  origin: 'teams' as const,
  isPersonal: false,
};

it('applies the kinds the customer auto-approves and reports them', async () => {
  await core.store.customers.update(customerId, { syncPolicy: { autoApprove: ['upn-changed'] } });
  const user = users()[0]!;
  core.sim.control.renameUpn(tenant.id, user.id, 'renamed@tenant3.example');
  const outcome = await tick();
  expect(outcome).toMatchObject({ outcome: 'ok', found: 1, autoApproved: 1 });
  expect(await core.store.serviceUsers.get(customerId, user.id)).toMatchObject({ upn: 'renamed@tenant3.example' });
  const [discrepancy] = (await core.store.discrepancies.list(customerId)).filter((d) => d.kind === 'upn-changed');
  expect(discrepancy).toMatchObject({ status: 'auto-approved', decision: { by: 'sync', result: 'applied' } });
  const post = core.notifier.posts.at(-1)!;
  expect(post.reply).toMatchObject({
    kind: 'discrepancy',
    discrepancy: { id: discrepancy!.id, status: 'auto-approved' },
  });
  const [audit] = await core.store.audit.list({ customerId, actor: 'sync' });
  expect(audit).toMatchObject({ action: 'auto-approve-discrepancy', result: 'ok' });
  await core.store.customers.update(customerId, { syncPolicy: { autoApprove: [] } });
});

it('says why a Revoke failed in the tenant and leaves the discrepancy open', async () => {
  await core.store.access.grant('teams:approver', 'approver', 'test');
  const user = users()[1]!;
  core.sim.control.setLicenses(tenant.id, user.id, ['O365_BUSINESS_ESSENTIALS']);
  core.sim.control.setSkuUnits(tenant.id, 'SPB', 5);
  await tick();
  const [discrepancy] = await core.store.discrepancies.listOpen(customerId, 'plan-changed');
  const reply = await core.handlers.handle({
    context: approver,
    command: { name: 'decide', discrepancyId: discrepancy!.id, action: 'revoke', confirmed: true },
  });
  expect(reply).toMatchObject({
    kind: 'discrepancy',
    discrepancy: { status: 'open', decision: 'revoke', decidedBy: 'Ben Approver' },
  });
  expect(JSON.stringify(reply)).toContain('No licences left');
  expect(await core.store.discrepancies.get(discrepancy!.id)).toMatchObject({ status: 'open' });
  expect((await core.store.discrepancies.get(discrepancy!.id))?.lastError).toContain('No licences left');
  expect(core.notifier.updates.at(-1)?.reply).toMatchObject({ kind: 'discrepancy', discrepancy: { status: 'open' } });
  const [audit] = await core.store.audit.list({ customerId, actor: 'teams:approver' });
  expect(audit).toMatchObject({ action: 'revoke-discrepancy', result: 'failed' });

  core.sim.control.setSkuUnits(tenant.id, 'SPB', 10);
  const retry = await core.handlers.handle({
    context: approver,
    command: { name: 'decide', discrepancyId: discrepancy!.id, action: 'revoke', confirmed: true },
  });
  expect(retry).toMatchObject({ kind: 'discrepancy', discrepancy: { status: 'revoked' } });
});

it('reads the whole tenant again when the delta link has expired', async () => {
  const before = (await core.store.syncState.get(customerId))?.deltaLink;
  core.sim.control.expireDeltaTokens(tenant.id, 'syncStateNotFound');
  const user = users()[2]!;
  core.sim.control.setLicenses(tenant.id, user.id, []);
  core.sim.control.resetRequestCounts();
  expect(await tick()).toMatchObject({ outcome: 'ok', found: 1 });
  expect(Object.keys(core.sim.control.requestCounts()).some((route) => /GET \S*\/users$/.test(route))).toBe(true);
  expect((await core.store.syncState.get(customerId))?.deltaLink).not.toBe(before);
  expect(await core.store.discrepancies.listOpen(customerId, 'licenses-removed')).toHaveLength(1);
});

it('drops a stored delta link made against another Graph endpoint and reads the tenant in full', async () => {
  const stored = (await core.store.syncState.get(customerId))!.deltaLink!;
  const moved = new URL(stored);
  moved.port = String(Number(moved.port) + 1);
  await core.store.syncState.put(customerId, { deltaLink: moved.toString() });
  core.sim.control.resetRequestCounts();
  expect(await tick()).toMatchObject({ outcome: 'ok' });
  expect(Object.keys(core.sim.control.requestCounts()).some((route) => /GET \S*\/users$/.test(route))).toBe(true);
  expect(new URL((await core.store.syncState.get(customerId))!.deltaLink!).origin).toBe(new URL(stored).origin);
});

it('drops a stored delta link whose token Graph refuses as invalid (400) and reads the tenant in full', async () => {
  const stored = new URL((await core.store.syncState.get(customerId))!.deltaLink!);
  stored.searchParams.set('$deltatoken', 'not-a-token-graph-issued');
  await core.store.syncState.put(customerId, { deltaLink: stored.toString() });
  core.sim.control.resetRequestCounts();
  expect(await tick()).toMatchObject({ outcome: 'ok' });
  expect(Object.keys(core.sim.control.requestCounts()).some((route) => /GET \S*\/users$/.test(route))).toBe(true);
  expect((await core.store.syncState.get(customerId))?.deltaLink).not.toContain('not-a-token');
});

it('reads the whole tenant once the periodic full pass is due, and only changes otherwise', async () => {
  core.sim.control.resetRequestCounts();
  await syncCustomer(core.runtime, await customer(), {
    owner: runOwner('test'),
    leaseMs: 10_000,
    // A day: the tenant's slot boundary falls within these few seconds once in thousands of runs at most.
    fullPassEveryMs: 24 * 60 * 60_000,
  });
  const deltaOnly = Object.keys(core.sim.control.requestCounts());
  expect(deltaOnly.some((route) => /GET \S*\/users$/.test(route))).toBe(false);
  core.sim.control.resetRequestCounts();
  await syncCustomer(core.runtime, await customer(), { owner: runOwner('test'), leaseMs: 10_000, fullPassEveryMs: 0 });
  expect(Object.keys(core.sim.control.requestCounts()).some((route) => /GET \S*\/users$/.test(route))).toBe(true);
});

it("runs on the customer's own cron schedule", async () => {
  await core.store.customers.update(customerId, { syncPolicy: { schedule: '* * * * * *', autoApprove: [] } });
  const before = (await core.store.syncState.get(customerId))?.lastRun?.runId;
  await core.scheduler.start();
  try {
    let runId = before;
    for (let i = 0; i < 60 && runId === before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      runId = (await core.store.syncState.get(customerId))?.lastRun?.runId;
    }
    expect(runId).not.toBe(before);
  } finally {
    await core.scheduler.stop();
  }
});
