/** `discrepancies [<customer>] [<kind>] [page <n>]`: the customer named, else the channel's, else every customer. */
import type { CommandOf } from '../core/commands';
import type { DiscrepancyListReply } from '../core/reply';
import { boundCustomer, getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { listingPage } from '../sync/discrepancy-listing';

export async function listDiscrepancies(
  invocation: Invocation,
  command: CommandOf<'discrepancies'>,
): Promise<DiscrepancyListReply> {
  const customer = command.customerId
    ? await getCustomer(invocation, command.customerId)
    : await boundCustomer(invocation);
  return listingPage(
    invocation.runtime,
    { customerId: customer?.id, kind: command.kind },
    { page: command.page ?? 1, after: command.after },
  );
}
