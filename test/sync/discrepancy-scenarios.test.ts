/**
 * One scenario per discrepancy kind, on Teams and on Slack: change the simulated tenant behind m365ops's back,
 * run the sync, see the card in the bound channel, click Approve or Revoke there, then check the store and the
 * tenant.
 */
import type { DiscrepancyKind } from '../../store/types';
import { contosoTenant, type Platform, type SyncHarness, startSyncHarness } from './sync-harness';

const spb = 'SPB';
const basic = 'O365_BUSINESS_ESSENTIALS';
const exchange = 'EXCHANGESTANDARD';
const globalAdmin = 'Global Administrator';

describe.each<Platform>(['teams', 'slack'])('on %s', (platform) => {
  let harness: SyncHarness;
  const control = () => harness.app.simulator!.control;
  const tenantUser = (upn: string) => control().getUser(contosoTenant, upn);
  const record = (objectId: string) => harness.app.store.serviceUsers.get('contoso', objectId);
  const skusOf = (upn: string) => {
    const names = new Map(
      control()
        .getSkus(contosoTenant)
        .map((sku) => [sku.skuId, sku.skuPartNumber]),
    );
    return (tenantUser(upn)?.assignedLicenses ?? []).map((licence) => names.get(licence.skuId)).sort();
  };

  /** Syncs, expects exactly this new card, and returns its discrepancy. */
  async function syncAndFind(kind: DiscrepancyKind, upn: string) {
    await harness.syncContoso();
    const discrepancy = await harness.openDiscrepancy(kind, upn);
    const card = await harness.channelCard(platform, discrepancy);
    expect(card).toContain(upn);
    expect(card).toContain('"decide"');
    return discrepancy;
  }

  async function decided(id: string) {
    return harness.app.store.discrepancies.get(id);
  }

  beforeAll(async () => {
    harness = await startSyncHarness();
    await harness.bindChannel(platform);
    // Onboard the tenant: adopt every licensed user, so each scenario starts from agreement.
    await harness.syncContoso();
    await harness.app.m365ops.handle({
      context: { identity: 'cli:ops', origin: 'cli', isPersonal: true },
      command: {
        name: 'decide-all',
        customerId: 'contoso',
        kind: 'unmanaged-user',
        action: 'approve',
        confirmed: true,
      },
    });
    expect(await harness.app.store.discrepancies.listOpen('contoso')).toEqual([]);
  });

  afterAll(async () => {
    await harness.close();
  });

  /** Clicks a button that asks first, checks nothing happened yet and the question says `asked`, then confirms. */
  async function clickAndConfirm(discrepancy: { id: string }, title: string, asked: string, confirm: string) {
    const stored = (await decided(discrepancy.id))!;
    const answer = await harness.click(platform, stored, title);
    expect(harness.question(platform, answer)).toContain(asked);
    expect(await decided(discrepancy.id)).toMatchObject({ status: 'open' });
    await harness.confirm(platform, answer, confirm);
  }

  it('user-deleted: "Restore user" restores the user with the plan licences, without asking first', async () => {
    const upn = 'adele.vance@contoso.com';
    const objectId = tenantUser(upn)!.id;
    control().deleteUser(contosoTenant, upn);
    const discrepancy = await syncAndFind('user-deleted', upn);
    await harness.click(platform, discrepancy, 'Restore user');
    expect(await decided(discrepancy.id)).toMatchObject({
      status: 'revoked',
      decision: { action: 'revoke', result: 'applied' },
    });
    expect(tenantUser(objectId)?.deletedDateTime).toBeNull();
    expect(skusOf(upn)).toEqual([spb]);
    expect(await record(objectId)).toMatchObject({ status: 'active', planId: 'business-premium' });
    const card = await harness.channelCard(platform, discrepancy);
    expect(card).toContain('Revoked by');
    expect(card).not.toMatch(/"(title|text)":"Accept removal"/);
  });

  it('user-deleted: "Restore user" with no free seat restores the user without licences and records why', async () => {
    const upn = `no.seat.${platform}@contoso.com`;
    const added = await harness.app.m365ops.handle({
      context: { identity: 'cli:ops', origin: 'cli', isPersonal: true },
      command: { name: 'add-user', upn, planId: 'business-premium', usageLocation: 'GB', admin: false, aliases: [] },
    });
    expect(added.kind).toBe('result');
    const objectId = tenantUser(upn)!.id;
    // Removed and deleted in the portal, and meanwhile its seat given to someone else.
    control().setLicenses(contosoTenant, upn, []);
    control().deleteUser(contosoTenant, upn);
    const units = control()
      .getSkus(contosoTenant)
      .find((sku) => sku.skuPartNumber === spb)!;
    control().setSkuUnits(contosoTenant, spb, units.consumedUnits);
    try {
      const discrepancy = await syncAndFind('user-deleted', upn);
      await harness.click(platform, discrepancy, 'Restore user');
      expect(await decided(discrepancy.id)).toMatchObject({ status: 'revoked', decision: { result: 'applied' } });
      expect(tenantUser(objectId)).toMatchObject({ deletedDateTime: null, assignedLicenses: [] });
      expect(await record(objectId)).toMatchObject({ status: 'active', planId: null, customSkuIds: [] });
      const audit = await harness.app.store.audit.get((await decided(discrepancy.id))!.decision!.auditId!);
      expect(String(audit?.details?.done)).toContain('Restored without licences: Contoso Ltd has no free SPB licence');
    } finally {
      control().setSkuUnits(contosoTenant, spb, units.enabledUnits);
    }
  });

  it('licenses-removed: "Accept change" marks the user removed and frees the seat', async () => {
    const upn = 'allan.deyoung@contoso.com';
    const objectId = tenantUser(upn)!.id;
    control().setLicenses(contosoTenant, upn, []);
    const discrepancy = await syncAndFind('licenses-removed', upn);
    await harness.click(platform, discrepancy, 'Accept change');
    expect(await decided(discrepancy.id)).toMatchObject({ status: 'approved' });
    expect(await record(objectId)).toMatchObject({ status: 'removed' });
    expect(skusOf(upn)).toEqual([]);
    expect(await harness.channelCard(platform, discrepancy)).toContain('Approved by');
  });

  it('plan-changed: "Put licences back…" asks, then puts the old plan back in the tenant', async () => {
    const upn = 'christie.cline@contoso.com';
    const objectId = tenantUser(upn)!.id;
    control().setLicenses(contosoTenant, upn, [basic]);
    const discrepancy = await syncAndFind('plan-changed', upn);
    expect(discrepancy.actual).toMatchObject({ planId: 'business-basic' });
    await clickAndConfirm(discrepancy, 'Put licences back…', `Put ${upn} back on`, 'Put licences back');
    expect(await decided(discrepancy.id)).toMatchObject({ status: 'revoked' });
    expect(skusOf(upn)).toEqual([spb]);
    expect(await record(objectId)).toMatchObject({ planId: 'business-premium', status: 'active' });
  });

  it('licenses-drifted: "Accept change" records the licences as custom', async () => {
    const upn = 'debra.berger@contoso.com';
    const objectId = tenantUser(upn)!.id;
    control().setLicenses(contosoTenant, upn, [spb, exchange]);
    const discrepancy = await syncAndFind('licenses-drifted', upn);
    await harness.click(platform, discrepancy, 'Accept change');
    const saved = await record(objectId);
    expect(saved?.planId).toBeNull();
    expect(saved?.customSkuIds).toHaveLength(2);
    expect(skusOf(upn)).toEqual([exchange, spb].sort());
  });

  it('admin-revoked: "Give admin back…" asks, then gives the role back in the tenant', async () => {
    const upn = 'megan.bowen@contoso.com';
    const objectId = tenantUser(upn)!.id;
    expect(await record(objectId)).toMatchObject({ admin: true });
    control().revokeRole(contosoTenant, upn, globalAdmin);
    const discrepancy = await syncAndFind('admin-revoked', upn);
    await clickAndConfirm(
      discrepancy,
      'Give admin back…',
      `Give ${upn} the Global Administrator role again?`,
      'Give admin back',
    );
    expect(await decided(discrepancy.id)).toMatchObject({ status: 'revoked' });
    expect(control().listRoleMembers(contosoTenant, globalAdmin)).toContain(objectId);
    expect(await record(objectId)).toMatchObject({ admin: true });
  });

  it('admin-granted: "Keep admin" records the user as an admin', async () => {
    const upn = 'emily.braun@contoso.com';
    const objectId = tenantUser(upn)!.id;
    control().grantRole(contosoTenant, upn, globalAdmin);
    const discrepancy = await syncAndFind('admin-granted', upn);
    await harness.click(platform, discrepancy, 'Keep admin');
    expect(await record(objectId)).toMatchObject({ admin: true });
    expect(control().listRoleMembers(contosoTenant, globalAdmin)).toContain(objectId);
  });

  it('upn-changed: "Accept new name" renames the record in place, never a second user', async () => {
    const upn = 'enrico.cattaneo@contoso.com';
    const objectId = tenantUser(upn)!.id;
    control().renameUpn(contosoTenant, upn, 'enrico.c@contoso.com');
    const discrepancy = await syncAndFind('upn-changed', upn);
    expect(await harness.app.store.discrepancies.listOpen('contoso', 'unmanaged-user')).toEqual([]);
    await harness.click(platform, discrepancy, 'Accept new name');
    expect(await record(objectId)).toMatchObject({ upn: 'enrico.c@contoso.com', status: 'active' });
    const users = await harness.app.store.serviceUsers.list('contoso');
    expect(users.filter((user) => user.upn.startsWith('enrico'))).toHaveLength(1);
    expect(tenantUser(objectId)?.userPrincipalName).toBe('enrico.c@contoso.com');
  });

  it('unmanaged-user: "Remove licences…" asks, naming the effect, then removes the licences', async () => {
    const upn = 'new.hire@contoso.com';
    const added = control().addUser(contosoTenant, { userPrincipalName: upn, usageLocation: 'US', licenses: [spb] });
    const discrepancy = await syncAndFind('unmanaged-user', upn);
    await clickAndConfirm(discrepancy, 'Remove licences…', `Remove the licence from ${upn}?`, 'Remove licences');
    expect(await decided(discrepancy.id)).toMatchObject({ status: 'revoked' });
    expect(skusOf(upn)).toEqual([]);
    expect(await record(added.id)).toBeNull();
  });

  it('closes a discrepancy the tenant put right by itself and updates its card', async () => {
    const upn = 'grady.archie@contoso.com';
    control().setLicenses(contosoTenant, upn, [basic]);
    const discrepancy = await syncAndFind('plan-changed', upn);
    control().setLicenses(contosoTenant, upn, [spb]);
    await harness.syncContoso();
    expect(await decided(discrepancy.id)).toMatchObject({ status: 'resolved' });
    expect(await harness.channelCard(platform, discrepancy)).toContain('Resolved');
  });

  it('refuses a decision by someone without the approver role', async () => {
    const upn = 'henrietta.mueller@contoso.com';
    control().setLicenses(contosoTenant, upn, [basic]);
    const discrepancy = await syncAndFind('plan-changed', upn);
    const before = harness.slack.calls.length;
    const answer = await harness.click(platform, discrepancy, 'Accept change', 'helpdesk');
    const told = platform === 'teams' ? JSON.stringify(answer) : JSON.stringify(harness.slack.calls.slice(before));
    expect(told).toContain('needs the approver role');
    expect(await decided(discrepancy.id)).toMatchObject({ status: 'open' });
    expect(skusOf(upn)).toEqual([basic]);
  });

  it('tells a later click who decided already', async () => {
    const upn = 'irvin.sayers@contoso.com';
    control().setLicenses(contosoTenant, upn, [basic]);
    const discrepancy = await syncAndFind('plan-changed', upn);
    const cardBefore = await harness.channelCard(platform, discrepancy);
    await harness.click(platform, discrepancy, 'Accept change');
    const answer = await clickStale(platform, discrepancy.id, cardBefore);
    expect(answer).toMatch(/(Ben Approver|UAPPROVE1|uapprove1) already approved this at/);
  });

  /** Clicks "Put licences back…" on the card as it looked before the first decision (another person's stale view). */
  async function clickStale(on: Platform, id: string, staleCard: string): Promise<string> {
    if (on === 'teams') {
      const response = await harness.clickCard(JSON.parse(staleCard), 'Put licences back…', id);
      return JSON.stringify(response);
    }
    const before = harness.slack.calls.length;
    await harness.clickBlocks(JSON.parse(staleCard).blocks, 'Put licences back…', id);
    for (let i = 0; i < 100 && harness.slack.calls.length === before; i++) await new Promise((r) => setTimeout(r, 25));
    return JSON.stringify(harness.slack.calls.slice(before));
  }
});
