/** Contract: the licence history — append-only changes, listed per customer before a time, oldest first. */
import type { LicenceChange } from '../../../store/licence-history';
import type { ContractContext } from './harness';

export function describeLicenceHistoryContract(context: ContractContext): void {
  const change = (overrides: Partial<Omit<LicenceChange, 'id'>> = {}): Omit<LicenceChange, 'id'> => ({
    customerId: 'contoso',
    objectId: 'oid-jane',
    upn: 'jane@contoso.com',
    planId: 'business-premium',
    skus: ['SPB'],
    change: 'assigned',
    at: context.clock.now(),
    ...overrides,
  });

  describe('licence history', () => {
    it('appends a change under a new id and lists it back as appended', async () => {
      const appended = await context.store.licenceHistory.append(change());
      expect(appended).toEqual({ ...change(), id: expect.any(String) });
      const later = context.clock.advance(1);
      expect(await context.store.licenceHistory.list('contoso', later)).toEqual([appended]);
    });

    it('lists a customer’s changes before a time, oldest first, changes at one time in the order appended', async () => {
      const start = context.clock.now();
      const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
      const history = context.store.licenceHistory;
      const third = await history.append(change({ at: at(20), change: 'removed', planId: null, skus: [] }));
      const first = await history.append(change({ at: at(10) }));
      const second = await history.append(change({ at: at(10), planId: 'business-basic', skus: ['O365_BUSINESS'] }));
      await history.append(change({ at: at(30), objectId: 'oid-late' }));
      await history.append(change({ customerId: 'fabrikam', at: at(5) }));
      expect(await history.list('contoso', at(30))).toEqual([first, second, third]);
      expect(await history.list('contoso', at(10))).toEqual([]);
      expect(await history.list('nobody', at(60))).toEqual([]);
    });

    it('keeps the changes across a restart', async () => {
      const appended = await context.store.licenceHistory.append(change());
      const reopened = await context.restart();
      expect(await reopened.licenceHistory.list('contoso', context.clock.advance(1))).toEqual([appended]);
    });
  });
}
