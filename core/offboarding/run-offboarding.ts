/**
 * Runs an offboarding's steps in order under the user's lock, each failure recorded with the service's reason and
 * the run as a whole audited (never the temporary password), so nothing is half-done without a record. Chat commands
 * and the scheduled job (jobs/offboard-job.ts) both come here.
 */
import { M365Error } from '../../m365/errors';
import type { AuditRecord, Customer } from '../../store/types';
import { HandlerError } from '../handler-error';
import type { ResultReply } from '../reply';
import type { Runtime } from '../runtime';
import { lockServiceUser } from '../service-users';
import { createTemporaryPassword } from '../temporary-password';
import { LifecycleUnavailable } from './lifecycle-tenant';
import { describeChoice, type OffboardChoice } from './options';
import { type OffboardOutcome, type OffboardRun, stepsOf } from './steps';

export interface OffboardTarget {
  customer: Customer;
  tenantId: string;
  objectId: string;
  upn: string;
  choice: OffboardChoice;
}

export interface StepResult {
  key: string;
  label: string;
  state: OffboardOutcome['state'];
  detail?: string;
}

export interface OffboardResult {
  steps: StepResult[];
  /** The temporary password, when one was set: for the requester's eyes only. */
  password?: string;
  audit: AuditRecord;
}

/** Writes the audit record of the run (chat: the requester's; the job: m365ops's on their behalf). */
export type AuditWriter = (entry: {
  action: string;
  result: AuditRecord['result'];
  target: string;
  error?: string;
  details: Record<string, unknown>;
}) => Promise<AuditRecord>;

export async function runOffboarding(
  runtime: Runtime,
  target: OffboardTarget,
  audit: AuditWriter,
): Promise<OffboardResult> {
  return lockServiceUser(runtime, target.customer.id, target.objectId, async () => {
    const run: OffboardRun = {
      runtime,
      tenant: runtime.gateway.forTenant(target.tenantId),
      customer: target.customer,
      userId: target.objectId,
      upn: target.upn,
      choice: target.choice,
      learned: {},
      newPassword: createTemporaryPassword,
    };
    const steps: StepResult[] = [];
    let password: string | undefined;
    for (const step of stepsOf(target.choice)) {
      const outcome = await runStep(runtime, step.run.bind(step), run);
      if (step.key === 'convert-to-shared' && outcome.state === 'failed') run.learned.convertFailed = true;
      if (outcome.state === 'done' && outcome.secret) password = outcome.secret;
      steps.push({
        key: step.key,
        label: step.label,
        state: outcome.state,
        ...(outcome.detail ? { detail: outcome.detail } : {}),
      });
    }
    await recordStatus(runtime, target, steps);
    const failed = steps.filter((step) => step.state === 'failed');
    const record = await audit({
      action: 'offboard',
      result: failed.length > 0 ? 'failed' : 'ok',
      target: target.upn,
      ...(failed.length > 0 ? { error: failed.map((step) => `${step.label}: ${step.detail}`).join(' ') } : {}),
      details: {
        objectId: target.objectId,
        options: describeChoice(target.choice),
        steps: steps.map((step) => ({ key: step.key, state: step.state, detail: step.detail })),
      },
    });
    return { steps, audit: record, ...(password ? { password } : {}) };
  });
}

async function runStep(
  runtime: Runtime,
  step: (run: OffboardRun) => Promise<OffboardOutcome>,
  run: OffboardRun,
): Promise<OffboardOutcome> {
  try {
    return await step(run);
  } catch (error) {
    if (error instanceof M365Error || error instanceof HandlerError || error instanceof LifecycleUnavailable) {
      return { state: 'failed', detail: error.message };
    }
    runtime.logger.error({ err: error, upn: run.upn }, 'an offboarding step failed unexpectedly');
    return { state: 'failed', detail: 'Something unexpected went wrong; the log has the details.' };
  }
}

/** The record follows the tenant: deleted, removed (licences gone), or still active. */
async function recordStatus(runtime: Runtime, target: OffboardTarget, steps: StepResult[]): Promise<void> {
  const isDone = (key: string) => steps.some((step) => step.key === key && step.state === 'done');
  const status = isDone('delete') ? 'deleted' : isDone('remove-licences') ? 'removed' : undefined;
  if (status) await runtime.store.serviceUsers.update(target.customer.id, target.objectId, { status });
}

const icons: Record<StepResult['state'], string> = { done: '✅', skipped: '⏭', failed: '❌' };

/** The answer: one fact per step, and a title that never says done while a step failed. */
export function offboardReply(target: OffboardTarget, result: OffboardResult, notes: string[]): ResultReply {
  const failed = result.steps.filter((step) => step.state === 'failed').length;
  const title =
    failed === 0
      ? `Offboarded ${target.upn}`
      : `Offboarding ${target.upn}: ${failed} of ${result.steps.length} steps failed`;
  return {
    kind: 'result',
    title,
    facts: result.steps.map((step) => ({
      label: step.label,
      value: `${icons[step.state]} ${step.state}${step.detail ? `: ${step.detail}` : ''}`,
    })),
    notes: [
      ...notes,
      ...(failed > 0
        ? ['The failed steps changed nothing; run `offboard` again with those options once the cause is fixed.']
        : []),
      ...(result.password ? ['The temporary password is shown only this once, only to you.'] : []),
    ],
    customerId: target.customer.id,
    customerName: target.customer.name,
    tenantId: target.tenantId,
    auditId: result.audit.id,
    ...(result.password ? { secret: { label: `Temporary password for ${target.upn}`, value: result.password } } : {}),
  };
}
