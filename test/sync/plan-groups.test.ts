/**
 * Sync against the simulator for plan groups (issue 15): the full pass reads the tenant's groups once and each plan
 * group's members once (never a request per user, none at all for a customer whose plans name no groups), reports
 * a managed user missing from their plan's groups, leaves it alone on scheduled delta rounds (a `sync` a person asks
 * for reads the groups even then), closes it once the user is back, and neither reports a group an approver
 * accepted them staying out of nor one the tenant lacks.
 */
import { checkUsers } from '../../sync/notifications/check-user';
import { runOwner } from '../../sync/run-owner';
import { syncCustomer } from '../../sync/sync-customer';
import { adoptAll, cli, customerIdOf, type SyncCore, seedTenant, startSyncCore } from './sync-core-harness';

const tenant = seedTenant(41, 30);
const customerId = customerIdOf(tenant);
const upnOf = (i: number) => `given${i}.surname${i}@tenant41.example`;
let core: SyncCore;

const control = () => core.sim.control;
const objectIdOf = (i: number) => control().getUser(tenant.id, upnOf(i))!.id;
const groupRequests = () =>
  Object.entries(control().requestCounts()).filter(
    ([route]) => route.includes('/groups') || route.includes('memberOf'),
  );
const totalRequests = () => Object.values(control().requestCounts()).reduce((sum, n) => sum + n, 0);

async function sync(pass: 'full' | 'delta') {
  const customer = (await core.store.customers.get(customerId))!;
  return syncCustomer(core.runtime, customer, {
    owner: runOwner('test'),
    leaseMs: 10_000,
    fullPassEveryMs: pass === 'full' ? 0 : Number.MAX_SAFE_INTEGER,
  });
}

async function savePlan(id: string, groups: string[]): Promise<void> {
  await core.store.plans.upsert({ id, name: 'Sales team', skus: ['SPB'], disabledPlans: {}, groups });
}

async function offer(planId: string): Promise<void> {
  const customer = (await core.store.customers.get(customerId))!;
  await core.store.customers.update(customerId, { plans: [...customer.plans, { planId }] });
}

async function openGroupsMissing() {
  return core.store.discrepancies.listOpen(customerId, 'groups-missing');
}

async function decide(discrepancyId: string, action: 'approve' | 'revoke') {
  return core.handlers.handle({ context: cli, command: { name: 'decide', discrepancyId, action, confirmed: true } });
}

beforeAll(async () => {
  core = await startSyncCore({ tenants: [tenant] });
  await sync('full');
  await adoptAll(core.handlers, customerId);
  // The first five users are on a plan with groups; Sales holds the first ten, All Staff everyone.
  for (let i = 0; i < 5; i++) await core.store.serviceUsers.update(customerId, objectIdOf(i), { planId: 'sales-team' });
});

afterAll(async () => {
  await core.close();
});

it('makes no group request for a customer none of whose plans names groups, even if another plan does', async () => {
  await savePlan('sales-team', ['Sales', 'All Staff']);
  control().resetRequestCounts();
  await sync('full');
  const before = totalRequests();
  expect(groupRequests()).toEqual([]);
  control().resetRequestCounts();
  await sync('full');
  expect(totalRequests()).toBe(before);
  expect(groupRequests()).toEqual([]);
  expect(await openGroupsMissing()).toEqual([]);
});

it('reads the groups once and each plan group’s members once, whatever the number of users', async () => {
  await offer('sales-team');
  control().resetRequestCounts();
  const outcome = await sync('full');
  expect(outcome).toMatchObject({ outcome: 'ok', found: 0 });
  expect(Object.fromEntries(groupRequests())).toEqual({
    'GET /v1.0/groups': 1,
    'GET /v1.0/groups/{id}/members': 2,
  });
});

it('reports a user removed from a plan group in the portal, naming the group', async () => {
  control().removeGroupMember(tenant.id, 'Sales', upnOf(0));
  const outcome = await sync('full');
  expect(outcome).toMatchObject({ outcome: 'ok', found: 1 });
  const [found] = await openGroupsMissing();
  const sales = control().getGroup(tenant.id, 'Sales')!;
  expect(found).toMatchObject({
    upn: upnOf(0),
    objectId: objectIdOf(0),
    expected: { planId: 'sales-team', groups: [{ name: 'Sales' }, { name: 'All Staff' }] },
    actual: { missing: [{ id: sales.id, name: 'Sales' }] },
  });
});

it('neither reports nor closes it on a scheduled delta round (memberships are not in user delta), and costs no group request', async () => {
  control().addGroupMember(tenant.id, 'Sales', upnOf(0));
  control().removeGroupMember(tenant.id, 'All Staff', upnOf(1));
  control().resetRequestCounts();
  expect(await sync('delta')).toMatchObject({ outcome: 'ok', found: 0, resolved: 0 });
  expect(groupRequests()).toEqual([]);
  expect((await openGroupsMissing()).map((d) => d.upn)).toEqual([upnOf(0)]);
  // Nor does a check of the user after a change notification: it reads the user, not their groups.
  const customer = (await core.store.customers.get(customerId))!;
  expect(await checkUsers(core.runtime, customer, [objectIdOf(0)])).toMatchObject({ outcome: 'checked', resolved: 0 });
  expect((await openGroupsMissing()).map((d) => d.upn)).toEqual([upnOf(0)]);
});

it('closes it on the next full pass once the user is back, and reports the next one', async () => {
  const outcome = await sync('full');
  expect(outcome).toMatchObject({ outcome: 'ok', resolved: 1 });
  const open = await openGroupsMissing();
  expect(open.map((d) => [d.upn, d.actual.missing])).toEqual([
    [upnOf(1), [expect.objectContaining({ name: 'All Staff' })]],
  ]);
});

it('Accept records that the user stays out of the group, and it is not reported again', async () => {
  const [discrepancy] = await openGroupsMissing();
  const reply = await decide(discrepancy!.id, 'approve');
  expect(JSON.stringify(reply)).not.toContain('"kind":"error"');
  const allStaff = control().getGroup(tenant.id, 'All Staff')!;
  expect((await core.store.serviceUsers.get(customerId, objectIdOf(1)))?.groupExceptions).toEqual([allStaff.id]);
  expect(await sync('full')).toMatchObject({ outcome: 'ok', found: 0 });
  expect(await openGroupsMissing()).toEqual([]);
  expect(control().getGroup(tenant.id, 'All Staff')!.memberIds).not.toContain(objectIdOf(1));
});

it('Add back puts the user in every missing group in the tenant', async () => {
  control().removeGroupMember(tenant.id, 'Sales', upnOf(2));
  control().removeGroupMember(tenant.id, 'All Staff', upnOf(2));
  await sync('full');
  const [discrepancy] = await openGroupsMissing();
  expect(discrepancy?.actual.missing).toEqual([
    expect.objectContaining({ name: 'Sales' }),
    expect.objectContaining({ name: 'All Staff' }),
  ]);
  const reply = await decide(discrepancy!.id, 'revoke');
  expect(JSON.stringify(reply)).toContain(`Added ${upnOf(2)} back to Sales, All Staff`);
  expect(control().getGroup(tenant.id, 'Sales')!.memberIds).toContain(objectIdOf(2));
  expect(control().getGroup(tenant.id, 'All Staff')!.memberIds).toContain(objectIdOf(2));
  expect(await core.store.discrepancies.get(discrepancy!.id)).toMatchObject({ status: 'revoked' });
  expect(await sync('full')).toMatchObject({ found: 0 });
});

it('says once, in the summary, that a plan group is not in the tenant, and raises nothing per user for it', async () => {
  await savePlan('sales-team', ['Sales', 'Marketing']);
  const outcome = await sync('full');
  expect(outcome).toMatchObject({ outcome: 'ok', found: 0 });
  expect(outcome.notes).toEqual([
    `Plan group "Marketing" of sales-team is not in Tenant 41's tenant; nobody was checked for it.`,
  ]);
  expect(await openGroupsMissing()).toEqual([]);
});

it('leaves plan groups unchecked, said in the summary, when the customer withheld the group permission', async () => {
  control().removeGroupMember(tenant.id, 'Sales', upnOf(3));
  await sync('full');
  const [open] = await openGroupsMissing();
  expect(open?.upn).toBe(upnOf(3));
  control().addGroupMember(tenant.id, 'Sales', upnOf(3));
  control().removePermission(tenant.id, 'GroupMember.ReadWrite.All');
  const outcome = await sync('full');
  control().grantConsent(tenant.id);
  expect(outcome).toMatchObject({ outcome: 'ok' });
  expect(outcome.notes?.[0]).toMatch(/^Plan groups were not checked: /);
  // Not read, so not put right either: it stays open until a pass reads the groups.
  expect((await openGroupsMissing()).map((d) => d.id)).toEqual([open!.id]);
});

describe('a sync a person asks for (`sync <customer>`), a delta round', () => {
  const syncNow = () => core.handlers.handle({ context: cli, command: { name: 'sync', customerId } });
  const fullReads = () => Object.keys(control().requestCounts()).filter((route) => route === 'GET /v1.0/users');

  beforeAll(async () => {
    await savePlan('sales-team', ['Sales', 'All Staff']);
  });

  it('reads plan groups too: whoever asks has often just changed a membership in the portal', async () => {
    await syncNow();
    control().removeGroupMember(tenant.id, 'Sales', upnOf(4));
    control().resetRequestCounts();
    const reply = await syncNow();
    expect(reply).toMatchObject({ kind: 'sync-summary', customers: [{ outcome: 'ok', found: 1 }] });
    expect(fullReads()).toEqual([]);
    expect(Object.fromEntries(groupRequests())).toEqual({ 'GET /v1.0/groups': 1, 'GET /v1.0/groups/{id}/members': 2 });
    expect((await openGroupsMissing()).map((d) => d.upn)).toEqual([upnOf(4)]);
  });

  it('does not report a deleted user as missing from their groups, then or on later rounds', async () => {
    const objectId = objectIdOf(4);
    control().deleteUser(tenant.id, upnOf(4));
    await syncNow();
    expect(await openGroupsMissing()).toEqual([]);
    await syncNow();
    expect(await openGroupsMissing()).toEqual([]);
    const deleted = await core.store.discrepancies.listOpen(customerId, 'user-deleted');
    expect(deleted.map((d) => d.objectId)).toEqual([objectId]);
  });
});
