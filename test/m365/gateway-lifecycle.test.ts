/**
 * The lifecycle operations of TenantClient (groups, sessions, Exchange mailbox settings) over real HTTPS against the
 * simulator; tenant state is asserted through the simulator's control, not through the client under test.
 */
import { createM365Gateway } from '../../m365/index';
import type { TenantClient } from '../../m365/types';
import { startSimulator } from '../../sim/index';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import type { RunningSimulator } from '../../sim/types';

const contosoId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const essentials = '3b555118-da6a-4418-894f-7df1e2096870';

let now = Date.parse('2026-03-02T09:00:00Z');
let sim: RunningSimulator;
let contoso: TenantClient;

beforeAll(async () => {
  sim = await startSimulator({ groupLicenseDelayMs: 60_000, now: () => now });
  const m365 = createM365Gateway({
    ...simulatorEndpoints(sim),
    clientSecret: sim.clientSecret,
    ca: sim.caPem,
    retry: { maxRetries: 4, maxDelayMs: 200 },
  });
  contoso = m365.forTenant(contosoId);
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => sim.control.clearFaults());

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('groups', () => {
  it('lists groups with their kind and licences', async () => {
    const groups = await contoso.listGroups();
    expect(groups).toContainEqual(
      expect.objectContaining({
        displayName: 'All Staff',
        groupTypes: ['Unified'],
        mailEnabled: true,
        securityEnabled: false,
      }),
    );
    expect(groups.find((group) => group.displayName === 'Licence - Business Basic')?.assignedSkuIds).toEqual([
      essentials,
    ]);
  });

  it('adds and removes members idempotently, read back by both directions', async () => {
    const sales = sim.control.getGroup(contosoId, 'Sales')!;
    const user = sim.control.addUser(contosoId, { userPrincipalName: 'joiner@contoso.com' });
    await contoso.addGroupMember(sales.id, user.id);
    await contoso.addGroupMember(sales.id, user.id); // already a member: success
    expect(sim.control.getGroup(contosoId, 'Sales')?.memberIds).toContain(user.id);
    expect(await contoso.listGroupMemberIds(sales.id)).toContain(user.id);
    expect(await contoso.listUserGroupIds(user.id)).toEqual([sales.id]);
    await contoso.removeGroupMember(sales.id, user.id);
    await contoso.removeGroupMember(sales.id, user.id); // not a member: success
    expect(sim.control.getGroup(contosoId, 'Sales')?.memberIds).not.toContain(user.id);
  });

  it('leaves directory roles out of a user’s groups', async () => {
    const megan = sim.control.getUser(contosoId, 'megan.bowen@contoso.com')!;
    const ids = await contoso.listUserGroupIds(megan.id);
    const groupIds = sim.control.listGroups(contosoId).map((group) => group.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => groupIds.includes(id))).toBe(true);
  });

  it('says a group does not exist', async () => {
    const user = sim.control.getUser(contosoId, 'alex.wilber@contoso.com')!;
    const failure = await failureOf(contoso.addGroupMember('00000000-0000-4000-8000-000000000000', user.id));
    expect(failure.code).toBe('not-found');
  });

  it('reads licenseAssignmentStates on a user once group licensing has processed', async () => {
    const licensing = sim.control.getGroup(contosoId, 'Licence - Business Basic')!;
    const user = sim.control.addUser(contosoId, {
      userPrincipalName: 'group.licensed@contoso.com',
      usageLocation: 'US',
    });
    await contoso.addGroupMember(licensing.id, user.id);
    now += 60_001;
    const read = await contoso.getUser(user.id);
    expect(read?.assignedLicenses.map((licence) => licence.skuId)).toEqual([essentials]);
    expect(read?.licenseAssignmentStates).toEqual([
      { skuId: essentials, assignedByGroup: licensing.id, state: 'Active', error: 'None', disabledPlans: [] },
    ]);
  });

  it('retries a throttled membership change and revokes sessions', async () => {
    const user = sim.control.addUser(contosoId, { userPrincipalName: 'throttled@contoso.com' });
    const sales = sim.control.getGroup(contosoId, 'Sales')!;
    sim.control.setFaults({ throttleEvery: 2, retryAfterSeconds: 0.01 });
    await contoso.addGroupMember(sales.id, user.id);
    await contoso.revokeSignInSessions(user.id);
    sim.control.clearFaults();
    expect(sim.control.getGroup(contosoId, 'Sales')?.memberIds).toContain(user.id);
    expect(sim.control.getSessionsRevokedAt(contosoId, user.id)).not.toBeNull();
  });
});

describe('mailboxes', () => {
  it('reads a mailbox’s details, converts it to shared, forwards, hides and sets automatic replies', async () => {
    const upn = 'patti.fernandez@contoso.com';
    sim.control.setMailboxSize(contosoId, upn, 2_000_000);
    expect(await contoso.getMailboxDetails(upn)).toEqual({
      userPrincipalName: upn,
      type: 'user',
      sizeBytes: 2_000_000,
      forwardingTo: null,
      keepCopy: false,
      hiddenFromAddressLists: false,
      autoReplyEnabled: false,
    });
    await contoso.convertMailboxToShared(upn);
    await contoso.setMailboxForwarding(upn, 'megan.bowen@contoso.com', true);
    await contoso.setHiddenFromAddressLists(upn, true);
    await contoso.setAutoReply(upn, 'Patti has left the company.');
    expect(await contoso.getMailboxDetails(upn)).toMatchObject({
      type: 'shared',
      forwardingTo: 'megan.bowen@contoso.com',
      keepCopy: true,
      hiddenFromAddressLists: true,
      autoReplyEnabled: true,
    });
    expect(sim.control.getMailbox(contosoId, upn)?.internalMessage).toBe('Patti has left the company.');
    await contoso.setMailboxForwarding(upn, null, false);
    await contoso.setAutoReply(upn, null);
    expect(await contoso.getMailboxDetails(upn)).toMatchObject({
      forwardingTo: null,
      keepCopy: false,
      autoReplyEnabled: false,
    });
  });

  it('answers null for a mailbox not there yet, and mailbox-not-ready for a change to it', async () => {
    sim.control.addUser(contosoId, {
      userPrincipalName: 'no.mailbox@contoso.com',
      usageLocation: 'US',
      licenses: ['SPB'],
    });
    expect(await contoso.getMailboxDetails('no.mailbox@contoso.com')).toBeNull();
    expect((await failureOf(contoso.convertMailboxToShared('no.mailbox@contoso.com'))).code).toBe('mailbox-not-ready');
  });

  it('grants Full Access and Send As, and names a trustee that does not exist', async () => {
    await contoso.grantMailboxAccess('sales.team@contoso.com', 'joni.sherman@contoso.com', 'FullAccess');
    await contoso.grantMailboxAccess('sales.team@contoso.com', 'joni.sherman@contoso.com', 'FullAccess');
    await contoso.grantMailboxAccess('sales.team@contoso.com', 'joni.sherman@contoso.com', 'SendAs');
    expect(sim.control.getMailbox(contosoId, 'sales.team@contoso.com')).toMatchObject({
      fullAccess: ['joni.sherman@contoso.com'],
      sendAs: ['joni.sherman@contoso.com'],
    });
    const failure = await failureOf(
      contoso.grantMailboxAccess('sales.team@contoso.com', 'ghost@contoso.com', 'SendAs'),
    );
    expect(failure.code).toBe('not-found');
    expect(failure.message).toBe(
      'No user or group ghost@contoso.com exists in the tenant to give mailbox access to; check the address.',
    );
  });

  it('lists and removes mobile devices; removing one already gone is success', async () => {
    const devices = await contoso.listMobileDevices('diego.siciliani@contoso.com');
    expect(devices.map((device) => device.name)).toEqual(['iPhone 15 Pro', 'Galaxy Tab S9']);
    await contoso.removeMobileDevice(devices[0]!.id);
    await contoso.removeMobileDevice(devices[0]!.id);
    expect(sim.control.getMailbox(contosoId, 'diego.siciliani@contoso.com')?.mobileDevices).toEqual([
      { guid: devices[1]!.id, name: 'Galaxy Tab S9' },
    ]);
  });
});
