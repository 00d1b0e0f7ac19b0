/**
 * The steps of an add-user operation (core/steps): the account and its licences (done by add user itself before
 * the operation starts, so recorded as done), the plan template's groups, then what needs the mailbox, which
 * Exchange makes minutes to hours after the licence: the aliases and the shared-mailbox grants wait for it, tried
 * again every 10 minutes by the operation's durable job (template-steps.ts).
 */
import { M365Error } from '../../m365/errors';
import { aliasesIn, toEmailAddresses } from '../addresses';
import type { Runtime } from '../runtime';
import { redrawOperationCards } from '../steps/operation-card';
import type { OperationSteps, StepOutcome, StepRun } from '../steps/step-types';
import { audited } from './step-audit';
import { grantSharedMailbox, joinGroup, mailboxNotReady } from './template-steps';

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
    // Families: one step per group (`group:Sales`) and per shared mailbox (`shared-mailbox:sales@contoso.com`).
    group: { key: 'group', label: 'Join a group', run: audited('join-group', joinGroup) },
    'shared-mailbox': {
      key: 'shared-mailbox',
      label: 'Grant a shared mailbox',
      run: audited('grant-mailbox-access', grantSharedMailbox),
    },
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
