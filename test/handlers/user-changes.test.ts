import { globalAdministratorTemplateId } from '../../m365/tenant-roles';
import { findCatalogSku } from '../../sim/state/sku-catalog';
import { approver, expectKind, helpdesk } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness } from './sim-harness';

describeWithSimulator('user changes, views, consent and forms against the simulator', () => {
  let h: SimHarness;
  let janeId: string;
  const spb = findCatalogSku('SPB')?.skuId as string;
  const basic = findCatalogSku('O365_BUSINESS_ESSENTIALS')?.skuId as string;

  beforeEach(async () => {
    h = await startSimHarness();
    expectKind(
      await h.run({
        name: 'add-user',
        upn: 'jane@contoso.com',
        planId: 'business-premium',
        usageLocation: 'GB',
        admin: false,
        aliases: [],
      }),
      'result',
    );
    janeId = h.sim.control.getUser(contosoTenant, 'jane@contoso.com')?.id as string;
  });
  afterEach(async () => {
    await h.close();
  });

  const licences = () => h.sim.control.getUser(contosoTenant, janeId)?.assignedLicenses.map((l) => l.skuId);
  const assignCalls = () =>
    Object.entries(h.sim.control.requestCounts())
      .filter(([route]) => route.includes('assignLicense'))
      .reduce((sum, [, count]) => sum + count, 0);

  describe('change plan', () => {
    it('switches the licences in one assignLicense call', async () => {
      h.sim.control.resetRequestCounts();
      const reply = expectKind(
        await h.run({ name: 'change-plan', upn: 'jane@contoso.com', planId: 'business-basic' }),
        'result',
      );
      expect(reply.title).toBe('Moved jane@contoso.com to Microsoft 365 Business Basic');
      expect(licences()).toEqual([basic]);
      expect(assignCalls()).toBe(1);
      expect((await h.store.serviceUsers.get('contoso', janeId))?.planId).toBe('business-basic');
      expect((await h.store.audit.list())[0]).toMatchObject({
        action: 'change-plan',
        result: 'ok',
        details: { added: ['O365_BUSINESS_ESSENTIALS'], removed: ['SPB'] },
      });
    });

    it('does nothing when the user is already on the plan', async () => {
      h.sim.control.resetRequestCounts();
      const reply = expectKind(
        await h.run({ name: 'change-plan', upn: 'jane@contoso.com', planId: 'business-premium' }),
        'result',
      );
      expect(reply.title).toBe('jane@contoso.com is already on Microsoft 365 Business Premium');
      expect(assignCalls()).toBe(0);
    });

    it('refuses when the new plan has no free licence and leaves the old ones', async () => {
      h.sim.control.setSkuUnits(contosoTenant, 'O365_BUSINESS_ESSENTIALS', 0);
      const reply = expectKind(
        await h.run({ name: 'change-plan', upn: 'jane@contoso.com', planId: 'business-basic' }),
        'error',
      );
      expect(reply.message).toMatch(
        /^No licences left: Contoso Ltd has 0 of 0 Microsoft 365 Business Basic licences free/,
      );
      expect(licences()).toEqual([spb]);
    });

    it('refuses a user m365ops does not manage', async () => {
      const reply = expectKind(
        await h.run({ name: 'change-plan', upn: 'ed@contoso.com', planId: 'business-basic' }),
        'error',
      );
      expect(reply.message).toBe(
        'ed@contoso.com is not a service user of Contoso Ltd; it exists in the tenant but m365ops does not manage it; `add user ed@contoso.com plan <plan>` links it.',
      );
    });
  });

  describe('admin access', () => {
    const members = () => h.sim.control.listRoleMembers(contosoTenant, globalAdministratorTemplateId);

    it('grants admin access for an approver once confirmed', async () => {
      const confirm = expectKind(await h.run({ name: 'grant-admin', upn: 'jane@contoso.com' }, approver), 'confirm');
      expect(confirm.title).toBe('Make jane@contoso.com Global Administrator?');
      expect(members()).not.toContain(janeId);
      const reply = expectKind(await h.run(confirm.confirmCommand, approver), 'result');
      expect(reply.title).toBe('Gave jane@contoso.com admin access');
      expect(members()).toContain(janeId);
      expect((await h.store.serviceUsers.get('contoso', janeId))?.admin).toBe(true);
    });

    it('never lets helpdesk grant admin access itself: it becomes a request, which needs a duration', async () => {
      const reply = expectKind(await h.run({ name: 'grant-admin', upn: 'jane@contoso.com' }, helpdesk), 'error');
      expect(reply.code).toBe('needs-duration');
      expect(reply.message).toContain('up to 8h for Contoso');
      expect(members()).not.toContain(janeId);
    });

    it('asks before revoking, then revokes once confirmed, and again is a no-op', async () => {
      await h.run({ name: 'grant-admin', upn: 'jane@contoso.com', confirmed: true }, approver);
      const confirm = expectKind(await h.run({ name: 'revoke-admin', upn: 'jane@contoso.com' }), 'confirm');
      expect(confirm.title).toBe('Revoke admin access of jane@contoso.com?');
      expect(members()).toContain(janeId);
      const done = expectKind(await h.run(confirm.confirmCommand), 'result');
      expect(done.title).toBe('Revoked admin access of jane@contoso.com');
      expect(members()).not.toContain(janeId);
      const again = expectKind(await h.run(confirm.confirmCommand), 'result');
      expect(again.title).toBe('jane@contoso.com has no admin access');
    });
  });

  describe('remove user', () => {
    it('asks first, then removes the licences, blocks sign-in and frees the seat', async () => {
      const confirm = expectKind(
        await h.run({ name: 'remove-user', upn: 'jane@contoso.com', delete: false }),
        'confirm',
      );
      expect(licences()).toEqual([spb]);
      const reply = expectKind(await h.run(confirm.confirmCommand), 'result');
      expect(reply.title).toBe('Removed jane@contoso.com');
      expect(h.sim.control.getUser(contosoTenant, janeId)).toMatchObject({
        accountEnabled: false,
        assignedLicenses: [],
      });
      expect((await h.store.serviceUsers.get('contoso', janeId))?.status).toBe('removed');
      expect(await h.store.serviceUsers.countOnPlan('contoso', 'business-premium')).toBe(0);
    });

    it('also soft-deletes the user with delete', async () => {
      const reply = expectKind(
        await h.run({ name: 'remove-user', upn: 'jane@contoso.com', delete: true, confirmed: true }),
        'result',
      );
      expect(reply.title).toBe('Removed and deleted jane@contoso.com');
      expect(h.sim.control.listUsers(contosoTenant).map((u) => u.id)).not.toContain(janeId);
      expect(h.sim.control.listDeletedUsers(contosoTenant).map((u) => u.id)).toContain(janeId);
      expect((await h.store.serviceUsers.get('contoso', janeId))?.status).toBe('deleted');
      expect((await h.store.audit.list())[0]).toMatchObject({ action: 'delete-user', result: 'ok' });
    });
  });

  describe('remove user of an administrator', () => {
    it('records what was done when Microsoft refuses the deletion, and finishes once the app may delete admins', async () => {
      h.sim.control.grantRole(contosoTenant, janeId, 'Global Administrator');
      const refused = expectKind(
        await h.run({ name: 'remove-user', upn: 'jane@contoso.com', delete: true, confirmed: true }),
        'error',
      );
      expect(refused.code).toBe('admin-protected');
      expect(refused.message).toContain(
        'For jane@contoso.com, m365ops removed 1 licence and blocked sign-in, but the next step failed. Microsoft 365 refused to delete this user',
      );
      expect(refused.message).toContain('Privileged Authentication Administrator');
      expect(refused.message).toContain('`revoke admin`');
      expect(h.sim.control.getUser(contosoTenant, janeId)).toMatchObject({
        accountEnabled: false,
        assignedLicenses: [],
      });
      expect((await h.store.serviceUsers.get('contoso', janeId))?.status).toBe('removed');
      expect(await h.store.audit.list()).toContainEqual(
        expect.objectContaining({
          action: 'delete-user',
          result: 'failed',
          details: expect.objectContaining({ steps: ['removed 1 licence', 'blocked sign-in'] }),
        }),
      );

      h.sim.control.grantAppRole(contosoTenant, 'Privileged Authentication Administrator');
      const reply = expectKind(
        await h.run({ name: 'remove-user', upn: 'jane@contoso.com', delete: true, confirmed: true }),
        'result',
      );
      expect(reply.title).toBe('Removed and deleted jane@contoso.com');
      expect(h.sim.control.listDeletedUsers(contosoTenant).map((u) => u.id)).toContain(janeId);
    });

    it('says Microsoft protects admins when a password reset of one is refused', async () => {
      h.sim.control.grantRole(contosoTenant, janeId, 'Global Administrator');
      const refused = expectKind(
        await h.run({ name: 'reset-password', upn: 'jane@contoso.com', confirmed: true }, approver),
        'error',
      );
      expect(refused.code).toBe('admin-protected');
      expect(refused.message).toContain('Microsoft 365 refused to reset the password of this user');
    });
  });

  describe('views', () => {
    it('lists the users of a customer with their plans', async () => {
      const reply = expectKind(await h.run({ name: 'users', customerId: 'contoso' }), 'users');
      expect(reply.users).toEqual([
        expect.objectContaining({ upn: 'jane@contoso.com', planId: 'business-premium', status: 'active' }),
      ]);
      expect(reply.planNames['business-premium']).toBe('Microsoft 365 Business Premium');
    });

    it('shows plan usage against limits and free licences', async () => {
      const reply = expectKind(await h.run({ name: 'status', customerId: 'contoso' }), 'status');
      expect(reply.customers[0]?.plans).toContainEqual({
        planId: 'business-premium',
        name: 'Microsoft 365 Business Premium',
        used: 1,
        limit: 3,
        freeLicences: 3,
      });
      expect(reply.customers[0]).toMatchObject({ users: 1, openDiscrepancies: 0, consent: 'granted, unverified' });
    });

    it('says when the last sync ran, in the words chat uses for times', async () => {
      await h.store.syncState.put('contoso', {
        lastRun: {
          runId: 'r1',
          startedAt: new Date('2026-11-24T08:30:00Z'),
          finishedAt: new Date('2026-11-24T08:31:10Z'),
          outcome: 'ok',
        },
      });
      const reply = expectKind(await h.run({ name: 'status', customerId: 'contoso' }), 'status');
      expect(reply.customers[0]?.lastSync).toBe('2026-11-24 08:31 UTC (ok)');
    });

    it('lists the plans of a customer with free licences', async () => {
      const reply = expectKind(await h.run({ name: 'plans', customerId: 'contoso' }), 'plans');
      expect(reply.plans.find((p) => p.id === 'business-basic')).toMatchObject({ freeLicences: 5, used: 0 });
    });
  });

  describe('verify consent', () => {
    it('proves consent with a token and records it', async () => {
      const reply = expectKind(await h.run({ name: 'verify-consent', customerId: 'contoso' }), 'result');
      expect(reply.title).toBe('Contoso Ltd has granted consent');
      expect((await h.store.customers.get('contoso'))?.consent).toMatchObject({
        status: 'granted',
        tenantId: contosoTenant,
      });
      expect((await h.store.customers.get('contoso'))?.consent.verifiedAt).toBeInstanceOf(Date);
    });

    it('explains what is missing when the tenant never consented', async () => {
      h.sim.control.revokeConsent(contosoTenant);
      const reply = expectKind(await h.run({ name: 'verify-consent', customerId: 'contoso' }), 'error');
      expect(reply.message).toMatch(
        /^Contoso Ltd's consent is missing: .+ Send its administrator a new link with `consent link contoso`\.$/,
      );
    });
  });

  describe('forms', () => {
    it('offers the customer plans with free licences, verified domains and usage locations', async () => {
      const form = expectKind(await h.run({ name: 'add-user-form', customerId: 'contoso' }), 'form');
      expect(form.choices.planId).toContainEqual({
        value: 'business-premium',
        title: 'Microsoft 365 Business Premium — 3 free',
      });
      expect(form.choices.domain?.map((c) => c.value)).toEqual(['contoso.com', 'contoso.onmicrosoft.com']);
      expect(form.choices.usageLocation?.[0]?.value).toBe('GB');
      expect(form.info).toContain('Microsoft 365 Business Premium: 3 licences free, 1 of 3 allowed users');
    });

    it('returns the form with errors per field and the values kept', async () => {
      const values = {
        customerId: 'contoso',
        userName: '',
        domain: 'contoso.com',
        planId: 'business-premium',
        usageLocation: 'ZZ',
      };
      const form = expectKind(await h.run({ name: 'submit-form', form: 'add-user', values }), 'form');
      expect(form.errors).toEqual({
        userName: 'Enter the user name, the part of the address before @.',
        usageLocation: '"ZZ" is not a country code; use two letters such as GB, US, DE.',
      });
      expect(form.values).toMatchObject(values);
    });

    it('puts a refusal next to the field it concerns', async () => {
      h.sim.control.setSkuUnits(contosoTenant, 'SPB', 2);
      const values = {
        customerId: 'contoso',
        userName: 'kai',
        domain: 'contoso.com',
        planId: 'business-premium',
        usageLocation: 'GB',
      };
      const form = expectKind(await h.run({ name: 'submit-form', form: 'add-user', values }), 'form');
      expect(form.errors.planId).toMatch(/^No licences left: Contoso Ltd has 0 of 2/);
    });

    it('runs add user from a complete form', async () => {
      const values = {
        customerId: 'contoso',
        givenName: 'Kai',
        surname: 'Lee',
        userName: 'kai',
        domain: 'contoso.com',
        planId: 'business-basic',
        usageLocation: 'DE',
        admin: false,
        aliases: '',
      };
      const reply = expectKind(await h.run({ name: 'submit-form', form: 'add-user', values }), 'result');
      expect(reply.title).toBe('Added kai@contoso.com to Contoso Ltd');
      expect(h.sim.control.getUser(contosoTenant, 'kai@contoso.com')).toMatchObject({
        displayName: 'Kai Lee',
        usageLocation: 'DE',
      });
    });
  });
});
