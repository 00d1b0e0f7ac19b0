/** Contract: admin grants — one current grant per user, and state changes that exactly one caller wins. */
import type { NewAdminGrant } from '../../../store/ports';
import { type ContractContext, codeOf, inParallel } from './harness';

export function describeAdminGrantsContract(context: ContractContext): void {
  const grant = (changes: Partial<NewAdminGrant> = {}): NewAdminGrant => ({
    customerId: 'northwind',
    objectId: 'obj-1',
    upn: 'jane@northwind.example',
    role: 'Global Administrator',
    grantedAt: context.clock.now(),
    endsAt: new Date(context.clock.now().getTime() + 2 * 3_600_000),
    grantedBy: 'teams:approver-1',
    requester: 'teams:helpdesk-1',
    requesterName: 'Helen Desk',
    requestId: 'R-1',
    reason: 'Mailbox migration',
    ticket: 'INC-1',
    ...changes,
  });

  describe('admin grants', () => {
    it('records a grant as active and reads it back by id and as the user’s current grant', async () => {
      const created = await context.store.adminGrants.create(grant());
      expect(created).toEqual({
        ...grant(),
        id: expect.any(String),
        state: 'active',
        endingAttempts: 0,
        updatedAt: context.clock.now(),
      });
      expect(await context.store.adminGrants.get(created.id)).toEqual(created);
      expect(await context.store.adminGrants.findCurrent('northwind', 'obj-1')).toEqual(created);
      expect(await context.store.adminGrants.findCurrent('northwind', 'obj-2')).toBeNull();
      expect(await context.store.adminGrants.get('never-made')).toBeNull();
    });

    it('refuses a second current grant for the same user', async () => {
      await context.store.adminGrants.create(grant());
      expect(await codeOf(context.store.adminGrants.create(grant({ reason: 'again' })))).toBe('duplicate');
    });

    it('allows a new grant once the earlier one has ended, and lists only current ones oldest first', async () => {
      const first = await context.store.adminGrants.create(grant());
      await context.store.adminGrants.transition(first.id, ['active'], {
        state: 'ended',
        endedAt: context.clock.now(),
      });
      context.clock.advance(1000);
      const second = await context.store.adminGrants.create(grant({ grantedAt: context.clock.now() }));
      context.clock.advance(1000);
      const other = await context.store.adminGrants.create(
        grant({ objectId: 'obj-2', grantedAt: context.clock.now() }),
      );
      await context.store.adminGrants.create(grant({ customerId: 'contoso' }));
      const listed = await context.store.adminGrants.listCurrent('northwind');
      expect(listed.map((g) => g.id)).toEqual([second.id, other.id]);
      expect((await context.store.adminGrants.findCurrent('northwind', 'obj-1'))?.id).toBe(second.id);
    });

    it('changes a grant only from the states given, and says who won', async () => {
      const created = await context.store.adminGrants.create(grant());
      const at = context.clock.advance(5000);
      const ending = await context.store.adminGrants.transition(created.id, ['active'], {
        state: 'ending',
        endingBy: 'replica-a',
        endingAttempts: 1,
      });
      expect(ending).toEqual({
        won: true,
        grant: { ...created, state: 'ending', endingBy: 'replica-a', endingAttempts: 1, updatedAt: at },
      });
      const late = await context.store.adminGrants.transition(created.id, ['active'], { state: 'ended' });
      expect(late).toEqual({ won: false, grant: ending?.grant });
      expect(await context.store.adminGrants.transition('never-made', ['active'], { state: 'ended' })).toBeNull();
    });

    it('applies a condition on the grant as it stands', async () => {
      const created = await context.store.adminGrants.create(grant());
      const endsAt = created.endsAt!;
      const later = new Date(endsAt.getTime() + 3_600_000);
      const stale = await context.store.adminGrants.transition(
        created.id,
        ['active'],
        { endsAt: later },
        (g) => g.endsAt?.getTime() === endsAt.getTime() - 1,
      );
      expect(stale?.won).toBe(false);
      const extended = await context.store.adminGrants.transition(
        created.id,
        ['active'],
        { endsAt: later },
        (g) => g.endsAt?.getTime() === endsAt.getTime(),
      );
      expect(extended?.grant.endsAt).toEqual(later);
    });

    it('lets exactly one of twenty concurrent claims win', async () => {
      const created = await context.store.adminGrants.create(grant());
      const results = await inParallel(20, (i) =>
        context.store.adminGrants.transition(created.id, ['active', 'overdue'], {
          state: 'ending',
          endingBy: `replica-${i}`,
        }),
      );
      const winners = results.filter((r) => r?.won);
      expect(winners).toHaveLength(1);
      expect((await context.store.adminGrants.get(created.id))?.endingBy).toBe(winners[0]?.grant.endingBy);
    });

    it('keeps grants across a restart', async () => {
      const created = await context.store.adminGrants.create(grant());
      await context.store.adminGrants.transition(created.id, ['active'], { state: 'overdue', lastError: 'Graph 503' });
      const store = await context.restart();
      expect(await store.adminGrants.findCurrent('northwind', 'obj-1')).toMatchObject({
        id: created.id,
        state: 'overdue',
        lastError: 'Graph 503',
      });
    });
  });
}
