/** Contract: consent links — recorded with the link, used up by exactly one callback. */
import type { ConsentLink } from '../../../store/types';
import { type ContractContext, codeOf, inParallel } from './harness';

type NewLink = Omit<ConsentLink, 'createdAt' | 'usedAt'>;

export function describeConsentLinksContract(context: ContractContext): void {
  const link = (changes: Partial<NewLink> = {}): NewLink => ({
    nonce: 'n-1',
    customerId: 'northwind',
    requestedBy: 'teams:helpdesk-1',
    conversation: {
      platform: 'teams',
      channelKey: '19:general@thread.tacv2',
      channelName: 'General',
      reference: { serviceUrl: 'https://smba.example.test/', conversation: { id: '19:general@thread.tacv2' } },
    },
    expiresAt: new Date('2026-03-09T09:00:00.000Z'),
    ...changes,
  });

  describe('consent links', () => {
    it('records a link with its conversation and reads it back unused', async () => {
      const created = await context.store.consentLinks.create(link());
      expect(created).toEqual({ ...link(), createdAt: context.clock.now() });
      expect(await context.store.consentLinks.get('n-1')).toEqual(created);
      expect(await context.store.consentLinks.get('n-2')).toBeNull();
    });

    it('refuses a second link with the same nonce', async () => {
      await context.store.consentLinks.create(link());
      expect(await codeOf(context.store.consentLinks.create(link({ customerId: 'contoso' })))).toBe('duplicate');
    });

    it('is used up by the first consume; a second consume loses and sees when it was used', async () => {
      await context.store.consentLinks.create(link({ conversation: undefined }));
      const at = context.clock.advance(1000);
      const first = await context.store.consentLinks.consume('n-1', at);
      expect(first).toEqual({
        won: true,
        link: { ...link({ conversation: undefined }), createdAt: expect.any(Date), usedAt: at },
      });
      const second = await context.store.consentLinks.consume('n-1', context.clock.advance(1000));
      expect(second).toEqual({ won: false, link: first!.link });
      expect((await context.store.consentLinks.get('n-1'))?.usedAt).toEqual(at);
    });

    it("keeps where the link's card was posted, also once the link is used", async () => {
      await context.store.consentLinks.create(link());
      const posted = { platform: 'teams' as const, ref: { activityId: 'a-1', conversationReference: { id: 'c' } } };
      expect(await context.store.consentLinks.setMessage('n-1', posted)).toBe(true);
      const used = await context.store.consentLinks.consume('n-1', context.clock.advance(1000));
      expect(used?.link.message).toEqual(posted);
      const moved = { platform: 'slack' as const, ref: { channel: 'C1', ts: '1.2' } };
      expect(await context.store.consentLinks.setMessage('n-1', moved)).toBe(true);
      expect(await context.store.consentLinks.get('n-1')).toMatchObject({ message: moved, usedAt: expect.any(Date) });
      expect(await context.store.consentLinks.setMessage('never-made', posted)).toBe(false);
    });

    it('answers null for a nonce it never recorded', async () => {
      expect(await context.store.consentLinks.consume('never-made', context.clock.now())).toBeNull();
    });

    it('lets exactly one of 20 concurrent consumes win', async () => {
      await context.store.consentLinks.create(link());
      const results = await inParallel(20, () => context.store.consentLinks.consume('n-1', context.clock.now()));
      expect(results.filter((result) => result?.won)).toHaveLength(1);
      expect(results.every((result) => result?.link.usedAt instanceof Date)).toBe(true);
    });

    it('keeps a used link used across a restart', async () => {
      await context.store.consentLinks.create(link());
      await context.store.consentLinks.consume('n-1', context.clock.now());
      const reopened = await context.restart();
      expect((await reopened.consentLinks.consume('n-1', context.clock.now()))?.won).toBe(false);
    });
  });
}
