/** The words of a `discrepancies` listing, shared by the Adaptive Card, Block Kit and text renderers. */
import type { DiscrepancyListReply, DiscrepancyView } from '../core/reply';
import { describeDigestItem } from './discrepancy-lines';

/** "Open discrepancies of Contoso Ltd · 12 open · page 1 of 2". */
export function describeListHeading(reply: DiscrepancyListReply): string {
  const paging = reply.pages > 1 ? ` · page ${reply.listing.page} of ${reply.pages}` : '';
  return `${reply.title} · ${reply.open} open${paging}`;
}

/** A row as the digest words it, naming its customer when the listing spans several. */
export function describeListItem(
  reply: DiscrepancyListReply,
  view: DiscrepancyView,
): { title: string; summary: string; detail: string } {
  const item = describeDigestItem(view);
  return reply.manyCustomers ? { ...item, title: `${view.customerName} · ${item.title}` } : item;
}

/** Under the rows: nothing open, or how to see the next page. */
export function describeListRest(reply: DiscrepancyListReply): string {
  if (reply.items.length === 0) {
    return reply.open === 0
      ? 'Nothing is open: every discrepancy has been decided.'
      : `Page ${reply.listing.page} is past the last one; there ${reply.open === 1 ? 'is' : 'are'} ${reply.pages} ${reply.pages === 1 ? 'page' : 'pages'}.`;
  }
  if (!reply.more) return '';
  return `More on page ${reply.listing.page + 1}: click More or type \`${describeMoreCommand(reply)}\`.`;
}

export const moreLabel = 'More';

/** The next page as typed: "discrepancies contoso admin-granted page 2". */
export function describeMoreCommand(reply: DiscrepancyListReply): string {
  const { customerId, kind, page } = reply.listing;
  return ['discrepancies', customerId, kind, `page ${page + 1}`].filter(Boolean).join(' ');
}

/** The listing as text (the CLI): the heading, each row in three lines, then how to see more. */
export function renderDiscrepancyListText(reply: DiscrepancyListReply): string {
  const lines = [describeListHeading(reply)];
  for (const view of reply.items) {
    const item = describeListItem(reply, view);
    lines.push('', item.title, `  ${item.summary}`, `  ${item.detail}`, `  id: ${view.id}`);
  }
  const rest = describeListRest(reply);
  if (rest) lines.push('', rest.replace('click More or type', 'type'));
  return lines.join('\n');
}
