/**
 * A bulk batch with rows an approver must decide (a grant-admin row asked by helpdesk, a delete the customer's
 * policy holds back) becomes one request for the whole batch (design §9): nothing runs until an approver approves
 * it, and then every row runs as the approver on the requester's behalf, the new users' passwords going to the
 * requester alone.
 */
import { askForWhole } from '../core/approvals/ask';
import { effectsNeedingApproval, mayNeedRequest } from '../core/approvals/requestable';
import { roleOf } from '../core/authorize';
import { effectsOf } from '../core/command-catalog';
import type { ResultReply } from '../core/reply';
import type { Invocation } from '../core/runtime';
import type { Batch, BatchRowInput } from './bulk-batch';

const namedRows = 5;

/** The request for the batch, or undefined when no row needs an approver (the batch runs). */
export async function askForBatch(
  invocation: Invocation,
  batch: Batch,
  pending: readonly BatchRowInput[],
): Promise<ResultReply | undefined> {
  const asking = await rowsForApprover(invocation, pending);
  const first = asking[0];
  if (!first) return undefined;
  const customer = await invocation.runtime.store.customers.get(first.customerId ?? batch.customerId);
  if (!customer) return undefined;
  const named = asking.slice(0, namedRows).map((row) => `row ${row.row} ${row.action} ${row.user}`);
  const more = asking.length > namedRows ? ` and ${asking.length - namedRows} more` : '';
  const asks = `${pending.length} rows; an approver decides ${named.join(', ')}${more}`;
  return askForWhole(invocation, customer, { name: 'bulk-run', batchId: batch.id, confirmed: true, asks });
}

async function rowsForApprover(invocation: Invocation, pending: readonly BatchRowInput[]): Promise<BatchRowInput[]> {
  const { runtime, request } = invocation;
  const role = await roleOf(runtime, request.context);
  const asking: BatchRowInput[] = [];
  for (const row of pending) {
    const effects = effectsOf(row.command!);
    const may = mayNeedRequest(role, effects);
    if (may === 'yes') asking.push(row);
    else if (may === 'policy' && row.customerId) {
      const customer = await runtime.store.customers.get(row.customerId);
      if (customer && effectsNeedingApproval(customer, effects).length > 0) asking.push(row);
    }
  }
  return asking;
}
