/**
 * `offboard` as people use it (issue 15), in Teams (activities on /api/messages) and in Slack (signed requests on
 * /slack/events), against the simulated tenant: the form with the customer's defaults ticked, a confirmation naming
 * every step, the steps run in order on one card (a failed step retried alone: offboard-retry.test.ts), presets,
 * `delete` clearing what it makes moot, the approval policy on a helpdesk delete, and every bad input of the issue
 * as a sentence that changes nothing.
 */
import { actionData, type CardAction } from '../../cards';
import type { Store } from '../../store/ports';
import { type Asker, contosoTenantId, type EntryPoint, startSlack, startTeams } from './privilege-entry-points';

const basic = 'O365_BUSINESS_ESSENTIALS';

describe.each([
  ['Teams', startTeams],
  ['Slack', startSlack],
] as const)('in %s', (_name, start) => {
  let world: EntryPoint;
  let n = 0;
  /** What the requester read, as plain words: JSON's and Markdown's escapes taken out. */
  const plain = (shown: string) =>
    shown
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/\\+(["'.`*_\-<>#!|()[\]])/g, '$1');
  const send = async (asker: Asker, text: string) => plain(await world.send(asker, { text }));
  const press = async (asker: Asker, button: CardAction) => plain(await world.send(asker, { button }));
  const tenantUser = (key: string) => world.sim.getUser(contosoTenantId, key);
  const writes = () =>
    Object.keys(world.sim.requestCounts()).filter((route) => !route.startsWith('GET ') && !route.includes('token'));

  beforeAll(async () => {
    world = await start();
    world.sim.setSkuUnits(contosoTenantId, basic, 500);
  }, 60_000);

  afterAll(async () => {
    await world.close();
  });

  async function serviceUser(name: string) {
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
        status: 'active',
        createdBy: 'cli:test',
      }),
    );
    return { upn, objectId: user.id };
  }

  describe('the form', () => {
    it('opens for `offboard <upn>` alone with the customer’s defaults ticked', async () => {
      const { upn } = await serviceUser('form');
      const shown = await send('helpdesk', `offboard ${upn}`);
      // The Teams card's title names the customer; the Slack modal shows it under its title.
      expect(shown).toMatch(/Offboard a user at Contoso Ltd|"form:offboard".*Customer: \*Contoso Ltd\*/);
      expect(shown).toContain('Convert the mailbox to shared');
      expect(shown).toContain('Forward mail');
      // The defaults of m365ops.yaml: block-sign-in, revoke-sessions, convert-to-shared, remove-licences.
      for (const ticked of ['block-sign-in', 'revoke-sessions', 'convert-to-shared', 'remove-licences']) {
        expect(shown).toMatch(new RegExp(`"${ticked}"(?:(?!"block_id"|"Input\\.).)*("value":"true"|initial_options)`));
      }
    });

    it('runs what was ticked once submitted, after a confirmation naming each step', async () => {
      const { upn, objectId } = await serviceUser('formrun');
      const form = { form: 'offboard', customerId: 'contoso', upn, 'block-sign-in': 'true', 'remove-licences': 'true' };
      const asked = await press('helpdesk', { verb: 'submit-form', data: form });
      expect(asked).toContain(`Offboard ${upn}?`);
      expect(asked).toContain('1. Block sign-in');
      expect(asked).toContain('2. Remove all licences');
      expect(tenantUser(objectId)).toMatchObject({ accountEnabled: true });
      const confirm = actionData({
        name: 'offboard',
        upn,
        customerId: 'contoso',
        options: ['block-sign-in', 'remove-licences'],
        confirmed: true,
      });
      expect(await press('helpdesk', confirm)).toContain(`Offboarded ${upn}`);
      expect(tenantUser(objectId)).toMatchObject({ accountEnabled: false, assignedLicenses: [] });
    });

    it('shows a problem beside its field, every value kept', async () => {
      const { upn } = await serviceUser('formbad');
      const form = {
        form: 'offboard',
        customerId: 'contoso',
        upn,
        'forward-to': 'true',
        forwardTo: 'nobody.here@contoso.com',
      };
      const shown = await press('helpdesk', { verb: 'submit-form', data: form });
      expect(shown).toContain('There is no user nobody.here@contoso.com');
      expect(shown).toContain('Offboard a user at Contoso Ltd');
    });
  });

  describe('typed with options', () => {
    it('asks first, naming every step in its order, and changes nothing', async () => {
      const { upn } = await serviceUser('ask');
      world.sim.resetRequestCounts();
      const shown = await send(
        'helpdesk',
        `offboard ${upn} remove-licences block-sign-in out-of-office "Jane has left; write to john@contoso.com" forward-to megan.bowen@contoso.com keep-copy`,
      );
      expect(shown).toContain(`Offboard ${upn}?`);
      expect(shown).toMatch(
        /1\. Block sign-in.*2\. Forward mail to megan\.bowen@contoso\.com, keeping a copy.*3\. Set the out-of-office reply.*4\. Remove all licences/,
      );
      expect(writes()).toEqual([]);
    });

    it('runs block sign-in, reset password, licences and delete; the password only to the requester; audited without it', async () => {
      const { upn, objectId } = await serviceUser('run');
      const confirm = actionData({
        name: 'offboard',
        upn,
        options: ['block-sign-in', 'reset-password', 'remove-licences'],
        confirmed: true,
      });
      const shown = await press('helpdesk', confirm);
      expect(shown).toContain(`Offboarded ${upn}`);
      // Slack sends the password itself privately after this answer (test/bot/slack/slack-end-to-end.test.ts).
      expect(shown).toMatch(/Temporary password for|The temporary password is shown only this once, only to you/);
      expect(tenantUser(objectId)).toMatchObject({ accountEnabled: false, assignedLicenses: [] });
      const audit = await world.withStore((store) => store.audit.list({ customerId: 'contoso' }));
      const entry = audit.find((record) => record.action === 'offboard' && record.target === upn);
      expect(entry).toMatchObject({ result: 'ok' });
      expect(JSON.stringify(entry)).not.toMatch(/password":"[^"]{16}/);
      expect(await world.withStore((store) => store.serviceUsers.get('contoso', objectId))).toMatchObject({
        status: 'removed',
      });
    });

    it('runs every option but delete in order, each step done or skipped with why', async () => {
      const { upn, objectId } = await serviceUser('every');
      world.sim.makeMailboxReady(contosoTenantId, objectId);
      const options = [
        'block-sign-in',
        'revoke-sessions',
        'reset-password',
        'remove-licences',
        'remove-groups',
        'convert-to-shared',
        'forward-to',
        'grant-mailbox',
        'out-of-office',
        'hide-from-gal',
        'remove-devices',
      ];
      const confirm = actionData({
        name: 'offboard',
        upn,
        options,
        forwardTo: 'megan.bowen@contoso.com',
        keepCopy: true,
        grantMailbox: 'alex.wilber@contoso.com',
        outOfOffice: 'I have left Contoso; please write to megan.bowen@contoso.com.',
        confirmed: true,
      } as never);
      const shown = await press('helpdesk', confirm);
      expect(shown).toContain(`Offboarded ${upn}`);
      expect(shown).not.toContain('❌');
      expect(shown).toMatch(
        /Convert the mailbox to shared.*Forward mail.*Remove from all groups.*Remove all licences/s,
      );
      expect(tenantUser(objectId)).toMatchObject({ accountEnabled: false, assignedLicenses: [] });
    });

    it('with delete, leaves out what it makes moot and says so', async () => {
      const { upn, objectId } = await serviceUser('del');
      const asked = await send('approver', `offboard ${upn} block-sign-in convert-to-shared remove-licences delete`);
      expect(asked).toContain('Delete makes these moot, so they were left out: remove-licences, convert-to-shared');
      const confirm = actionData({ name: 'offboard', upn, options: ['block-sign-in', 'delete'], confirmed: true });
      expect(await press('approver', confirm)).toContain(`Offboarded ${upn}`);
      expect(tenantUser(objectId)?.deletedDateTime).toEqual(expect.any(String));
    });
  });

  describe('presets', () => {
    it('runs a preset’s options after a confirmation naming them', async () => {
      const { upn } = await serviceUser('preset');
      const shown = await send('helpdesk', `offboard ${upn} preset delete-now`);
      expect(shown).toContain(`Offboard ${upn}?`);
      expect(shown).toMatch(/1\. Block sign-in.*2\. Sign out everywhere.*3\. Delete the user/);
    });

    it('makes a helpdesk delete a request where the customer’s policy says so', async () => {
      const { upn, objectId } = await serviceUser('policy');
      await world.withStore((store) => store.customers.update('contoso', { approvalEffects: ['user-delete'] }));
      try {
        const shown = await send('helpdesk', `offboard ${upn} preset delete-now`);
        // No channel is bound in this world, so the request cannot be posted: it says so, and nothing changes.
        expect(shown).toMatch(/No channel receives Contoso Ltd's requests|Request [A-Z0-9]{6} is waiting/);
        expect(tenantUser(objectId)?.deletedDateTime ?? null).toBeNull();
      } finally {
        await world.withStore((store) => store.customers.update('contoso', { approvalEffects: undefined }));
      }
    });
  });

  describe('bad input', () => {
    it('names the options for one it does not know', async () => {
      const { upn } = await serviceUser('badopt');
      const shown = await send('helpdesk', `offboard ${upn} wipe-phone`);
      expect(shown).toContain('"wipe-phone" is not an option of `offboard`');
      expect(shown).toContain('remove-devices');
    });

    it('lists the presets for one it does not know', async () => {
      const { upn } = await serviceUser('badpreset');
      const shown = await send('helpdesk', `offboard ${upn} preset quitter`);
      expect(shown).toContain('There is no offboarding preset "quitter". The presets are: leaver, delete-now.');
    });

    it('refuses forwarding outside the verified domains unless the customer allows it', async () => {
      const { upn } = await serviceUser('external');
      world.sim.resetRequestCounts();
      const shown = await send('helpdesk', `offboard ${upn} forward-to someone@gmail.com`);
      expect(shown).toContain("someone@gmail.com is outside Contoso Ltd's verified domains");
      expect(shown).toContain('does not allow forwarding mail outside the organisation');
      expect(writes()).toEqual([]);
      await world.withStore((store) => store.customers.update('contoso', { externalForwarding: 'allow' }));
      try {
        expect(await send('helpdesk', `offboard ${upn} forward-to someone@gmail.com`)).toContain(`Offboard ${upn}?`);
      } finally {
        await world.withStore((store) => store.customers.update('contoso', { externalForwarding: undefined }));
      }
    });

    it('refuses forwarding to, or mailbox access for, a user who does not exist', async () => {
      const { upn } = await serviceUser('ghost');
      expect(await send('helpdesk', `offboard ${upn} forward-to ghost.user@contoso.com`)).toContain(
        "There is no user ghost.user@contoso.com in Contoso Ltd's tenant to receive the forwarded mail",
      );
      expect(await send('helpdesk', `offboard ${upn} grant-mailbox ghost.user@contoso.com`)).toContain(
        "There is no user ghost.user@contoso.com in Contoso Ltd's tenant to get access to the mailbox",
      );
    });

    it('refuses a time in the past, and one that is not a time', async () => {
      const { upn } = await serviceUser('past');
      expect(await send('helpdesk', `offboard ${upn} block-sign-in at 2020-01-01 09:00`)).toContain(
        '2020-01-01 09:00 UTC is in the past',
      );
      expect(await send('helpdesk', `offboard ${upn} block-sign-in at tomorrow`)).toContain(
        '"tomorrow" is not a date and time: write it as YYYY-MM-DD HH:MM',
      );
    });

    it('refuses keep-copy without forward-to', async () => {
      const { upn } = await serviceUser('keep');
      expect(await send('helpdesk', `offboard ${upn} block-sign-in keep-copy`)).toContain(
        '`keep-copy` goes with `forward-to <upn>`',
      );
    });

    it('refuses a default that needs a value, naming the ones that may be defaults', async () => {
      const shown = await send('admin', 'policy contoso offboard block-sign-in,forward-to');
      expect(shown).toContain('forward-to needs a value for each leaver, so it cannot be a default');
      expect(await send('admin', 'policy contoso offboard wipe')).toContain(
        '"wipe" is not an offboarding option. The options are:',
      );
    });
  });
});
