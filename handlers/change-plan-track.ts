/**
 * change plan as a tracked operation (core/steps): one card with the licences switched (or already right) and the
 * new plan's groups joined, redrawn as steps finish; audited with each step as it stands.
 */
import { recordAudit } from '../core/audit';
import { changePlanSteps } from '../core/provisioning/change-plan-steps';
import type { ResultReply } from '../core/reply';
import type { Invocation } from '../core/runtime';
import { cardInputKey, type OperationCard, type OperationStart, startOperation } from '../core/steps';

export interface ChangedPlan {
  customerId: string;
  upn: string;
  objectId: string;
  planId: string;
  planName: string;
  /** What the licence step did, or why it had nothing to do. */
  licences: { state: 'done' | 'skipped'; detail: string };
  /** The audit record's details of the licence change. */
  details: Record<string, unknown>;
  /** The answer's facts and notes, as change plan words them. */
  card: Omit<OperationCard, 'title' | 'doneTitle'>;
}

export async function trackChangePlan(invocation: Invocation, changed: ChangedPlan): Promise<ResultReply> {
  const card: OperationCard = {
    ...changed.card,
    title: `Changing the plan of ${changed.upn} to ${changed.planName}`,
    doneTitle: `Moved ${changed.upn} to ${changed.planName}`,
  };
  const steps: OperationStart['steps'] = [{ key: 'licences', ...changed.licences }, { key: 'groups' }];
  const reply = await startOperation(invocation.runtime, changePlanSteps, {
    customerId: changed.customerId,
    upn: changed.upn,
    requestedBy: invocation.request.context.identity,
    steps,
    input: { objectId: changed.objectId, planId: changed.planId },
    card,
  });
  const operationId = reply.progress?.operationId as string;
  const operation = await invocation.runtime.store.trackedOperations.get(operationId);
  const failed = operation?.steps.filter((step) => step.state === 'failed') ?? [];
  const audit = await recordAudit(invocation, {
    action: 'change-plan',
    result: failed.length > 0 ? 'failed' : 'ok',
    target: changed.upn,
    ...(failed.length > 0 ? { error: failed.map((step) => `${step.label}: ${step.detail}`).join(' ') } : {}),
    details: {
      ...changed.details,
      operationId,
      steps: operation?.steps.map((step) => ({ key: step.key, state: step.state, detail: step.detail })),
    },
  });
  // The card keeps the audit id for every redraw.
  await invocation.runtime.store.trackedOperations.mergeInput(operationId, {
    [cardInputKey]: { ...card, auditId: audit.id },
  });
  return { ...reply, auditId: audit.id };
}
