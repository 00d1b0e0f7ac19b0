/**
 * What an offboarding operation keeps for its steps (core/steps: `operation.input`): the user's object id, the
 * choice of options with their values, and whether the user held an admin role when it was asked (a retried password
 * reset is then an admin's). Never a password.
 */
import { M365Error } from '../../m365/errors';
import type { MailboxDetails, TenantClient } from '../../m365/types';
import { mailboxRetryMs } from '../provisioning/template-steps';
import type { StepOutcome, StepRun } from '../steps/step-types';
import type { OffboardChoice, OffboardOptionName } from './options';

export interface OffboardInput {
  objectId: string;
  choice: OffboardChoice;
  adminTarget?: boolean;
}

export function offboardInputOf(run: Pick<StepRun, 'operation'>): OffboardInput {
  return run.operation.input as unknown as OffboardInput;
}

export function tenantOf(run: StepRun): TenantClient {
  return run.runtime.gateway.forTenant(run.tenantId);
}

/** The steps that need the mailbox: they wait for it while Exchange has still to make it. */
export const mailboxStepKeys: readonly OffboardOptionName[] = [
  'convert-to-shared',
  'forward-to',
  'grant-mailbox',
  'out-of-office',
  'hide-from-gal',
];

export const done = (detail?: string): StepOutcome => ({ state: 'done', ...(detail ? { detail } : {}) });
export const skipped = (detail: string): StepOutcome => ({ state: 'skipped', detail });

/** The mailbox's details, or null when it does not exist (yet). */
export async function readMailbox(run: StepRun): Promise<MailboxDetails | null> {
  try {
    return await tenantOf(run).getMailboxDetails(run.operation.upn);
  } catch (error) {
    if (error instanceof M365Error && error.code === 'mailbox-not-ready') return null;
    throw error;
  }
}

/**
 * The mailbox, or what a step without one answers: waiting while a licence with Exchange means Exchange will make
 * it, skipped when the user has no such licence (no mailbox will come).
 */
export async function mailboxOrOutcome(run: StepRun): Promise<{ mailbox: MailboxDetails } | { outcome: StepOutcome }> {
  const mailbox = await readMailbox(run);
  if (mailbox) return { mailbox };
  const { upn } = run.operation;
  if (!(await holdsExchangeLicence(run))) return { outcome: skipped(`${upn} has no mailbox.`) };
  return {
    outcome: mailboxRetryWait(`The mailbox of ${upn} is not ready yet (Exchange makes it after the licence)`),
  };
}

/** Waiting for the mailbox, tried again every 10 minutes by the operation's durable job (as add user's aliases). */
export function mailboxRetryWait(why: string): StepOutcome {
  return { state: 'waiting', detail: `${why}; retrying every 10 min.`, retryInMs: mailboxRetryMs };
}

async function holdsExchangeLicence(run: StepRun): Promise<boolean> {
  const user = await tenantOf(run).getUser(offboardInputOf(run).objectId);
  if (!user || user.assignedLicenses.length === 0) return false;
  const skus = await run.runtime.skus.list(run.tenantId);
  return user.assignedLicenses.some((licence) =>
    skus
      .find((sku) => sku.skuId === licence.skuId)
      ?.servicePlans.some((plan) => /^EXCHANGE_S_/i.test(plan.servicePlanName)),
  );
}

/** Whether a mailbox step of the operation still waits for the mailbox. */
export function mailboxStepWaiting(run: StepRun): boolean {
  return run.operation.steps.some(
    (step) => (mailboxStepKeys as readonly string[]).includes(step.key) && step.state === 'waiting',
  );
}
