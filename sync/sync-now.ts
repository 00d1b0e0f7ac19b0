/** `sync [<customer>]`: runs the sync now for one customer (named, or the channel's) or all, reporting progress. */
import type { SyncSummaryReply } from '../core/reply';
import type { ProgressListener, Request } from '../core/request';
import { boundCustomer, getCustomer } from '../core/resolve-customer';
import type { Invocation, Runtime } from '../core/runtime';
import type { Customer } from '../store/types';
import { runOwner, syncDefaults } from './run-owner';
import { syncCustomer } from './sync-customer';

export async function syncNow(
  runtime: Runtime,
  request: Request,
  onProgress?: ProgressListener,
): Promise<SyncSummaryReply> {
  const invocation: Invocation = { runtime, request };
  const command = request.command.name === 'sync' ? request.command : { customerId: undefined };
  let customers: Customer[];
  if (command.customerId) customers = [await getCustomer(invocation, command.customerId)];
  else {
    const bound = await boundCustomer(invocation);
    customers = bound ? [bound] : await runtime.store.customers.list();
  }
  const results: SyncSummaryReply['customers'] = [];
  for (const customer of customers) {
    const outcome = await syncCustomer(runtime, customer, {
      owner: runOwner(),
      leaseMs: syncDefaults.leaseMs,
      fullPassEveryMs: syncDefaults.fullPassEveryMs,
      // Whoever asks has often just changed something in the portal: a membership is not in user delta.
      planGroupsEveryRun: true,
      onProgress,
    });
    const { retryAt: _retryAt, runId: _runId, ...summary } = outcome;
    const bound = await runtime.store.bindings.get(customer.id);
    results.push(bound ? summary : { ...summary, noChannel: true });
  }
  return { kind: 'sync-summary', customers: results };
}
