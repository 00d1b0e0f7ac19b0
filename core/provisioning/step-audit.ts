/**
 * A step that changes the tenant leaves an audit record when it finishes, done or failed (not while it waits), on
 * behalf of whoever asked for the operation: a grant the operation's job makes hours later is on record like the
 * add user that asked for it.
 */
import type { StepOutcome, StepRun } from '../steps/step-types';

type StepImplementation = (run: StepRun) => Promise<StepOutcome>;

export function audited(action: string, implementation: StepImplementation): StepImplementation {
  return async (run) => {
    let outcome: StepOutcome;
    try {
      outcome = await implementation(run);
    } catch (error) {
      await record(run, action, { state: 'failed', detail: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    if (outcome.state === 'done' || outcome.state === 'failed') await record(run, action, outcome);
    return outcome;
  };
}

async function record(run: StepRun, action: string, outcome: { state: string; detail?: string }): Promise<void> {
  const { runtime, operation, key } = run;
  const failed = outcome.state === 'failed';
  await runtime.store.audit.append({
    actor: operation.requestedBy,
    where: `operation ${operation.id}`,
    customerId: operation.customerId,
    tenantId: run.tenantId,
    action,
    target: operation.upn,
    result: failed ? 'failed' : 'ok',
    ...(failed && outcome.detail ? { error: outcome.detail } : {}),
    details: { operationId: operation.id, step: key, ...(!failed && outcome.detail ? { done: outcome.detail } : {}) },
  });
}
