/**
 * `retry steps <id>` and the card's "Retry failed steps" button: runs only the failed steps of a tracked operation
 * again, authorised by what those steps do (the kind's effects), and answers the operation's card as it stands.
 */
import { recordAudit } from '../core/audit';
import { requireEffects } from '../core/authorize';
import type { CommandOf } from '../core/commands';
import { fail } from '../core/errors';
import type { ResultReply } from '../core/reply';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { operationReply, operationStepsOf, runOperationSteps } from '../core/steps';

export async function retryFailedSteps(
  invocation: Invocation,
  command: CommandOf<'retry-steps'>,
): Promise<ResultReply> {
  const { runtime } = invocation;
  const operation = await runtime.store.trackedOperations.get(command.operationId);
  if (!operation) {
    throw fail('unknown-operation', `No operation ${command.operationId} is recorded; its card shows its id.`);
  }
  await getCustomer(invocation, operation.customerId);
  invocation.target = operation.upn;
  const definition = operationStepsOf(operation.kind);
  await requireEffects(invocation, definition.effects);
  const failed = operation.steps.filter((step) => step.state === 'failed').map((step) => step.key);
  if (failed.length === 0) {
    const reply = operationReply(operation);
    return { ...reply, notes: [...(reply.notes ?? []), 'No step of this operation has failed, so nothing ran again.'] };
  }
  const after = await runOperationSteps(runtime, definition, operation.id, ['failed']);
  const stillFailed = after.steps.filter((step) => step.state === 'failed').map((step) => step.key);
  await recordAudit(invocation, {
    action: 'retry-steps',
    result: stillFailed.length === 0 ? 'ok' : 'failed',
    details: { operationId: operation.id, kind: operation.kind, retried: failed, stillFailed },
  });
  const reply = operationReply(after);
  return reply.progress ? { ...reply, progress: { ...reply.progress, answerOnly: true } } : reply;
}
