/**
 * The steps of an add-user operation (core/steps): the account and its licences (done by add user itself before
 * the operation starts, so recorded as done), then what needs the mailbox, which Exchange makes minutes to hours
 * after the licence: the aliases wait for it, tried again every 10 minutes by the operation's durable job.
 */
import { M365Error } from '../../m365/errors';
import { aliasesIn, toEmailAddresses } from '../addresses';
import type { Runtime } from '../runtime';
import { redrawOperationCards } from '../steps/operation-card';
import type { OperationSteps, StepOutcome, StepRun } from '../steps/step-types';

export const mailboxRetryMs = 10 * 60_000;

function mailboxNotReady(upn: string): StepOutcome {
  return {
    state: 'waiting',
    detail: `The mailbox of ${upn} is not ready yet (Exchange makes it after the licence); retrying every 10 min.`,
    retryInMs: mailboxRetryMs,
  };
}

async function addAliases({ runtime, operation, tenantId }: StepRun): Promise<StepOutcome> {
  const aliases = (operation.input.aliases as string[] | undefined) ?? [];
  if (aliases.length === 0) return { state: 'skipped', detail: 'No aliases were asked for.' };
  const tenant = runtime.gateway.forTenant(tenantId);
  try {
    const mailbox = await tenant.getMailbox(operation.upn);
    if (!mailbox) return mailboxNotReady(operation.upn);
    if (!aliases.every((alias) => aliasesIn(mailbox.emailAddresses).includes(alias))) {
      await tenant.setMailboxAddresses(
        operation.upn,
        toEmailAddresses(mailbox.primarySmtpAddress, aliases, mailbox.emailAddresses),
      );
    }
  } catch (error) {
    if (error instanceof M365Error && error.code === 'mailbox-not-ready') return mailboxNotReady(operation.upn);
    throw error;
  }
  return { state: 'done', detail: aliases.join(', ') };
}

export const addUserSteps: OperationSteps = {
  kind: 'add-user',
  effects: ['user-create', 'licence-change'],
  steps: {
    account: {
      key: 'account',
      label: 'Create the account and assign the licences',
      // Done by add user before the operation starts; run again, it has nothing left to do.
      run: async () => ({ state: 'done' }),
    },
    aliases: { key: 'aliases', label: 'Add the aliases', run: addAliases },
  },
};

/**
 * The alias job finished (or gave up on) the aliases of `upn`: the waiting aliases step of the user's latest add-user
 * operation says so, and its card is redrawn. Nothing when no such step waits.
 */
export async function settleAliasStep(
  runtime: Runtime,
  customerId: string,
  upn: string,
  outcome: { state: 'done' | 'failed'; detail: string },
): Promise<void> {
  const [latest] = await runtime.store.trackedOperations.list(customerId, { upn, kind: 'add-user' });
  if (!latest?.steps.some((step) => step.key === 'aliases' && step.state === 'waiting')) return;
  const change = { ...outcome, at: runtime.clock.now() };
  const settled = await runtime.store.trackedOperations.setStep(latest.id, 'aliases', change, ['waiting']);
  if (settled?.won) await redrawOperationCards(runtime, settled.operation);
}
