/**
 * The offboarding steps on the Exchange mailbox, run while the licence still holds it: convert to shared (warning
 * near the 50 GB a shared mailbox holds without a licence), forwarding, Full Access for a colleague, the
 * out-of-office reply, hiding from the address book. Each waits while Exchange has still to make the mailbox.
 */
import type { StepDefinition } from '../steps/step-types';
import { done, mailboxOrOutcome, offboardInputOf, skipped, tenantOf } from './step-input';

const gb = 1024 ** 3;
/** A shared mailbox holds up to 50 GB without a licence; warn from 45. */
export const sharedMailboxLimitBytes = 50 * gb;
const nearSharedLimitBytes = 45 * gb;

export function formatSize(bytes: number): string {
  return `${(bytes / gb).toFixed(1)} GB`;
}

function sizeWarning(bytes: number): string {
  if (bytes > sharedMailboxLimitBytes) {
    return ` Warning: it holds ${formatSize(bytes)}, over the 50 GB a shared mailbox may hold without a licence; it keeps its licence until it is smaller.`;
  }
  if (bytes >= nearSharedLimitBytes) {
    return ` Warning: it holds ${formatSize(bytes)}, near the 50 GB a shared mailbox may hold without a licence.`;
  }
  return '';
}

export const mailboxSteps: StepDefinition[] = [
  {
    key: 'convert-to-shared',
    label: 'Convert the mailbox to shared',
    async run(run) {
      const found = await mailboxOrOutcome(run);
      if ('outcome' in found) return found.outcome;
      const size = sizeWarning(found.mailbox.sizeBytes);
      if (found.mailbox.type === 'shared') return skipped(`The mailbox was shared already.${size}`);
      await tenantOf(run).convertMailboxToShared(run.operation.upn);
      return done(size.trim() || undefined);
    },
  },
  {
    key: 'forward-to',
    label: 'Forward mail',
    async run(run) {
      const { choice } = offboardInputOf(run);
      const to = choice.forwardTo as string;
      const keepCopy = choice.keepCopy === true;
      const found = await mailboxOrOutcome(run);
      if ('outcome' in found) return found.outcome;
      const copy = keepCopy ? ', keeping a copy' : '';
      if (found.mailbox.forwardingTo?.toLowerCase() === to.toLowerCase() && found.mailbox.keepCopy === keepCopy) {
        return skipped(`Mail was forwarded to ${to}${copy} already.`);
      }
      await tenantOf(run).setMailboxForwarding(run.operation.upn, to, keepCopy);
      return done(`To ${to}${copy}.`);
    },
  },
  {
    key: 'grant-mailbox',
    label: 'Give mailbox access',
    async run(run) {
      const to = offboardInputOf(run).choice.grantMailbox as string;
      const found = await mailboxOrOutcome(run);
      if ('outcome' in found) return found.outcome;
      await tenantOf(run).grantMailboxAccess(run.operation.upn, to, 'FullAccess');
      return done(`${to} has Full Access.`);
    },
  },
  {
    key: 'out-of-office',
    label: 'Set the out-of-office reply',
    async run(run) {
      const found = await mailboxOrOutcome(run);
      if ('outcome' in found) return found.outcome;
      await tenantOf(run).setAutoReply(run.operation.upn, offboardInputOf(run).choice.outOfOffice as string);
      return done('Inside and outside the organisation.');
    },
  },
  {
    key: 'hide-from-gal',
    label: 'Hide from the address book',
    async run(run) {
      const found = await mailboxOrOutcome(run);
      if ('outcome' in found) return found.outcome;
      if (found.mailbox.hiddenFromAddressLists) return skipped('It was hidden already.');
      await tenantOf(run).setHiddenFromAddressLists(run.operation.upn, true);
      return done();
    },
  },
];
