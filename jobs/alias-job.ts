/**
 * Email aliases go on the Exchange mailbox as `SMTP:primary` / `smtp:alias`. A mailbox appears minutes to hours
 * after a licence is assigned, and alias changes fail until then: so when it is missing the change becomes a
 * durable job, retried with backoff for up to settings.aliasRetryWindowMs, reported when it succeeds or gives up.
 * The job reads the wanted aliases from the service user record when it runs, so later changes are not lost.
 */

import { aliasesIn, toEmailAddresses } from '../core/addresses';
import { licenceDigestJobType } from '../core/licence-digest';
import { settleAliasStep } from '../core/provisioning/add-user-steps';
import type { ResultReply } from '../core/reply';
import type { Runtime } from '../core/runtime';
import { M365Error } from '../m365/errors';
import type { Job } from '../store/types';
import { createAdminGrantJobHandlers } from './admin-grant-jobs';
import type { JobHandler, JobOutcome } from './job-runner';
import { createLicenceDigestJobHandler } from './licence-digest-job';
import { createOffboardJobHandler, offboardJobType } from './offboard-job';
import { createOperationStepsJobHandler, operationStepsJobType } from './operation-steps-job';
import { createRequestExpiryJobHandler, requestExpiryJobType } from './request-expiry-job';

export const aliasJobType = 'mailbox-aliases';
const firstRetryMs = 60_000;

export interface AliasTarget {
  customerId: string;
  tenantId: string;
  objectId: string;
  upn: string;
  aliases: string[];
}

/** Sets the aliases if the mailbox exists; otherwise queues the job. Says which happened. */
export async function applyAliasesNowOrLater(
  runtime: Runtime,
  target: AliasTarget,
  requestedBy: string,
): Promise<'applied' | 'queued'> {
  if (target.aliases.length === 0) return 'applied';
  const tenant = runtime.gateway.forTenant(target.tenantId);
  try {
    const mailbox = await tenant.getMailbox(target.upn);
    if (mailbox) {
      const have = aliasesIn(mailbox.emailAddresses);
      if (target.aliases.every((alias) => have.includes(alias))) return 'applied';
      await tenant.setMailboxAddresses(
        target.upn,
        toEmailAddresses(mailbox.primarySmtpAddress, target.aliases, mailbox.emailAddresses),
      );
      return 'applied';
    }
  } catch (error) {
    if (!(error instanceof M365Error && error.code === 'mailbox-not-ready')) throw error;
  }
  const now = runtime.clock.now();
  await runtime.store.jobs.enqueue({
    type: aliasJobType,
    payload: { customerId: target.customerId, objectId: target.objectId, requestedBy },
    runAt: new Date(now.getTime() + firstRetryMs),
    deadline: new Date(now.getTime() + runtime.settings.aliasRetryWindowMs),
    uniqueKey: `aliases:${target.customerId}:${target.objectId}`,
  });
  return 'queued';
}

/** Job handlers m365ops registers with the job runner (createApp passes them in); `owner` names this process. */
export function createJobHandlers(runtime: Runtime, owner = 'm365ops'): Record<string, JobHandler> {
  return {
    [aliasJobType]: createAliasJobHandler(runtime),
    [requestExpiryJobType]: createRequestExpiryJobHandler(runtime),
    [operationStepsJobType]: createOperationStepsJobHandler(runtime),
    [offboardJobType]: createOffboardJobHandler(runtime),
    [licenceDigestJobType]: createLicenceDigestJobHandler(runtime),
    ...createAdminGrantJobHandlers(runtime, owner),
  };
}

const retryable: ReadonlySet<string> = new Set(['mailbox-not-ready', 'throttled', 'unavailable', 'unexpected']);

function createAliasJobHandler(runtime: Runtime): JobHandler {
  async function run(job: Job): Promise<JobOutcome> {
    const customerId = String(job.payload.customerId);
    const user = await runtime.store.serviceUsers.get(customerId, String(job.payload.objectId));
    const customer = await runtime.store.customers.get(customerId);
    if (user?.status !== 'active' || !customer?.tenantId) {
      return { outcome: 'give-up', error: 'The user is no longer an active service user of the customer.' };
    }
    const tenant = runtime.gateway.forTenant(customer.tenantId);
    try {
      const mailbox = await tenant.getMailbox(user.upn);
      if (!mailbox) return { outcome: 'retry', error: `The mailbox of ${user.upn} does not exist yet.` };
      const have = aliasesIn(mailbox.emailAddresses);
      if (!user.aliases.every((alias) => have.includes(alias))) {
        await tenant.setMailboxAddresses(
          user.upn,
          toEmailAddresses(mailbox.primarySmtpAddress, user.aliases, mailbox.emailAddresses),
        );
      }
    } catch (error) {
      if (error instanceof M365Error && retryable.has(error.code)) return { outcome: 'retry', error: error.message };
      if (error instanceof M365Error) return { outcome: 'give-up', error: error.message };
      throw error;
    }
    const audit = await runtime.store.audit.append({
      actor: String(job.payload.requestedBy ?? 'm365ops'),
      where: 'alias job',
      customerId,
      tenantId: customer.tenantId,
      action: 'set-aliases',
      target: user.upn,
      result: 'ok',
      details: { aliases: user.aliases, attempts: job.attempts },
    });
    await settleAliasStep(runtime, customerId, user.upn, { state: 'done', detail: user.aliases.join(', ') });
    await report(runtime, customerId, {
      kind: 'result',
      title: `Added the aliases of ${user.upn}`,
      facts: [{ label: 'Aliases', value: user.aliases.join(', ') }],
      notes: ['The mailbox exists now, so the aliases waiting for it were added.'],
      customerId,
      customerName: customer.name,
      tenantId: customer.tenantId,
      auditId: audit.id,
    });
    return { outcome: 'done' };
  }

  async function onGiveUp(job: Job, error: string): Promise<void> {
    const customerId = String(job.payload.customerId);
    const user = await runtime.store.serviceUsers.get(customerId, String(job.payload.objectId));
    const customer = await runtime.store.customers.get(customerId);
    const upn = user?.upn ?? String(job.payload.objectId);
    await runtime.store.audit.append({
      actor: String(job.payload.requestedBy ?? 'm365ops'),
      where: 'alias job',
      customerId,
      tenantId: customer?.tenantId,
      action: 'set-aliases',
      target: upn,
      result: 'failed',
      error,
      details: { aliases: user?.aliases ?? [], attempts: job.attempts },
    });
    await settleAliasStep(runtime, customerId, upn, {
      state: 'failed',
      detail: `Gave up waiting for the mailbox: ${error}`,
    });
    await report(runtime, customerId, {
      kind: 'text',
      text: `Gave up adding the aliases of ${upn} (${(user?.aliases ?? []).join(', ')}): ${error} Add them in the Exchange admin center, or run \`add user ${upn} …\` again with the aliases.`,
    });
  }

  return { run, onGiveUp };
}

async function report(
  runtime: Runtime,
  customerId: string,
  reply: ResultReply | { kind: 'text'; text: string },
): Promise<void> {
  if (!runtime.notifier || !(await runtime.notifier.canPost(customerId))) return;
  try {
    await runtime.notifier.post(customerId, reply);
  } catch (error) {
    runtime.logger.warn({ err: error, customerId }, 'could not post the alias report; it is in the audit log');
  }
}
