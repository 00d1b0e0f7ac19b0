import type { Command } from '../../core/request';
import { createTemporaryPassword } from '../../core/temporary-password';
import { globalAdministratorTemplateId } from '../../m365/tenant-roles';
import { findCatalogSku } from '../../sim/state/sku-catalog';
import { approver, expectKind, operator, stranger } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness } from './sim-harness';

describeWithSimulator('add user against the simulator', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startSimHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const spb = findCatalogSku('SPB')?.skuId as string;

  function addUser(
    upn: string,
    extra: Partial<Extract<Command, { name: 'add-user' }>> = {},
  ): Extract<Command, { name: 'add-user' }> {
    return {
      name: 'add-user',
      upn,
      planId: 'business-premium',
      usageLocation: 'GB',
      admin: false,
      aliases: [],
      ...extra,
    };
  }

  function tenantUsers(): string[] {
    return h.sim.control.listUsers(contosoTenant).map((user) => user.userPrincipalName.toLowerCase());
  }

  describe('add user', () => {
    it('creates the user with the plan licences and usage location, and shows the password once', async () => {
      const reply = expectKind(await h.run(addUser('jane.doe@contoso.com')), 'result');
      expect(reply.title).toBe('Added jane.doe@contoso.com to Contoso Ltd');
      expect(reply.secret?.label).toBe('Temporary password for jane.doe@contoso.com');
      const user = h.sim.control.getUser(contosoTenant, 'jane.doe@contoso.com');
      expect(user).toMatchObject({ displayName: 'Jane Doe', usageLocation: 'GB', accountEnabled: true });
      expect(user?.assignedLicenses.map((licence) => licence.skuId)).toEqual([spb]);
      expect(await h.store.serviceUsers.findByUpn('contoso', 'jane.doe@contoso.com')).toMatchObject({
        objectId: user?.id,
        planId: 'business-premium',
        status: 'active',
        admin: false,
        usageLocation: 'GB',
      });
      const [audit] = await h.store.audit.list({ customerId: 'contoso' });
      expect(audit).toMatchObject({
        action: 'add-user',
        result: 'ok',
        target: 'jane.doe@contoso.com',
        actor: 'teams:helpdesk-1',
      });
    });

    it('never stores, audits or replays the temporary password', async () => {
      const reply = expectKind(await h.run(addUser('jane@contoso.com'), undefined, 'activity-1'), 'result');
      const password = reply.secret?.value as string;
      const stored = JSON.stringify([
        await h.store.audit.list(),
        await h.store.operations.get('add-user:request:activity-1'),
      ]);
      expect(stored).not.toContain(password);
      const again = expectKind(await h.run(addUser('jane@contoso.com'), undefined, 'activity-1'), 'result');
      expect(again.secret).toBeUndefined();
      expect(JSON.stringify(again)).not.toContain(password);
    });

    it('makes temporary passwords of 16 characters with all four character classes', () => {
      for (let i = 0; i < 200; i++) {
        const password = createTemporaryPassword();
        expect(password).toHaveLength(16);
        expect(password).toMatch(/[A-Z]/);
        expect(password).toMatch(/[a-z]/);
        expect(password).toMatch(/[0-9]/);
        expect(password).toMatch(/[^A-Za-z0-9]/);
      }
    });

    it('links an existing tenant user with the same UPN instead of creating one, and says so', async () => {
      const before = tenantUsers().length;
      const reply = expectKind(await h.run(addUser('ed@contoso.com')), 'result');
      expect(reply.title).toBe('Linked ed@contoso.com to Contoso Ltd');
      expect(reply.notes?.slice(0, 2)).toEqual([
        'ed@contoso.com already existed in the tenant, so m365ops linked that user instead of creating another.',
        'Left alone: admin role not given.',
      ]);
      expect(reply.facts).toContainEqual({ label: 'Found in the tenant', value: 'exists, enabled, not admin' });
      expect(reply.secret).toBeUndefined();
      expect(tenantUsers()).toHaveLength(before);
      expect(h.sim.control.getUser(contosoTenant, 'ed@contoso.com')?.assignedLicenses.map((l) => l.skuId)).toEqual([
        spb,
      ]);
    });

    it('falls back to the onmicrosoft.com domain when the domain is not verified, and moves the user once it is', async () => {
      const first = expectKind(await h.run(addUser('kim@contoso.org')), 'result');
      expect(first.title).toBe('Added kim@contoso.onmicrosoft.com to Contoso Ltd');
      expect(first.notes).toContain(
        'contoso.org is not verified in the tenant yet, so the user was created as kim@contoso.onmicrosoft.com; run the same `add user kim@contoso.org …` again once it is verified to move them.',
      );
      const created = h.sim.control.getUser(contosoTenant, 'kim@contoso.onmicrosoft.com');
      expect(await h.store.serviceUsers.get('contoso', created?.id as string)).toMatchObject({
        upn: 'kim@contoso.onmicrosoft.com',
        intendedUpn: 'kim@contoso.org',
      });

      h.sim.control.setDomainVerified(contosoTenant, 'contoso.org', true);
      h.advance(5 * 60_000); // past the domain cache
      const second = expectKind(await h.run(addUser('kim@contoso.org')), 'result');
      expect(second.notes).toContain(
        'Moved kim@contoso.onmicrosoft.com to kim@contoso.org, now that contoso.org is verified.',
      );
      expect(h.sim.control.getUser(contosoTenant, created?.id as string)?.userPrincipalName).toBe('kim@contoso.org');
      const record = await h.store.serviceUsers.get('contoso', created?.id as string);
      expect(record?.upn).toBe('kim@contoso.org');
      expect(record?.intendedUpn).toBeUndefined();
      expect(tenantUsers().filter((upn) => upn.startsWith('kim@'))).toEqual(['kim@contoso.org']);
    });

    it('lists the customer plans when the plan is unknown', async () => {
      const reply = expectKind(await h.run(addUser('jane@contoso.com', { planId: 'premium' })), 'error');
      expect(reply.message).toBe(
        'There is no plan "premium" for Contoso Ltd; its plans are business-basic, business-premium, exchange.',
      );
      expect(tenantUsers()).not.toContain('jane@contoso.com');
    });

    it('refuses a plan over its limit', async () => {
      for (const name of ['a1', 'a2', 'a3']) expectKind(await h.run(addUser(`${name}@contoso.com`)), 'result');
      const reply = expectKind(await h.run(addUser('a4@contoso.com')), 'error');
      expect(reply.message).toBe(
        'Contoso Ltd may have at most 3 users on Microsoft 365 Business Premium and has 3; remove one, or ask an m365ops admin to raise the limit (`customer contoso plan business-premium limit 4`).',
      );
      expect(tenantUsers()).not.toContain('a4@contoso.com');
      expect((await h.store.audit.list())[0]).toMatchObject({
        action: 'add-user',
        result: 'refused',
        target: 'a4@contoso.com',
      });
    });

    it('refuses when the tenant has no free licence, offering plans that have some', async () => {
      h.sim.control.setSkuUnits(contosoTenant, 'SPB', 1);
      const reply = expectKind(await h.run(addUser('jane@contoso.com')), 'error');
      expect(reply.message).toBe(
        'No licences left: Contoso Ltd has 0 of 1 Microsoft 365 Business Premium licences free; buy more in the tenant or choose another plan: business-basic (5 free), exchange (5 free).',
      );
      expect(tenantUsers()).not.toContain('jane@contoso.com');
      expect(await h.store.serviceUsers.findByUpn('contoso', 'jane@contoso.com')).toBeNull();
    });

    it('refuses a usage location that is not a country code, saying what is allowed', async () => {
      const reply = expectKind(await h.run(addUser('jane@contoso.com', { usageLocation: 'XX' })), 'error');
      expect(reply.message).toBe(
        '"XX" is not a usage location; use a two-letter country code (ISO 3166) such as GB, US, DE.',
      );
      expect(tenantUsers()).not.toContain('jane@contoso.com');
    });

    it('refuses a UPN with characters Entra does not allow', async () => {
      const reply = expectKind(await h.run(addUser('jané doe@contoso.com')), 'error');
      expect(reply.message).toMatch(/^"jané doe@contoso.com" is not a valid user name; write it as name@domain/);
    });

    it('refuses a domain no customer has, listing the customers', async () => {
      const reply = expectKind(await h.run(addUser('jane@tailspin.com')), 'error');
      expect(reply.message).toBe(
        "No customer's tenant has the domain tailspin.com; use a domain of the customer's tenant, or add `customer <id>` (customers: contoso, fabrikam).",
      );
    });

    it('finds the customer from the UPN domain', async () => {
      const reply = expectKind(await h.run(addUser('lee@fabrikam.com', { planId: 'business-basic' })), 'result');
      expect(reply.customerId).toBe('fabrikam');
    });

    it('links a disabled user as found: sign-in stays blocked, no admin role, no password', async () => {
      const blocked = h.sim.control.addUser(contosoTenant, {
        userPrincipalName: 'scanner@contoso.onmicrosoft.com',
        displayName: 'Scan to Email',
        accountEnabled: false,
      });
      const reply = expectKind(await h.run(addUser('scanner@contoso.onmicrosoft.com')), 'result');
      expect(reply.title).toBe('Linked scanner@contoso.onmicrosoft.com to Contoso Ltd');
      expect(reply.facts).toContainEqual({ label: 'Found in the tenant', value: 'exists, disabled, not admin' });
      expect(reply.notes).toContain('Left alone: sign-in left blocked; admin role not given.');
      expect(reply.secret).toBeUndefined();
      expect(h.sim.control.getUser(contosoTenant, blocked.id)?.accountEnabled).toBe(false);
      expect(h.sim.control.listRoleMembers(contosoTenant, globalAdministratorTemplateId)).not.toContain(blocked.id);
      const [audit] = await h.store.audit.list({ customerId: 'contoso' });
      expect(audit?.details).toMatchObject({ linked: true, created: false, found: { enabled: false, admin: false } });
    });

    it('gives a linked disabled user the admin role an approver asks for, and still leaves its sign-in blocked', async () => {
      const blocked = h.sim.control.addUser(contosoTenant, {
        userPrincipalName: 'scanner@contoso.onmicrosoft.com',
        displayName: 'Scan to Email',
        accountEnabled: false,
      });
      const reply = expectKind(
        await h.run(addUser('scanner@contoso.onmicrosoft.com', { admin: true, confirmed: true }), approver),
        'result',
      );
      expect(reply.notes).toContain('Left alone: sign-in left blocked.');
      expect(reply.facts).toContainEqual({ label: 'Admin access', value: 'yes' });
      expect(h.sim.control.getUser(contosoTenant, blocked.id)?.accountEnabled).toBe(false);
      expect(h.sim.control.listRoleMembers(contosoTenant, globalAdministratorTemplateId)).toContain(blocked.id);
    });

    it('makes helpdesk asking for admin a request, and changes nothing in the tenant (here no channel takes it)', async () => {
      h.sim.control.resetRequestCounts();
      const reply = expectKind(await h.run(addUser('ada@contoso.com', { admin: true })), 'error');
      expect(reply.code).toBe('no-channel');
      expect(reply.message).toContain('Nothing was asked.');
      // Only reads (the tenant's domains, to know the customer) reach the tenant.
      const writes = Object.keys(h.sim.control.requestCounts()).filter(
        (route) => !route.startsWith('GET ') && !route.includes('token'),
      );
      expect(writes).toEqual([]);
      expect(tenantUsers()).not.toContain('ada@contoso.com');
    });

    it('asks an approver first, naming the role, and touches nothing in the tenant until confirmed', async () => {
      const reply = expectKind(await h.run(addUser('ada@contoso.com', { admin: true }), approver), 'confirm');
      expect(reply.title).toBe('Add ada@contoso.com as Global Administrator?');
      expect(reply.confirmLabel).toBe('Add as Global Administrator');
      expect(reply.confirmCommand).toMatchObject({
        name: 'submit-form',
        form: 'add-user',
        confirmed: true,
        values: { customerId: 'contoso', userName: 'ada', domain: 'contoso.com', admin: true },
      });
      expect(tenantUsers()).not.toContain('ada@contoso.com');
      expectKind(await h.run(reply.confirmCommand, approver), 'result');
      const user = h.sim.control.getUser(contosoTenant, 'ada@contoso.com');
      expect(h.sim.control.listRoleMembers(contosoTenant, globalAdministratorTemplateId)).toContain(user?.id);
    });

    it('gives the admin role when an approver asks and confirms', async () => {
      const reply = expectKind(
        await h.run(addUser('ada@contoso.com', { admin: true, confirmed: true }), approver),
        'result',
      );
      const user = h.sim.control.getUser(contosoTenant, 'ada@contoso.com');
      expect(h.sim.control.listRoleMembers(contosoTenant, globalAdministratorTemplateId)).toContain(user?.id);
      expect(reply.facts).toContainEqual({ label: 'Admin access', value: 'yes' });
      expect((await h.store.serviceUsers.get('contoso', user?.id as string))?.admin).toBe(true);
    });

    it('refuses people without a role, naming the role, and audits the refusal', async () => {
      const reply = expectKind(await h.run(addUser('jane@contoso.com'), stranger), 'error');
      expect(reply.message).toBe(
        'Adding users needs the helpdesk role; ask an m365ops admin to run `access helpdesk add teams:stranger-1`.',
      );
      expect(tenantUsers()).not.toContain('jane@contoso.com');
      expect((await h.store.audit.list())[0]).toMatchObject({ result: 'refused', actor: 'teams:stranger-1' });
    });

    it('answers a repeated request with its first answer and does nothing twice', async () => {
      await h.run(addUser('jane@contoso.com'), operator, 'cli-1');
      const again = expectKind(await h.run(addUser('jane@contoso.com'), operator, 'cli-1'), 'result');
      expect(again.notes).toContain(
        'This request was already done; this is its first answer again (a temporary password is only ever shown once).',
      );
      expect(tenantUsers().filter((upn) => upn === 'jane@contoso.com')).toHaveLength(1);
      expect((await h.store.audit.list()).filter((a) => a.action === 'add-user')).toHaveLength(1);
    });

    it('makes no second user or licence change when the same user is added again', async () => {
      await h.run(addUser('jane@contoso.com'));
      h.sim.control.resetRequestCounts();
      const again = expectKind(await h.run(addUser('jane@contoso.com')), 'result');
      expect(again.title).toBe('jane@contoso.com is on Microsoft 365 Business Premium at Contoso Ltd');
      const writes = Object.entries(h.sim.control.requestCounts()).filter(([route]) =>
        /^(POST|PATCH|DELETE)/.test(route),
      );
      expect(writes).toEqual([]);
      expect(tenantUsers().filter((upn) => upn === 'jane@contoso.com')).toHaveLength(1);
    });

    it('finishes a run that died after creating the user, with a new password', async () => {
      // The first run got as far as creating the user (its record says so) and died before licensing it.
      await h.store.operations.begin({
        key: 'add-user:request:cli-9',
        type: 'add-user',
        customerId: 'contoso',
        requestedBy: 'cli:operator',
      });
      const half = h.sim.control.addUser(contosoTenant, {
        userPrincipalName: 'jane@contoso.com',
        displayName: 'Jane',
        usageLocation: 'GB',
      });
      await h.store.operations.recordStep('add-user:request:cli-9', 'created', {
        objectId: half.id,
        upn: 'jane@contoso.com',
      });

      const reply = expectKind(await h.run(addUser('jane@contoso.com'), operator, 'cli-9'), 'result');
      expect(reply.title).toBe('Added jane@contoso.com to Contoso Ltd');
      expect(reply.secret?.value).toHaveLength(16);
      expect(tenantUsers().filter((upn) => upn === 'jane@contoso.com')).toHaveLength(1);
      expect(h.sim.control.getUser(contosoTenant, half.id)?.assignedLicenses.map((l) => l.skuId)).toEqual([spb]);
      expect((await h.store.operations.get('add-user:request:cli-9'))?.state).toBe('done');
    });

    it('knows a user created by a request that died before recording it as its own, when asked again anew', async () => {
      // The first request recorded its intent and Microsoft created the user; then it died (no step, no record).
      await h.store.creationIntents.record({
        customerId: 'contoso',
        upn: 'jane@contoso.com',
        operationKey: 'add-user:request:teams-1',
        requestedBy: 'teams:helpdesk-1',
      });
      const half = h.sim.control.addUser(contosoTenant, {
        userPrincipalName: 'jane@contoso.com',
        displayName: 'Jane',
        usageLocation: 'GB',
        licenses: ['SPB'],
      });

      const reply = expectKind(await h.run(addUser('jane@contoso.com'), undefined, 'teams-2'), 'result');
      expect(reply.title).toBe('Added jane@contoso.com to Contoso Ltd');
      expect(reply.secret?.value).toHaveLength(16);
      expect(tenantUsers().filter((upn) => upn === 'jane@contoso.com')).toHaveLength(1);
      const [audit] = await h.store.audit.list({ customerId: 'contoso' });
      expect(audit?.details).toMatchObject({
        objectId: half.id,
        linked: false,
        created: true,
        resumedOperation: 'add-user:request:teams-1',
      });
      expect(await h.store.creationIntents.find('contoso', 'jane@contoso.com')).toBeNull();
    });
  });

  describe('aliases', () => {
    it('applies aliases as SMTP:primary;smtp:alias when the mailbox exists', async () => {
      h.sim.control.addUser(contosoTenant, {
        userPrincipalName: 'max@contoso.com',
        usageLocation: 'GB',
        licenses: ['SPB'],
      });
      h.sim.control.makeMailboxReady(contosoTenant, 'max@contoso.com');
      const reply = expectKind(await h.run(addUser('max@contoso.com', { aliases: ['m.power@contoso.com'] })), 'result');
      expect(reply.facts).toContainEqual({ label: 'Aliases', value: 'm.power@contoso.com' });
      expect(h.sim.control.getUser(contosoTenant, 'max@contoso.com')?.proxyAddresses).toEqual(
        expect.arrayContaining(['SMTP:max@contoso.com', 'smtp:m.power@contoso.com']),
      );
    });

    it('queues aliases until the mailbox exists, then applies them and reports it', async () => {
      const reply = expectKind(await h.run(addUser('jane@contoso.com', { aliases: ['j.doe@contoso.com'] })), 'result');
      expect(reply.facts).toContainEqual({ label: 'Aliases', value: 'j.doe@contoso.com (waiting for the mailbox)' });
      expect(reply.progress?.steps.map((step) => step.icon)).toEqual(['✅', '⏳']);
      expect(reply.progress?.summary).not.toMatch(/^Done/);
      const [job] = await h.store.jobs.list({ type: 'mailbox-aliases' });
      expect(job).toMatchObject({ status: 'pending' });
      expect(job?.deadline?.getTime()).toBe(h.clock.now().getTime() + 24 * 60 * 60 * 1000);

      const { createJobHandlers } = await import('../../handlers/index');
      const { createJobRunner } = await import('../../jobs/job-runner');
      const runner = createJobRunner({
        store: h.store,
        logger: h.deps.logger,
        clock: h.clock,
        owner: 't',
        handlers: createJobHandlers(h.deps),
      });
      h.advance(2 * 60_000);
      await runner.runDue();
      expect((await h.store.jobs.get(job!.id))?.status).toBe('pending');

      h.sim.control.makeMailboxReady(contosoTenant, 'jane@contoso.com');
      h.advance(24 * 60 * 60_000 - 10 * 60_000);
      await runner.runDue();
      expect((await h.store.jobs.get(job!.id))?.status).toBe('done');
      const operation = await h.store.trackedOperations.get(reply.progress!.operationId);
      expect(operation?.steps.map((step) => step.state)).toEqual(['done', 'done']);
      expect(h.sim.control.getUser(contosoTenant, 'jane@contoso.com')?.proxyAddresses).toContain(
        'smtp:j.doe@contoso.com',
      );
      expect((await h.store.audit.list())[0]).toMatchObject({
        action: 'set-aliases',
        result: 'ok',
        target: 'jane@contoso.com',
      });
    });

    it('refuses an alias on a domain the tenant has not verified', async () => {
      const reply = expectKind(await h.run(addUser('jane@contoso.com', { aliases: ['jane@contoso.org'] })), 'error');
      expect(reply.message).toBe(
        'The alias jane@contoso.org is not on a verified domain of the tenant; use one of contoso.com, contoso.onmicrosoft.com.',
      );
      expect(tenantUsers()).not.toContain('jane@contoso.com');
    });
  });
});
