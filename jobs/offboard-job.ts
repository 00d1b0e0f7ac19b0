/**
 * A scheduled offboarding (core/offboarding/schedule.ts) runs when its time comes: once, as the same tracked
 * operation as a chat command, audited on behalf of who scheduled it, its card posted where it was asked (else the
 * customer's channel) and redrawn there as steps finish. A temporary password set by a scheduled run is shown to
 * nobody: there is no one to show it to privately (its step says so).
 */
import { startOffboarding } from '../core/offboarding/run-offboarding';
import { type OffboardJobPayload, offboardJobType, payloadOf } from '../core/offboarding/schedule';
import type { ResultReply } from '../core/reply';
import type { Runtime } from '../core/runtime';
import { noteOperationCard } from '../core/steps';
import type { Job, MessageRef } from '../store/types';
import type { JobHandler, JobOutcome } from './job-runner';

export { offboardJobType };

export function createOffboardJobHandler(runtime: Runtime): JobHandler {
  async function run(job: Job): Promise<JobOutcome> {
    const payload = payloadOf(job);
    const customer = await runtime.store.customers.get(payload.customerId);
    const user = await runtime.store.serviceUsers.get(payload.customerId, payload.objectId);
    if (!customer?.tenantId || user?.status !== 'active') {
      return { outcome: 'give-up', error: `${payload.upn} is no longer an active service user of the customer.` };
    }
    const target = {
      customer,
      tenantId: customer.tenantId,
      objectId: user.objectId,
      upn: user.upn,
      choice: payload.choice,
    };
    const reply = await startOffboarding(runtime, target, {
      requestedBy: payload.requestedBy,
      notes: [`Scheduled by ${payload.requestedByName ?? payload.requestedBy}.`],
      secretsTo: 'nobody',
      audit: (entry) =>
        runtime.store.audit.append({
          ...entry,
          actor: payload.requestedBy,
          where: `scheduled offboarding (asked in ${payload.where})`,
          customerId: customer.id,
          tenantId: customer.tenantId,
          details: { ...entry.details, jobId: job.id, scheduledFor: job.runAt.toISOString() },
        }),
    });
    await report(runtime, payload, reply);
    return { outcome: 'done' };
  }

  async function onGiveUp(job: Job, error: string): Promise<void> {
    const payload = payloadOf(job);
    await runtime.store.audit.append({
      actor: payload.requestedBy,
      where: `scheduled offboarding (asked in ${payload.where})`,
      customerId: payload.customerId,
      action: 'offboard',
      target: payload.upn,
      result: 'failed',
      error,
      details: { jobId: job.id },
    });
    await report(runtime, payload, {
      kind: 'text',
      text: `The scheduled offboarding of ${payload.upn} did not run: ${error}`,
    });
  }

  return { run, onGiveUp };
}

async function report(
  runtime: Runtime,
  payload: OffboardJobPayload,
  reply: ResultReply | { kind: 'text'; text: string },
): Promise<void> {
  const notifier = runtime.notifier;
  if (!notifier) return;
  try {
    let posted: MessageRef | undefined;
    if (payload.conversation) posted = await notifier.postTo(payload.conversation, reply);
    else if (await notifier.canPost(payload.customerId)) posted = await notifier.post(payload.customerId, reply);
    // The operation's card is redrawn there as steps finish.
    if (posted && reply.kind === 'result') await noteOperationCard(runtime, reply, posted);
  } catch (error) {
    runtime.logger.warn(
      { err: error, upn: payload.upn },
      'could not report a scheduled offboarding; it is in the audit log',
    );
  }
}
