/** Contract: approval requests — short ids, open ones listed oldest first, closed by exactly one of many clicks. */
import type { NewApprovalRequest } from '../../../store/ports';
import { type ContractContext, codeOf, inParallel } from './harness';

export function describeRequestsContract(context: ContractContext): void {
  const asked = (changes: Partial<NewApprovalRequest> = {}): NewApprovalRequest => ({
    customerId: 'contoso',
    command: { name: 'grant-admin', upn: 'jane@contoso.com', durationMinutes: 120, customerId: 'contoso' },
    requester: 'teams:helpdesk-1',
    requesterName: 'Hana Helpdesk',
    reason: 'Mailbox migration',
    ticket: 'INC-1234',
    expiresAt: new Date('2026-03-03T09:00:00.000Z'),
    ...changes,
  });
  const ref = { platform: 'teams' as const, ref: { activityId: 'a-1', conversation: { id: '19:approvals' } } };

  describe('approval requests', () => {
    it('records an open request under a short id and reads it back in any case', async () => {
      const created = await context.store.requests.create(asked());
      expect(created).toEqual({
        ...asked(),
        id: expect.stringMatching(/^[A-Z2-9]{6}$/),
        state: 'open',
        createdAt: context.clock.now(),
        messageRefs: [],
      });
      expect(await context.store.requests.get(created.id.toLowerCase())).toEqual(created);
      expect(await context.store.requests.get('NOPE22')).toBeNull();
    });

    it('lists the open ones oldest first, of one customer or of all', async () => {
      const first = await context.store.requests.create(asked());
      context.clock.advance(1000);
      const second = await context.store.requests.create(asked({ customerId: 'northwind' }));
      context.clock.advance(1000);
      const third = await context.store.requests.create(asked());
      await context.store.requests.close(third.id, { state: 'cancelled', at: context.clock.now(), by: 'x' });
      expect((await context.store.requests.listOpen()).map((r) => r.id)).toEqual([first.id, second.id]);
      expect((await context.store.requests.listOpen('contoso')).map((r) => r.id)).toEqual([first.id]);
    });

    it('keeps the message refs of the cards posted for it', async () => {
      const created = await context.store.requests.create(asked());
      const updated = await context.store.requests.addMessageRef(created.id, ref);
      expect(updated.messageRefs).toEqual([ref]);
      expect((await context.store.requests.get(created.id))?.messageRefs).toEqual([ref]);
      expect(await codeOf(context.store.requests.addMessageRef('NOPE22', ref))).toBe('not-found');
    });

    it('is closed by the first close; a later one loses and sees who closed it', async () => {
      const created = await context.store.requests.create(asked());
      const at = context.clock.advance(1000);
      const first = await context.store.requests.close(created.id, {
        state: 'denied',
        at,
        by: 'teams:approver-1',
        byName: 'Avery Approver',
        comment: 'Not this week',
      });
      expect(first).toEqual({
        won: true,
        request: {
          ...created,
          state: 'denied',
          decidedAt: at,
          decidedBy: 'teams:approver-1',
          decidedByName: 'Avery Approver',
          comment: 'Not this week',
        },
      });
      const second = await context.store.requests.close(created.id, { state: 'approved', at, by: 'teams:other' });
      expect(second).toEqual({ won: false, request: first!.request });
      expect(await context.store.requests.close('NOPE22', { state: 'expired', at })).toBeNull();
    });

    it('lets exactly one of 20 concurrent closes win', async () => {
      const created = await context.store.requests.create(asked());
      const results = await inParallel(20, (i) =>
        context.store.requests.close(created.id, { state: 'approved', at: context.clock.now(), by: `teams:a-${i}` }),
      );
      expect(results.filter((result) => result?.won)).toHaveLength(1);
      const winner = results.find((result) => result?.won)!.request.decidedBy;
      expect(results.every((result) => result?.request.decidedBy === winner)).toBe(true);
    });

    it('records what running it did, and keeps it across a restart', async () => {
      const created = await context.store.requests.create(asked());
      await context.store.requests.close(created.id, { state: 'approved', at: context.clock.now(), by: 'x' });
      await context.store.requests.recordResult(created.id, { result: 'failed', error: 'Graph said no' });
      const applied = await context.store.requests.recordResult(created.id, { result: 'applied' });
      expect(applied).toMatchObject({ state: 'approved', result: 'applied' });
      expect(applied.error).toBeUndefined();
      const reopened = await context.restart();
      expect(await reopened.requests.get(created.id)).toEqual(applied);
      expect(await reopened.requests.listOpen()).toEqual([]);
    });
  });
}
