/** Contract: plans, customers, access grants, settings, notification bindings and sync state. */
import type { Customer } from '../../../store/types';
import { type ContractContext, codeOf, inParallel } from './harness';

export function newCustomer(id: string, changes: Partial<Customer> = {}): Omit<Customer, 'createdAt' | 'updatedAt'> {
  return {
    id,
    name: `${id} Ltd`,
    plans: [{ planId: 'business-premium', limit: 25 }],
    syncPolicy: { autoApprove: [] },
    consent: { status: 'none' },
    ...changes,
  };
}

export function describeConfigRecordsContract(context: ContractContext): void {
  describe('plans', () => {
    it('creates a plan and reads it back with dates', async () => {
      const created = await context.store.plans.create({
        id: 'business-premium',
        name: 'Business Premium',
        skus: ['SPB'],
        disabledPlans: { SPB: ['YAMMER_ENTERPRISE'] },
      });
      const read = await context.store.plans.get('business-premium');
      expect(read).toEqual(created);
      expect(read?.createdAt).toBeInstanceOf(Date);
      expect(read?.createdAt.toISOString()).toBe(context.clock.now().toISOString());
    });

    it('refuses a second plan with the same id as a duplicate', async () => {
      await context.store.plans.create({
        id: 'basic',
        name: 'Basic',
        skus: ['O365_BUSINESS_ESSENTIALS'],
        disabledPlans: {},
      });
      const second = context.store.plans.create({ id: 'basic', name: 'Other', skus: [], disabledPlans: {} });
      expect(await codeOf(second)).toBe('duplicate');
    });

    it('upserts a plan, replacing its fields and keeping createdAt', async () => {
      const first = await context.store.plans.upsert({ id: 'basic', name: 'Basic', skus: ['A'], disabledPlans: {} });
      context.clock.advance(60_000);
      const second = await context.store.plans.upsert({ id: 'basic', name: 'Basic 2', skus: ['B'], disabledPlans: {} });
      expect(second.createdAt).toEqual(first.createdAt);
      expect(second.updatedAt.getTime()).toBe(first.updatedAt.getTime() + 60_000);
      expect(await context.store.plans.get('basic')).toEqual(second);
    });

    it('lists plans by id and returns null for an unknown one', async () => {
      for (const id of ['c', 'a', 'b']) await context.store.plans.create({ id, name: id, skus: [], disabledPlans: {} });
      expect((await context.store.plans.list()).map((plan) => plan.id)).toEqual(['a', 'b', 'c']);
      expect(await context.store.plans.get('missing')).toBeNull();
    });

    it('keeps and returns every template field of a plan', async () => {
      const template = {
        id: 'business-premium',
        name: 'Business Premium',
        skus: ['SPB'],
        disabledPlans: { SPB: ['YAMMER_ENTERPRISE'] },
        groups: ['Sales', 'All Staff'],
        usernameFormat: 'first.last' as const,
        domain: 'contoso.com',
        usageLocation: 'GB',
        sharedMailboxes: [{ mailbox: 'sales.team@contoso.com', access: ['FullAccess' as const, 'SendAs' as const] }],
      };
      const created = await context.store.plans.create(template);
      expect(created).toMatchObject(template);
      expect(await context.store.plans.get('business-premium')).toEqual(created);
      const upserted = await context.store.plans.upsert({ ...template, groups: ['Finance'] });
      expect((await context.store.plans.get('business-premium'))?.groups).toEqual(['Finance']);
      expect(upserted.sharedMailboxes).toEqual(template.sharedMailboxes);
    });

    it('updates template fields in place, removing one given as undefined, and bumps updatedAt', async () => {
      const first = await context.store.plans.create({
        id: 'basic',
        name: 'Basic',
        skus: ['O365_BUSINESS_ESSENTIALS'],
        disabledPlans: {},
        groups: ['Sales'],
        domain: 'contoso.com',
      });
      context.clock.advance(60_000);
      const updated = await context.store.plans.update('basic', {
        usernameFormat: 'f.last',
        domain: undefined,
        sharedMailboxes: [{ mailbox: 'info@contoso.com', access: ['SendAs'] }],
      });
      const { domain: _removed, ...kept } = first;
      expect(updated).toEqual({
        ...kept,
        usernameFormat: 'f.last',
        sharedMailboxes: [{ mailbox: 'info@contoso.com', access: ['SendAs'] }],
        updatedAt: new Date(first.updatedAt.getTime() + 60_000),
      });
      expect(await context.store.plans.get('basic')).toEqual(updated);
      expect(Object.keys(updated)).not.toContain('domain');
      expect(await codeOf(context.store.plans.update('missing', { groups: [] }))).toBe('not-found');
    });

    it('hands out copies that do not change the stored plan', async () => {
      const created = await context.store.plans.create({ id: 'p', name: 'P', skus: ['SPB'], disabledPlans: {} });
      created.skus.push('CHANGED');
      const read = await context.store.plans.get('p');
      read!.skus.push('CHANGED');
      expect((await context.store.plans.get('p'))?.skus).toEqual(['SPB']);
    });
  });

  describe('customers', () => {
    it('creates, finds by tenant id and lists customers', async () => {
      await context.store.customers.create(
        newCustomer('fabrikam', { tenantId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }),
      );
      await context.store.customers.create(newCustomer('contoso'));
      const found = await context.store.customers.findByTenantId('7c9e6679-7425-40de-944b-e07fc1f90ae7');
      expect(found?.id).toBe('fabrikam');
      expect(await context.store.customers.findByTenantId('00000000-0000-0000-0000-000000000000')).toBeNull();
      expect((await context.store.customers.list()).map((c) => c.id)).toEqual(['contoso', 'fabrikam']);
    });

    it("keeps a customer's own domain for a plan's derived UPNs", async () => {
      const plans = [{ planId: 'business-premium', limit: 25, domain: 'fabrikam.com' }, { planId: 'basic' }];
      await context.store.customers.create(newCustomer('fabrikam', { plans }));
      expect((await context.store.customers.get('fabrikam'))?.plans).toEqual(plans);
      const changed = [{ planId: 'business-premium', domain: 'fabrikam.co.uk' }];
      expect((await context.store.customers.update('fabrikam', { plans: changed })).plans).toEqual(changed);
      expect((await context.store.customers.get('fabrikam'))?.plans).toEqual(changed);
    });

    it('refuses a second customer with the same id as a duplicate', async () => {
      await context.store.customers.create(newCustomer('contoso'));
      expect(await codeOf(context.store.customers.create(newCustomer('contoso')))).toBe('duplicate');
    });

    it('updates top-level fields, removes fields set to undefined and bumps updatedAt', async () => {
      const created = await context.store.customers.create(newCustomer('contoso', { adminRole: 'User Administrator' }));
      context.clock.advance(1000);
      const updated = await context.store.customers.update('contoso', {
        consent: { status: 'granted', tenantId: '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60', at: context.clock.now() },
        adminRole: undefined,
      });
      expect(updated.consent.status).toBe('granted');
      expect(updated.consent.at).toBeInstanceOf(Date);
      expect('adminRole' in updated).toBe(false);
      expect(updated.name).toBe('contoso Ltd');
      expect(updated.updatedAt.getTime()).toBe(created.updatedAt.getTime() + 1000);
      expect(await context.store.customers.get('contoso')).toEqual(updated);
    });

    it('reports not-found when updating an unknown customer', async () => {
      expect(await codeOf(context.store.customers.update('nobody', { name: 'x' }))).toBe('not-found');
    });
  });

  describe('access', () => {
    it('grants roles idempotently and lists the roles of an identity', async () => {
      const first = await context.store.access.grant('teams:aad-1', 'helpdesk', 'cli:setup');
      context.clock.advance(1000);
      const again = await context.store.access.grant('teams:aad-1', 'helpdesk', 'cli:other');
      await context.store.access.grant('teams:aad-1', 'approver', 'cli:setup');
      expect(again).toEqual(first);
      expect((await context.store.access.rolesOf('teams:aad-1')).sort()).toEqual(['approver', 'helpdesk']);
      expect(await context.store.access.rolesOf('slack:U1')).toEqual([]);
      expect(await context.store.access.list()).toHaveLength(2);
    });

    it('revokes a role and says whether the identity had it', async () => {
      await context.store.access.grant('slack:U1', 'admin', 'cli:setup');
      expect(await context.store.access.revoke('slack:U1', 'admin')).toBe(true);
      expect(await context.store.access.revoke('slack:U1', 'admin')).toBe(false);
      expect(await context.store.access.rolesOf('slack:U1')).toEqual([]);
    });

    it('keeps one grant when the same role is granted 20 times at once', async () => {
      await inParallel(20, () => context.store.access.grant('slack:U2', 'helpdesk', 'cli:setup'));
      expect(await context.store.access.list()).toHaveLength(1);
    });
  });

  describe('settings', () => {
    it('sets a value only when absent and overwrites with set', async () => {
      expect(await context.store.settings.get('bot.secret')).toBeNull();
      expect(await context.store.settings.setIfAbsent('bot.secret', 'first')).toBe('first');
      expect(await context.store.settings.setIfAbsent('bot.secret', 'second')).toBe('first');
      await context.store.settings.set('bot.secret', 'third');
      expect(await context.store.settings.get('bot.secret')).toBe('third');
    });

    it('lets exactly one of 50 concurrent setIfAbsent calls win', async () => {
      const results = await inParallel(50, (i) => context.store.settings.setIfAbsent('once', `value-${i}`));
      expect(new Set(results).size).toBe(1);
      expect(await context.store.settings.get('once')).toBe(results[0]);
    });
  });

  describe('bindings', () => {
    it('binds a customer to a channel, moves it on a second bind and finds it by channel', async () => {
      const binding = {
        customerId: 'contoso',
        platform: 'slack' as const,
        channelKey: 'C001',
        channelName: '#helpdesk',
        reference: { channel: 'C001' },
        boundBy: 'slack:U1',
      };
      await context.store.bindings.bind(binding);
      const moved = await context.store.bindings.bind({
        ...binding,
        platform: 'teams',
        channelKey: '19:abc@thread.tacv2',
      });
      expect(await context.store.bindings.get('contoso')).toEqual(moved);
      expect(await context.store.bindings.findByChannel('slack', 'C001')).toBeNull();
      expect((await context.store.bindings.findByChannel('teams', '19:abc@thread.tacv2'))?.customerId).toBe('contoso');
      expect(await context.store.bindings.list()).toHaveLength(1);
    });
  });

  describe('sync state', () => {
    it('merges top-level fields into the sync state of a customer', async () => {
      expect(await context.store.syncState.get('contoso')).toBeNull();
      const startedAt = context.clock.now();
      await context.store.syncState.put('contoso', { lastRun: { runId: 'r1', startedAt, outcome: 'running' } });
      const merged = await context.store.syncState.put('contoso', { deltaLink: 'https://graph/delta?token=1' });
      expect(merged).toEqual({
        customerId: 'contoso',
        deltaLink: 'https://graph/delta?token=1',
        lastRun: { runId: 'r1', startedAt, outcome: 'running' },
      });
      expect(await context.store.syncState.get('contoso')).toEqual(merged);
    });
  });
}
