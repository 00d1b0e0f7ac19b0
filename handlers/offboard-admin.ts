/** `cancel offboard <upn>` (a scheduled one, before it runs) and `policy <customer> offboard …` (the form's defaults). */
import { recordAudit } from '../core/audit';
import { requireEffects } from '../core/authorize';
import type { CommandOf } from '../core/commands';
import { fail } from '../core/errors';
import { findManagedUser } from '../core/managed-user';
import { formatInZone } from '../core/offboarding/check-input';
import { describeChoice, effectsOfChoice } from '../core/offboarding/options';
import { findScheduled, payloadOf } from '../core/offboarding/schedule';
import type { ResultReply } from '../core/reply';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';

export async function cancelOffboard(
  invocation: Invocation,
  command: CommandOf<'cancel-offboard'>,
): Promise<ResultReply> {
  const { customer, record, tenantId } = await findManagedUser(invocation, command.upn, command.customerId);
  const job = await findScheduled(invocation.runtime, customer.id, record.objectId);
  if (!job) {
    throw fail(
      'not-scheduled',
      `No offboarding of ${record.upn} is scheduled, so there is nothing to cancel (one that has started cannot be stopped).`,
    );
  }
  const payload = payloadOf(job);
  // Whoever could have asked for it may cancel it.
  await requireEffects(invocation, effectsOfChoice(payload.choice.options));
  const who = invocation.request.context.displayName ?? invocation.request.context.identity;
  const cancelled = await invocation.runtime.store.jobs.cancel(job.id, `Cancelled by ${who}.`);
  if (!cancelled)
    throw fail(
      'not-scheduled',
      `The offboarding of ${record.upn} has already started, so it can no longer be cancelled.`,
    );
  const audit = await recordAudit(invocation, {
    action: 'cancel-offboard',
    result: 'ok',
    target: record.upn,
    details: { jobId: job.id, at: job.runAt.toISOString(), scheduledBy: payload.requestedBy },
  });
  return {
    kind: 'result',
    title: `Cancelled the offboarding of ${record.upn} scheduled for ${formatInZone(job.runAt)}`,
    facts: [
      { label: 'Was to do', value: describeChoice(payload.choice) },
      { label: 'Scheduled by', value: payload.requestedByName ?? payload.requestedBy },
    ],
    notes: ['Nothing was changed in the tenant.'],
    customerId: customer.id,
    customerName: customer.name,
    tenantId,
    auditId: audit.id,
  };
}

export async function setOffboardDefaults(
  invocation: Invocation,
  command: CommandOf<'policy-offboard'>,
): Promise<ResultReply> {
  const customer = await getCustomer(invocation, command.customerId);
  const updated = await invocation.runtime.store.customers.update(customer.id, {
    offboardDefaults: command.options.length > 0 ? command.options : undefined,
  });
  const audit = await recordAudit(invocation, {
    action: 'policy-offboard',
    result: 'ok',
    details: { options: command.options },
  });
  const listed = updated.offboardDefaults?.join(', ') || 'none';
  return {
    kind: 'result',
    title: `The offboarding form for ${customer.name} opens with: ${listed}`,
    facts: [{ label: 'Ticked by default', value: listed }],
    notes: ['Typed options and presets are not changed by this; `offboard <upn>` alone shows the form.'],
    customerId: customer.id,
    customerName: customer.name,
    auditId: audit.id,
  };
}
