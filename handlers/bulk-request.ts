/**
 * A bulk batch with rows an approver must decide (a grant-admin row asked by helpdesk, a delete the customer's
 * policy holds back) becomes one request for the whole batch (design §9): nothing runs until an approver approves
 * it, and then every row runs as the approver on the requester's behalf, the new users' passwords going to the
 * requester alone.
 */
import { askForWhole } from '../core/approvals/ask';
import { needsApprover } from '../core/approvals/requestable';
import { roleOf } from '../core/authorize';
import { effectsOf } from '../core/command-catalog';
import type { ResultReply } from '../core/reply';
import type { Invocation } from '../core/runtime';
import type { Customer } from '../store/types';
import type { Batch, BatchRowInput } from './bulk-batch';

const namedRows = 5;

/** The request for the batch, or undefined when no row needs an approver (the batch runs). */
export async function askForBatch(
  invocation: Invocation,
  batch: Batch,
  pending: readonly BatchRowInput[],
): Promise<ResultReply | undefined> {
  const asking = await rowsForApprover(invocation, pending, batch.customerId);
  const first = asking[0];
  if (!first) return undefined;
  const named = asking.slice(0, namedRows).map(({ row }) => `row ${row.row} ${row.action} ${row.user}`);
  const more = asking.length > namedRows ? ` and ${asking.length - namedRows} more` : '';
  const asks = `${pending.length} rows; an approver decides ${named.join(', ')}${more}`;
  return askForWhole(invocation, first.customer, { name: 'bulk-run', batchId: batch.id, confirmed: true, asks });
}

async function rowsForApprover(
  invocation: Invocation,
  pending: readonly BatchRowInput[],
  batchCustomerId: string,
): Promise<{ row: BatchRowInput; customer: Customer }[]> {
  const { runtime, request } = invocation;
  const role = await roleOf(runtime, request.context);
  // One read per customer in the file, not per row.
  const customers = new Map<string, Promise<Customer | null>>();
  const customerOf = (id: string) => {
    if (!customers.has(id)) customers.set(id, runtime.store.customers.get(id));
    return customers.get(id)!;
  };
  const asking: { row: BatchRowInput; customer: Customer }[] = [];
  for (const row of pending) {
    const customer = await customerOf(row.customerId ?? batchCustomerId);
    if (customer && needsApprover(role, customer, effectsOf(row.command!))) asking.push({ row, customer });
  }
  return asking;
}
