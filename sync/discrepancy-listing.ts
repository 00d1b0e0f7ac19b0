/**
 * `discrepancies`: the open discrepancies of one customer or of all, optionally of one kind, a page at a time, in
 * the digest's order (kind, then user). A page remembers its rows (`listing.ids`), so a decision clicked on it
 * redraws the same rows with that one's outcome in place; the open count and "More" are read again each time.
 */
import type { DiscrepancyListReply, DiscrepancyView } from '../core/reply';
import type { DiscrepancyListing } from '../core/request';
import type { Runtime } from '../core/runtime';
import type { Customer, Discrepancy, DiscrepancyKind } from '../store/types';
import { digestOrder, loadPlanNames, viewOf } from './channel-messages';

export const listingPageSize = 10;

export interface ListingFilter {
  /** Absent: every customer. */
  customerId?: string;
  kind?: DiscrepancyKind;
}

/** Page `page` (from 1) of the open discrepancies `filter` names. */
export async function listingPage(
  runtime: Runtime,
  filter: ListingFilter,
  page: number,
): Promise<DiscrepancyListReply> {
  const open = await openMatching(runtime, filter);
  const start = (page - 1) * listingPageSize;
  const ids = open.slice(start, start + listingPageSize).map((d) => d.id);
  return renderListing(runtime, { ...filter, page, ids });
}

/** The page as it stands now: its rows (decided ones with their outcome), the open count and the next page. */
export async function renderListing(runtime: Runtime, listing: DiscrepancyListing): Promise<DiscrepancyListReply> {
  const { store } = runtime;
  const customers = new Map((await store.customers.list()).map((customer) => [customer.id, customer]));
  const planNames = await loadPlanNames(runtime);
  const items: DiscrepancyView[] = [];
  for (const discrepancy of await store.discrepancies.getMany(listing.ids)) {
    const customer = customers.get(discrepancy.customerId);
    if (customer && inFilter(discrepancy, listing)) items.push(await viewOf(runtime, discrepancy, customer, planNames));
  }
  const open = await openMatching(runtime, listing);
  const pages = Math.max(1, Math.ceil(open.length / listingPageSize));
  const hasNext = open.length > listing.page * listingPageSize;
  const filter = { customerId: listing.customerId, kind: listing.kind };
  const page = { ...filter, page: listing.page, ids: items.map((item) => item.id) };
  return {
    kind: 'discrepancy-list',
    title: titleOf(listing.customerId ? customers.get(listing.customerId) : undefined, listing.kind),
    listing: page,
    listingId: await store.listings.save(page),
    open: open.length,
    pages,
    manyCustomers: !listing.customerId,
    items,
    ...(hasNext
      ? { more: withoutUndefined({ name: 'discrepancies' as const, ...filter, page: listing.page + 1 }) }
      : {}),
  };
}

/** The page a decision button names by its id, as it stands now; undefined when it is not stored (forged). */
export async function renderSavedListing(runtime: Runtime, id: string): Promise<DiscrepancyListReply | undefined> {
  const page = await runtime.store.listings.get(id);
  return page ? renderListing(runtime, page) : undefined;
}

/** The open ones `filter` names, customer by customer (in the configured order), then in the digest's order. */
async function openMatching(runtime: Runtime, filter: ListingFilter): Promise<Discrepancy[]> {
  const { store } = runtime;
  const customerIds = filter.customerId ? [filter.customerId] : (await store.customers.list()).map((c) => c.id);
  const open: Discrepancy[] = [];
  for (const customerId of customerIds) {
    const listed = await store.discrepancies.listOpen(customerId, filter.kind);
    open.push(...listed.filter((d) => d.status === 'open').sort(digestOrder));
  }
  return open;
}

function inFilter(discrepancy: Discrepancy, filter: ListingFilter): boolean {
  return (
    (!filter.customerId || discrepancy.customerId === filter.customerId) &&
    (!filter.kind || discrepancy.kind === filter.kind)
  );
}

function titleOf(customer: Customer | undefined, kind: DiscrepancyKind | undefined): string {
  const whose = customer ? `Open discrepancies of ${customer.name}` : 'Open discrepancies of every customer';
  return kind ? `${whose} (${kind})` : whose;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
