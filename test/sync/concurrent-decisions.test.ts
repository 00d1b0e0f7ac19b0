/** The first click wins: many approvers clicking Revoke on one card at once make one decision and one tenant change. */
import type { Request } from '../../core/request';
import { adoptAll, type SyncCore, seedTenant, startSyncCore } from './sync-core-harness';

const tenant = seedTenant(2, 5);
let core: SyncCore;

beforeAll(async () => {
  core = await startSyncCore({ tenants: [tenant] });
  await core.scheduler.runTick(new Date(), ['tenant-2']);
  await adoptAll(core.handlers, 'tenant-2');
  for (let i = 0; i < 50; i++) await core.store.access.grant(`teams:approver-${i}`, 'approver', 'test');
});

afterAll(async () => {
  await core.close();
});

function click(i: number, discrepancyId: string, action: 'approve' | 'revoke'): Request {
  return {
    context: { identity: `teams:approver-${i}`, displayName: `Approver ${i}`, origin: 'teams', isPersonal: false },
    command: { name: 'decide', discrepancyId, action, confirmed: true },
    idempotencyKey: `click-${i}`,
  };
}

it('makes exactly one decision and one tenant change from 50 concurrent clicks', async () => {
  const [user] = core.sim.control.listUsers(tenant.id);
  core.sim.control.setLicenses(tenant.id, user!.id, ['O365_BUSINESS_ESSENTIALS']);
  await core.scheduler.runTick(new Date(Date.now() + 1000), ['tenant-2']);
  const [discrepancy] = await core.store.discrepancies.listOpen('tenant-2', 'plan-changed');
  core.sim.control.resetRequestCounts();

  const replies = await Promise.all(
    Array.from({ length: 50 }, (_, i) => core.handlers.handle(click(i, discrepancy!.id, 'revoke'))),
  );

  const decided = replies.filter((reply) => reply.kind === 'discrepancy');
  const told = replies.filter((reply) => reply.kind === 'text');
  expect(decided).toHaveLength(1);
  expect(told).toHaveLength(49);
  expect(told.every((reply) => reply.kind === 'text' && /already|deciding this already/.test(reply.text))).toBe(true);
  const assigns = Object.entries(core.sim.control.requestCounts()).filter(([route]) => route.includes('assignLicense'));
  expect(assigns.reduce((sum, [, count]) => sum + count, 0)).toBe(1);
  expect(await core.store.discrepancies.get(discrepancy!.id)).toMatchObject({ status: 'revoked' });
  const audits = await core.store.audit.list({ customerId: 'tenant-2' });
  expect(audits.filter((audit) => audit.action === 'revoke-discrepancy')).toHaveLength(1);
  // Each later clicker gets the card as it now stands (deciding or revoked) to redraw theirs with.
  for (const reply of told) {
    expect(reply).toMatchObject({ current: { discrepancy: { id: discrepancy!.id, decision: 'revoke' } } });
  }
  const late = await core.handlers.handle({ ...click(0, discrepancy!.id, 'approve'), idempotencyKey: 'late-click' });
  expect(late).toMatchObject({
    kind: 'text',
    current: {
      discrepancy: { id: discrepancy!.id, status: 'revoked', decidedBy: expect.stringMatching(/^Approver /) },
    },
  });
});

it('refuses the person who caused the discrepancy', async () => {
  const [, user] = core.sim.control.listUsers(tenant.id);
  const { discrepancy } = await core.store.discrepancies.upsertOpen({
    customerId: 'tenant-2',
    objectId: user!.id,
    upn: user!.userPrincipalName,
    kind: 'admin-granted',
    expected: { admin: false },
    actual: { admin: true },
    runId: 'test',
    causedBy: 'teams:approver-7',
  });
  const reply = await core.handlers.handle(click(7, discrepancy.id, 'approve'));
  expect(reply).toMatchObject({
    kind: 'error',
    code: 'own-change',
    current: { discrepancy: { id: discrepancy.id, kind: 'admin-granted', status: 'open' } },
  });
  expect(await core.store.discrepancies.get(discrepancy.id)).toMatchObject({ status: 'open' });
  const refusal = (await core.store.audit.list({ actor: 'teams:approver-7' }))[0];
  expect(refusal).toMatchObject({ action: 'approve-discrepancy', result: 'refused' });
});
