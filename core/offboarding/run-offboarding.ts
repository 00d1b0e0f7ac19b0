/**
 * Starts an offboarding as a tracked operation (core/steps): one step per chosen option in the order of steps.ts,
 * run under the user's lock, on one card that is redrawn as steps finish (a step waiting for the mailbox finishes
 * later through the operation's durable job; "Retry failed steps" re-runs only the failed). The start is audited
 * with each step as it stands (never the temporary password), so nothing is half-done without a record. Chat
 * commands and the scheduled job (jobs/offboard-job.ts) both come here.
 */
import type { TrackedOperation } from '../../store/tracked-operation';
import type { AuditRecord, Customer } from '../../store/types';
import type { ResultReply } from '../reply';
import type { Runtime } from '../runtime';
import { lockServiceUser } from '../service-users';
import { startOperation } from '../steps';
import { cardInputKey, type OperationCard } from '../steps/operation-card';
import { describeChoice, type OffboardChoice } from './options';
import type { OffboardInput } from './step-input';
import { offboardOperationSteps, stepsOf } from './steps';

export interface OffboardTarget {
  customer: Customer;
  tenantId: string;
  objectId: string;
  upn: string;
  choice: OffboardChoice;
  /** The user held an admin role when it was asked (a retried password reset is an admin's). */
  adminTarget?: boolean;
}

/** Writes the audit record of the start (chat: the requester's; the job: m365ops's on their behalf). */
export type AuditWriter = (entry: {
  action: string;
  result: AuditRecord['result'];
  target: string;
  error?: string;
  details: Record<string, unknown>;
}) => Promise<AuditRecord>;

export interface OffboardStart {
  requestedBy: string;
  /** Said on the card under the steps (what `delete` cleared, who scheduled it). */
  notes: string[];
  audit: AuditWriter;
  /** A scheduled run has no one to show a temporary password to. */
  secretsTo: 'requester' | 'nobody';
}

export async function startOffboarding(
  runtime: Runtime,
  target: OffboardTarget,
  start: OffboardStart,
): Promise<ResultReply> {
  const { customer, tenantId, objectId, upn, choice } = target;
  const card: OperationCard = {
    title: `Offboarding ${upn}`,
    doneTitle: `Offboarded ${upn}`,
    facts: [{ label: 'User', value: upn }],
    notes: start.notes,
    customerId: customer.id,
    customerName: customer.name,
    tenantId,
  };
  const input: OffboardInput = { objectId, choice, ...(target.adminTarget ? { adminTarget: true } : {}) };
  return lockServiceUser(runtime, customer.id, objectId, async () => {
    const reply = await startOperation(runtime, offboardOperationSteps, {
      customerId: customer.id,
      upn,
      requestedBy: start.requestedBy,
      steps: stepsOf(choice).map((step) => ({ key: step.key })),
      input: input as unknown as Record<string, unknown>,
      card,
      secretsTo: start.secretsTo,
    });
    const operationId = reply.progress?.operationId as string;
    const operation = await runtime.store.trackedOperations.get(operationId);
    const record = await start.audit(auditEntry(target, operation as TrackedOperation));
    // The card keeps the audit id for every redraw.
    await runtime.store.trackedOperations.mergeInput(operationId, { [cardInputKey]: { ...card, auditId: record.id } });
    const notes = [...(reply.notes ?? [])];
    if (reply.secret) notes.push('The temporary password is shown only this once, only to you.');
    return { ...reply, notes, auditId: record.id };
  });
}

function auditEntry(target: OffboardTarget, operation: TrackedOperation): Parameters<AuditWriter>[0] {
  const failed = operation.steps.filter((step) => step.state === 'failed');
  return {
    action: 'offboard',
    result: failed.length > 0 ? 'failed' : 'ok',
    target: target.upn,
    ...(failed.length > 0 ? { error: failed.map((step) => `${step.label}: ${step.detail}`).join(' ') } : {}),
    details: {
      objectId: target.objectId,
      options: describeChoice(target.choice),
      operationId: operation.id,
      steps: operation.steps.map((step) => ({ key: step.key, state: step.state, detail: step.detail })),
    },
  };
}
