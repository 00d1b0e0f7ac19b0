/**
 * `retry steps <id>` and the card's "Retry failed steps" button: runs only the failed steps of a tracked operation
 * again, authorised by what those steps do (the kind's effects), and answers the operation's card as it stands.
 */

import { effectsNeedingApproval, mayNeedRequest } from '../core/approvals/requestable';
import { recordAudit } from '../core/audit';
import { requireEffects, roleOf } from '../core/authorize';
import type { CommandOf } from '../core/commands';
import type { Effect } from '../core/commands/effects';
import { fail } from '../core/errors';
import type { ResultReply, Secret } from '../core/reply';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { operationReply, operationStepsOf, retryEffects, runStepsAgain } from '../core/steps';
import type { Customer } from '../store/types';

export async function retryFailedSteps(
  invocation: Invocation,
  command: CommandOf<'retry-steps'>,
): Promise<ResultReply> {
  const { runtime } = invocation;
  const operation = await runtime.store.trackedOperations.get(command.operationId);
  if (!operation) {
    throw fail('unknown-operation', `No operation ${command.operationId} is recorded; its card shows its id.`);
  }
  if (operation.kind === 'bulk') {
    const batchId = typeof operation.input.batchId === 'string' ? operation.input.batchId : operation.id;
    throw fail(
      'unknown-operation',
      `${operation.id} is part of bulk batch ${batchId}: \`bulk run ${batchId}\` runs its rows that have not run.`,
    );
  }
  const customer = await getCustomer(invocation, operation.customerId);
  invocation.target = operation.upn;
  const definition = operationStepsOf(operation.kind);
  const failed = operation.steps.filter((step) => step.state === 'failed').map((step) => step.key);
  // Authorised by what the retry re-runs (an offboarding's failed steps each carry their own effect).
  const effects = retryEffects(definition, operation, failed);
  await requireEffects(invocation, effects);
  await refuseWhatNeedsApproval(invocation, customer, effects);
  if (failed.length === 0) {
    const reply = operationReply(operation);
    return { ...reply, notes: [...(reply.notes ?? []), 'No step of this operation has failed, so nothing ran again.'] };
  }
  let secret: Secret | undefined;
  const after = await runStepsAgain(runtime, definition, operation, ['failed'], {
    onSecret: (shown) => (secret = shown),
  });
  const stillFailed = after.steps.filter((step) => step.state === 'failed').map((step) => step.key);
  await recordAudit(invocation, {
    action: 'retry-steps',
    result: stillFailed.length === 0 ? 'ok' : 'failed',
    details: { operationId: operation.id, kind: operation.kind, retried: failed, stillFailed },
  });
  const reply = { ...operationReply(after), ...(secret ? { secret } : {}) };
  return reply.progress ? { ...reply, progress: { ...reply.progress, answerOnly: true } } : reply;
}

/** A retry of what the customer's policy puts behind an approval (a delete) is an approver's to click. */
async function refuseWhatNeedsApproval(
  invocation: Invocation,
  customer: Customer,
  effects: readonly Effect[],
): Promise<void> {
  const held = await roleOf(invocation.runtime, invocation.request.context);
  if (mayNeedRequest(held, effects) === 'no') return;
  const needing = effectsNeedingApproval(customer, effects);
  if (needing.length === 0) return;
  throw fail(
    'forbidden',
    `${customer.name}'s policy has an approver decide ${needing.join(', ')}, so retrying that step is an approver's to click; nothing ran again.`,
  );
}
