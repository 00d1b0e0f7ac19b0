/**
 * The pages of `discrepancies` listings, so a decision clicked on one can redraw its rows: a button carries the
 * page's short id, not its rows (ten ids on each of twenty buttons would not fit a Teams message). The id is a
 * hash of the page, so the same page shown twice is stored once. Kept in the settings, like the digests.
 */
import { createHash } from 'node:crypto';
import type { ListingPage, ListingRepo, SettingRepo } from './ports';

export function createListingRepo(settings: SettingRepo): ListingRepo {
  return {
    async save(page) {
      const record: ListingPage = {
        ...(page.customerId ? { customerId: page.customerId } : {}),
        ...(page.kind ? { kind: page.kind } : {}),
        page: page.page,
        ids: [...page.ids],
      };
      const value = JSON.stringify(record);
      const id = createHash('sha256').update(value).digest('hex').slice(0, 24);
      await settings.setIfAbsent(`discrepancy-listing:${id}`, value);
      return id;
    },
    async get(id) {
      const stored = await settings.get(`discrepancy-listing:${id}`);
      return stored ? (JSON.parse(stored) as ListingPage) : null;
    },
  };
}
