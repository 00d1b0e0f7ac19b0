/** Contract: the pages of `discrepancies` listings, found again by the short id a button carries. */
import type { ContractContext } from './harness';

export function describeListingsContract(context: ContractContext): void {
  describe('discrepancy listings', () => {
    const page = { customerId: 'contoso', kind: 'admin-granted' as const, page: 2, ids: ['d-1', 'd-2'] };

    it('finds a page by the id it was saved under, and nothing for another id', async () => {
      const id = await context.store.listings.save(page);
      expect(id).toMatch(/^[0-9a-f]{24}$/);
      expect(await context.store.listings.get(id)).toEqual(page);
      expect(await context.store.listings.get('0'.repeat(24))).toBeNull();
    });

    it('gives the same page the same id, and another page another', async () => {
      const first = await context.store.listings.save(page);
      expect(await context.store.listings.save({ ...page, ids: ['d-1', 'd-2'] })).toBe(first);
      const other = await context.store.listings.save({ page: 1, ids: ['d-3'] });
      expect(other).not.toBe(first);
      expect(await context.store.listings.get(other)).toEqual({ page: 1, ids: ['d-3'] });
    });

    it('keeps pages across a restart', async () => {
      const id = await context.store.listings.save(page);
      const store = await context.restart();
      expect(await store.listings.get(id)).toEqual(page);
    });
  });
}
