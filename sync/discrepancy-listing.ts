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

/**
 * Page `page` (from 1) of the open discrepancies `filter` names. More pages by `after` (the last row of the page
 * before): rows decided on earlier pages since then do not shift the next page over rows never shown.
 */
export async function listingPage(
  runtime: Runtime,
  filter: ListingFilter,
  at: { page: number; after?: string },
): Promise<DiscrepancyListReply> {
  const open = await openMatching(runtime, filter);
  const start = at.after ? await indexAfter(runtime, open, at.after) : undefined;
  const from = start ?? (at.page - 1) * listingPageSize;
  const ids = open.slice(from, from + listingPageSize).map((d) => d.id);
  return renderListing(runtime, { ...filter, page: at.page, ids });
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
  const page = { customerId: listing.customerId, kind: listing.kind, page: listing.page, ids: items.map((i) => i.id) };
  const last = page.ids.at(-1);
  const next = last ? await indexAfter(runtime, open, last) : undefined;
  const hasNext = next !== undefined && next < open.length;
  const pages = Math.max(1, listing.page + (hasNext ? 1 : 0), Math.ceil(open.length / listingPageSize));
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
      ? {
          more: withoutUndefined({
            name: 'discrepancies' as const,
            customerId: listing.customerId,
            kind: listing.kind,
            page: listing.page + 1,
            after: last,
          }),
        }
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

/**
 * Where the rows after discrepancy `id` start in `open` (the listing's order: customers as configured, then the
 * digest's order), whether `id` is still open or was decided since; undefined when it is not stored.
 */
async function indexAfter(runtime: Runtime, open: readonly Discrepancy[], id: string): Promise<number | undefined> {
  const cursor = await runtime.store.discrepancies.get(id);
  if (!cursor) return undefined;
  const customerOrder = (await runtime.store.customers.list()).map((c) => c.id);
  const order = (a: Discrepancy, b: Discrepancy) =>
    customerOrder.indexOf(a.customerId) - customerOrder.indexOf(b.customerId) || digestOrder(a, b);
  const index = open.findIndex((d) => order(d, cursor) > 0);
  return index === -1 ? open.length : index;
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
