/** Contract: everything written is still there, with the same values and types, after closing and reopening. */
import { newCustomer } from './config-records.contract';
import type { ContractContext } from './harness';
import { newServiceUser } from './service-users.contract';

export function describePersistenceContract(context: ContractContext): void {
  describe('persistence across a restart', () => {
    it('keeps every kind of record, dates as Date objects', async () => {
      const store = context.store;
      const plan = await store.plans.create({ id: 'bp', name: 'BP', skus: ['SPB'], disabledPlans: {} });
      const customer = await store.customers.create(
        newCustomer('contoso', { consent: { status: 'granted', at: context.clock.now() } }),
      );
      const grant = await store.access.grant('slack:U1', 'admin', 'cli:setup');
      const user = await store.serviceUsers.create(newServiceUser('oid-1', 'a@contoso.com'));
      const { discrepancy } = await store.discrepancies.upsertOpen({
        customerId: 'contoso',
        objectId: 'oid-1',
        upn: 'a@contoso.com',
        kind: 'plan-changed',
        expected: { planId: 'bp', when: context.clock.now() },
        actual: { skus: ['X'] },
        runId: 'r1',
      });
      const audit = await store.audit.append({ actor: 'sync', where: 'sync', action: 'sync', result: 'ok' });
      const binding = await store.bindings.bind({
        customerId: 'contoso',
        platform: 'teams',
        channelKey: '19:x',
        reference: { serviceUrl: 'http://127.0.0.1/' },
        boundBy: 'teams:aad-1',
      });
      const { job } = await store.jobs.enqueue({
        type: 'aliases',
        payload: {},
        runAt: context.clock.now(),
        uniqueKey: 'k',
      });
      const lease = await store.leases.acquire('sync', 'node-a', 60_000);
      const syncState = await store.syncState.put('contoso', { lastFullSyncAt: context.clock.now() });
      await store.operations.begin({ key: 'op', type: 'addUser', customerId: 'contoso', requestedBy: 'slack:U1' });
      const operation = await store.operations.recordStep('op', 'createUser', { objectId: 'oid-1' });
      await store.settings.set('secret', 'value');

      const reopened = await context.restart();
      expect(await reopened.plans.get('bp')).toEqual(plan);
      expect(await reopened.customers.get('contoso')).toEqual(customer);
      expect(await reopened.access.list()).toEqual([grant]);
      expect(await reopened.serviceUsers.findByUpn('contoso', 'A@contoso.com')).toEqual(user);
      const storedDiscrepancy = await reopened.discrepancies.get(discrepancy.id);
      expect(storedDiscrepancy).toEqual(discrepancy);
      expect(storedDiscrepancy?.expected.when).toBeInstanceOf(Date);
      expect(await reopened.audit.get(audit.id)).toEqual(audit);
      expect(await reopened.bindings.get('contoso')).toEqual(binding);
      expect(await reopened.jobs.get(job.id)).toEqual(job);
      expect(await reopened.leases.get('sync')).toEqual(lease);
      expect(await reopened.syncState.get('contoso')).toEqual(syncState);
      expect(await reopened.operations.get('op')).toEqual(operation);
      expect(await reopened.settings.get('secret')).toBe('value');
    });

    it('keeps unique keys enforced after a restart', async () => {
      await context.store.serviceUsers.create(newServiceUser('oid-1', 'a@contoso.com'));
      await context.store.jobs.enqueue({ type: 't', payload: {}, runAt: context.clock.now(), uniqueKey: 'k' });
      const reopened = await context.restart();
      await expect(reopened.serviceUsers.create(newServiceUser('oid-2', 'a@contoso.com'))).rejects.toMatchObject({
        code: 'duplicate',
      });
      expect(
        (await reopened.jobs.enqueue({ type: 't', payload: {}, runAt: context.clock.now(), uniqueKey: 'k' })).created,
      ).toBe(false);
    });

    it('keeps updates and deletions made before the restart', async () => {
      await context.store.serviceUsers.create(newServiceUser('oid-1', 'a@contoso.com'));
      await context.store.serviceUsers.create(newServiceUser('oid-2', 'b@contoso.com'));
      await context.store.serviceUsers.update('contoso', 'oid-1', { admin: true, upn: 'renamed@contoso.com' });
      await context.store.serviceUsers.delete('contoso', 'oid-2');
      await context.store.access.grant('slack:U1', 'admin', 'x');
      await context.store.access.revoke('slack:U1', 'admin');
      const reopened = await context.restart();
      const users = await reopened.serviceUsers.list('contoso');
      expect(users.map((u) => [u.upn, u.admin])).toEqual([['renamed@contoso.com', true]]);
      expect(await reopened.access.list()).toEqual([]);
    });

    it('answers lookups by UPN, plan seats and open discrepancies after a restart', async () => {
      await context.store.serviceUsers.create(newServiceUser('oid-1', 'a@contoso.com'));
      await context.store.serviceUsers.create(newServiceUser('oid-2', 'b@contoso.com'));
      await context.store.serviceUsers.update('contoso', 'oid-2', { status: 'removed' });
      const first = await context.store.discrepancies.upsertOpen({
        customerId: 'contoso',
        objectId: 'oid-1',
        upn: 'a@contoso.com',
        kind: 'admin-revoked',
        expected: { admin: true },
        actual: { admin: false },
        runId: 'run-1',
      });
      const reopened = await context.restart();
      expect((await reopened.serviceUsers.findByUpn('contoso', 'A@contoso.com'))?.objectId).toBe('oid-1');
      expect(await reopened.serviceUsers.countOnPlan('contoso', 'business-premium')).toBe(1);
      expect((await reopened.discrepancies.listOpen('contoso')).map((d) => d.id)).toEqual([first.discrepancy.id]);
      const again = await reopened.discrepancies.upsertOpen({
        customerId: 'contoso',
        objectId: 'oid-1',
        upn: 'a@contoso.com',
        kind: 'admin-revoked',
        expected: { admin: true },
        actual: { admin: false },
        runId: 'run-2',
      });
      expect([again.created, again.discrepancy.id]).toEqual([false, first.discrepancy.id]);
    });

    it('answers ping while open', async () => {
      await expect(context.store.ping()).resolves.toBeUndefined();
    });
  });
}
