/**
 * `restore user` and `reset password` as people use them, in Teams (activities on /api/messages) and in Slack
 * (signed requests on /slack/events), against the simulated tenant: a deleted user comes back with its plan when
 * seats allow and without it (saying how many are short) when not; every reason it cannot come back is a plain
 * sentence; a reset asks first, then shows a new temporary password only to the requester and audits no password.
 */
import { actionData } from '../../cards';
import type { Store } from '../../store/ports';
import { type Asker, contosoTenantId, type EntryPoint, startSlack, startTeams } from './privilege-entry-points';

const basic = 'O365_BUSINESS_ESSENTIALS';

describe.each([
  ['Teams', startTeams],
  ['Slack', startSlack],
] as const)('in %s', (_name, start) => {
  let world: EntryPoint;
  let n = 0;
  const send = (asker: Asker, text: string) => world.send(asker, { text });
  const tenantUser = (key: string) => world.sim.getUser(contosoTenantId, key);
  const record = (objectId: string) => world.withStore((store) => store.serviceUsers.get('contoso', objectId));
  const basicSkuId = () => world.sim.getSkus(contosoTenantId).find((sku) => sku.skuPartNumber === basic)!.skuId;

  beforeAll(async () => {
    world = await start();
  }, 60_000);

  afterAll(async () => {
    await world.close();
  });

  /** A business-basic service user, as `add user` leaves it; `deleted`: then removed and deleted as m365ops does. */
  async function serviceUser(name: string, options: { deleted?: boolean } = {}) {
    n += 1;
    const upn = `${name}.${n}@contoso.com`;
    const user = world.sim.addUser(contosoTenantId, { userPrincipalName: upn, usageLocation: 'GB', licenses: [basic] });
    await world.withStore((store: Store) =>
      store.serviceUsers.create({
        customerId: 'contoso',
        objectId: user.id,
        upn,
        displayName: name,
        planId: 'business-basic',
        admin: false,
        usageLocation: 'GB',
        aliases: [],
        status: options.deleted ? 'deleted' : 'active',
        createdBy: 'cli:test',
      }),
    );
    if (options.deleted) {
      world.sim.setLicenses(contosoTenantId, user.id, []);
      world.sim.deleteUser(contosoTenantId, user.id);
    }
    return { upn, objectId: user.id };
  }

  describe('restore user', () => {
    it('brings a deleted user back with its plan’s licences and records it', async () => {
      world.sim.setSkuUnits(contosoTenantId, basic, 500);
      const { upn, objectId } = await serviceUser('restored', { deleted: true });
      const shown = await send('approver', `restore user ${upn}`);
      expect(shown).toContain(`Restored ${upn}`);
      expect(shown).toContain('Microsoft 365 Business Basic licences given back');
      expect(tenantUser(objectId)).toMatchObject({
        deletedDateTime: null,
        assignedLicenses: [{ skuId: basicSkuId() }],
      });
      expect(await record(objectId)).toMatchObject({ status: 'active', planId: 'business-basic' });
      const audit = await world.withStore((store) => store.audit.list({ customerId: 'contoso' }));
      expect(audit).toContainEqual(expect.objectContaining({ action: 'restore-user', target: upn, result: 'ok' }));
    });

    it('restores without licences when no seat is free, and says how many are short', async () => {
      const { upn, objectId } = await serviceUser('unseated', { deleted: true });
      const consumed = world.sim.getSkus(contosoTenantId).find((sku) => sku.skuPartNumber === basic)!.consumedUnits;
      world.sim.setSkuUnits(contosoTenantId, basic, consumed);
      try {
        const shown = await send('approver', `restore user ${upn}`);
        expect(shown).toContain('none: 1 seat short');
        expect(shown).toContain(`change plan ${upn} business-basic`);
        expect(tenantUser(objectId)).toMatchObject({ deletedDateTime: null, assignedLicenses: [] });
        expect(await record(objectId)).toMatchObject({ status: 'active', planId: null, customSkuIds: [] });
      } finally {
        world.sim.setSkuUnits(contosoTenantId, basic, 500);
      }
    });

    it('says a user that is not deleted has nothing to restore', async () => {
      const { upn } = await serviceUser('alive');
      expect(await send('approver', `restore user ${upn}`)).toContain(`${upn} is not deleted`);
    });

    it('says a user removed for good (over 30 days, or purged) can only be added again', async () => {
      const { upn, objectId } = await serviceUser('purged', { deleted: true });
      world.sim.purgeUser(contosoTenantId, objectId);
      const shown = await send('approver', `restore user ${upn}`);
      expect(shown).toContain(`${upn} is no longer among Contoso`);
      expect(shown).toContain('30 days');
    });

    it('refuses while another user holds the name, and leaves the deleted user deleted', async () => {
      const { upn, objectId } = await serviceUser('reused', { deleted: true });
      world.sim.addUser(contosoTenantId, { userPrincipalName: upn, displayName: 'New Holder' });
      const shown = await send('approver', `restore user ${upn}`);
      expect(shown).toContain(`${upn} cannot be restored: another user of Contoso`);
      expect(shown).toContain('New Holder');
      expect(tenantUser(objectId)?.deletedDateTime).toEqual(expect.any(String));
    });

    it('says when there is no such deleted user', async () => {
      const shown = await send('approver', 'restore user nobody.ever@contoso.com');
      expect(shown).toContain('There is no deleted user nobody.ever@contoso.com');
    });
  });

  describe('reset password', () => {
    it('asks first, naming what is lost, and changes nothing until confirmed', async () => {
      const { upn } = await serviceUser('asked');
      world.sim.resetRequestCounts();
      const shown = await send('helpdesk', `reset password ${upn}`);
      expect(shown).toContain(`Reset the password of ${upn}?`);
      expect(shown).toContain('Their current password stops working at once');
      expect(Object.keys(world.sim.requestCounts()).filter((route) => route.startsWith('PATCH'))).toEqual([]);
    });

    it('sets a temporary password once confirmed, and audits it without the password', async () => {
      const { upn, objectId } = await serviceUser('reset');
      world.sim.resetRequestCounts();
      const confirm = actionData({ name: 'reset-password', upn, customerId: 'contoso', confirmed: true });
      // The password itself follows privately (in Slack after this answer): the end-to-end tests of each transport
      // check where it goes.
      const shown = await world.send('helpdesk', { button: confirm });
      expect(shown).toContain(`Reset the password of ${upn}`);
      expect(shown).toContain('must change the temporary password');
      expect(world.sim.requestCounts()).toMatchObject({ 'PATCH /v1.0/users/{id}': 1 });
      const audit = await world.withStore((store) => store.audit.list({ customerId: 'contoso' }));
      const entry = audit.find((record) => record.action === 'reset-password' && record.target === upn);
      expect(entry).toMatchObject({ result: 'ok' });
      expect(entry?.details).toEqual({ objectId, forceChangePasswordNextSignIn: true });
    });

    it('needs the approver role for the password of an admin', async () => {
      const { upn, objectId } = await serviceUser('boss');
      world.sim.grantRole(contosoTenantId, objectId, 'Global Administrator');
      const confirm = actionData({ name: 'reset-password', upn, customerId: 'contoso', confirmed: true });
      world.sim.resetRequestCounts();
      const refused = await world.send('helpdesk', { button: confirm });
      expect(refused).toContain("Resetting an admin's password needs the approver role");
      expect(Object.keys(world.sim.requestCounts()).filter((route) => route.startsWith('PATCH'))).toEqual([]);
      // Microsoft itself refuses an app that holds no privileged role, and m365ops says why.
      expect(await world.send('approver', { button: confirm })).toContain(
        'Microsoft lets an app reset the password of a user who holds an administrator role only when the app itself holds a privileged directory role',
      );
      world.sim.grantAppRole(contosoTenantId, 'Privileged Authentication Administrator');
      expect(await world.send('approver', { button: confirm })).toContain('must change the temporary password');
    });
  });
});
