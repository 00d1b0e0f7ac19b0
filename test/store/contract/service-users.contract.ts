/** Contract: service users, unique on (customer, object id) and (customer, UPN). */
import type { ServiceUser } from '../../../store/types';
import { type ContractContext, codeOf } from './harness';

export function newServiceUser(
  objectId: string,
  upn: string,
  changes: Partial<ServiceUser> = {},
): Omit<ServiceUser, 'createdAt' | 'updatedAt'> {
  return {
    customerId: 'contoso',
    objectId,
    upn,
    displayName: upn.split('@')[0]!,
    planId: 'business-premium',
    admin: false,
    aliases: [],
    status: 'active',
    createdBy: 'teams:aad-1',
    ...changes,
  };
}

export function describeServiceUsersContract(context: ContractContext): void {
  describe('service users', () => {
    it('creates a service user and reads it by object id and by UPN in any case', async () => {
      const created = await context.store.serviceUsers.create(
        newServiceUser('oid-1', 'Adele.Vance@contoso.com', { usageLocation: 'US', aliases: ['adele@contoso.org'] }),
      );
      expect(await context.store.serviceUsers.get('contoso', 'oid-1')).toEqual(created);
      expect(await context.store.serviceUsers.findByUpn('contoso', 'adele.vance@CONTOSO.com')).toEqual(created);
      expect(await context.store.serviceUsers.findByUpn('fabrikam', 'adele.vance@contoso.com')).toBeNull();
      expect(await context.store.serviceUsers.get('contoso', 'oid-2')).toBeNull();
    });

    it('reads a page of users by object id, in the order asked, each once, only of that customer', async () => {
      const a = await context.store.serviceUsers.create(newServiceUser('oid-a', 'a@contoso.com'));
      const b = await context.store.serviceUsers.create(newServiceUser('oid-b', 'b@contoso.com'));
      await context.store.serviceUsers.create(newServiceUser('oid-c', 'c@fabrikam.com', { customerId: 'fabrikam' }));
      const page = await context.store.serviceUsers.getMany('contoso', ['oid-b', 'oid-c', 'nope', 'oid-a', 'oid-b']);
      expect(page).toEqual([b, a]);
      expect(await context.store.serviceUsers.getMany('contoso', [])).toEqual([]);
    });

    it('refuses a second user with the same object id in the same customer', async () => {
      await context.store.serviceUsers.create(newServiceUser('oid-1', 'a@contoso.com'));
      const second = context.store.serviceUsers.create(newServiceUser('oid-1', 'b@contoso.com'));
      expect(await codeOf(second)).toBe('duplicate');
    });

    it('refuses a second user with the same UPN, whatever its case, naming the UPN', async () => {
      await context.store.serviceUsers.create(newServiceUser('oid-1', 'a@contoso.com'));
      const error = await context.store.serviceUsers.create(newServiceUser('oid-2', 'A@Contoso.com')).catch((e) => e);
      expect(error.code).toBe('duplicate');
      expect(error.message).toMatch(/UPN/);
    });

    it('allows the same object id and UPN in two customers', async () => {
      await context.store.serviceUsers.create(newServiceUser('oid-1', 'a@shared.com'));
      await context.store.serviceUsers.create(newServiceUser('oid-1', 'a@shared.com', { customerId: 'fabrikam' }));
      expect(await context.store.serviceUsers.list('fabrikam')).toHaveLength(1);
    });

    it('lists a customer’s users sorted by UPN, filtered by status and plan', async () => {
      await context.store.serviceUsers.create(newServiceUser('1', 'carol@contoso.com'));
      await context.store.serviceUsers.create(
        newServiceUser('2', 'Alice@contoso.com', { planId: null, customSkuIds: ['x'] }),
      );
      await context.store.serviceUsers.create(newServiceUser('3', 'bob@contoso.com', { status: 'removed' }));
      await context.store.serviceUsers.create(newServiceUser('4', 'dan@fabrikam.com', { customerId: 'fabrikam' }));
      const upns = async (filter?: Parameters<typeof context.store.serviceUsers.list>[1]) =>
        (await context.store.serviceUsers.list('contoso', filter)).map((user) => user.upn);
      expect(await upns()).toEqual(['Alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com']);
      expect(await upns({ status: 'active' })).toEqual(['Alice@contoso.com', 'carol@contoso.com']);
      expect(await upns({ planId: null })).toEqual(['Alice@contoso.com']);
      expect(await upns({ planId: 'business-premium', status: 'removed' })).toEqual(['bob@contoso.com']);
    });

    it('counts only active users of the customer on the plan', async () => {
      await context.store.serviceUsers.create(newServiceUser('1', 'a@contoso.com'));
      await context.store.serviceUsers.create(newServiceUser('2', 'b@contoso.com'));
      await context.store.serviceUsers.create(newServiceUser('3', 'c@contoso.com', { status: 'removed' }));
      await context.store.serviceUsers.create(newServiceUser('4', 'd@contoso.com', { planId: 'basic' }));
      await context.store.serviceUsers.create(newServiceUser('5', 'e@fabrikam.com', { customerId: 'fabrikam' }));
      expect(await context.store.serviceUsers.countOnPlan('contoso', 'business-premium')).toBe(2);
      expect(await context.store.serviceUsers.countActive('contoso')).toBe(3);
      expect(await context.store.serviceUsers.countActive('fabrikam')).toBe(1);
    });

    it('moves a user’s seat with its plan and frees it when the user is removed or deleted', async () => {
      const users = context.store.serviceUsers;
      await users.create(newServiceUser('1', 'a@contoso.com'));
      await users.create(newServiceUser('2', 'b@contoso.com'));
      await users.create(newServiceUser('3', 'c@contoso.com', { status: 'removed' }));
      await users.update('contoso', '1', { planId: 'basic' });
      expect([
        await users.countOnPlan('contoso', 'business-premium'),
        await users.countOnPlan('contoso', 'basic'),
      ]).toEqual([1, 1]);
      await users.update('contoso', '3', { status: 'active' });
      await users.update('contoso', '2', { status: 'removed' });
      await users.delete('contoso', '1');
      expect([
        await users.countOnPlan('contoso', 'business-premium'),
        await users.countOnPlan('contoso', 'basic'),
      ]).toEqual([1, 0]);
      expect((await users.list('contoso', { status: 'active' })).map((user) => user.upn)).toEqual(['c@contoso.com']);
      expect(await users.countActive('contoso')).toBe(1);
    });

    it('renames a user in place by object id, so the old UPN is free again', async () => {
      await context.store.serviceUsers.create(
        newServiceUser('oid-1', 'old@contoso.com', { intendedUpn: 'x@contoso.org' }),
      );
      context.clock.advance(5000);
      const renamed = await context.store.serviceUsers.update('contoso', 'oid-1', {
        upn: 'new@contoso.com',
        intendedUpn: undefined,
      });
      expect(renamed.upn).toBe('new@contoso.com');
      expect('intendedUpn' in renamed).toBe(false);
      expect(renamed.updatedAt.getTime() - renamed.createdAt.getTime()).toBe(5000);
      expect(await context.store.serviceUsers.findByUpn('contoso', 'old@contoso.com')).toBeNull();
      expect((await context.store.serviceUsers.findByUpn('contoso', 'NEW@contoso.com'))?.objectId).toBe('oid-1');
      await context.store.serviceUsers.create(newServiceUser('oid-2', 'old@contoso.com'));
    });

    it('keeps the plan groups a user stays out of, through updates and reads, until cleared', async () => {
      await context.store.serviceUsers.create(newServiceUser('oid-1', 'a@contoso.com'));
      const users = context.store.serviceUsers;
      const kept = await users.update('contoso', 'oid-1', { groupExceptions: ['group-1', 'group-2'] });
      expect(kept.groupExceptions).toEqual(['group-1', 'group-2']);
      await users.update('contoso', 'oid-1', { admin: true });
      expect((await users.get('contoso', 'oid-1'))?.groupExceptions).toEqual(['group-1', 'group-2']);
      expect((await users.getMany('contoso', ['oid-1']))[0]?.groupExceptions).toEqual(['group-1', 'group-2']);
      expect((await users.list('contoso', { status: 'active' }))[0]?.groupExceptions).toEqual(['group-1', 'group-2']);
      const cleared = await users.update('contoso', 'oid-1', { groupExceptions: undefined });
      expect('groupExceptions' in cleared).toBe(false);
      expect(await users.get('contoso', 'oid-1')).toEqual(cleared);
    });

    it('refuses renaming a user to a UPN another user has', async () => {
      await context.store.serviceUsers.create(newServiceUser('oid-1', 'a@contoso.com'));
      await context.store.serviceUsers.create(newServiceUser('oid-2', 'b@contoso.com'));
      expect(await codeOf(context.store.serviceUsers.update('contoso', 'oid-2', { upn: 'A@contoso.com' }))).toBe(
        'duplicate',
      );
      expect((await context.store.serviceUsers.get('contoso', 'oid-2'))?.upn).toBe('b@contoso.com');
    });

    it('reports not-found when updating an unknown user', async () => {
      expect(await codeOf(context.store.serviceUsers.update('contoso', 'nobody', { admin: true }))).toBe('not-found');
    });

    it('deletes a user and says whether it existed', async () => {
      await context.store.serviceUsers.create(newServiceUser('oid-1', 'a@contoso.com'));
      expect(await context.store.serviceUsers.delete('contoso', 'oid-1')).toBe(true);
      expect(await context.store.serviceUsers.delete('contoso', 'oid-1')).toBe(false);
      expect(await context.store.serviceUsers.findByUpn('contoso', 'a@contoso.com')).toBeNull();
    });
  });
}
