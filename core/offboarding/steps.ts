/**
 * The offboarding steps as data, in the order they run (design §9, issue 15): cut access first (block sign-in,
 * revoke sessions, reset the password), then the mailbox while the licence still holds it (convert to shared before
 * any licence goes, then forwarding, access, out-of-office, the address book), then devices, groups, licences, and
 * deletion last. Each step is safe to run again: it reads the tenant first and does only what is missing, and answers
 * an outcome with the service's reason when it fails (the shape of core/steps' StepDefinition).
 */
import type { TenantClient } from '../../m365/types';
import type { Customer } from '../../store/types';
import type { Runtime } from '../runtime';
import { countOf } from '../words';
import { lifecycleCall } from './lifecycle-tenant';
import type { OffboardChoice, OffboardOptionName } from './options';

export interface OffboardRun {
  runtime: Runtime;
  tenant: TenantClient;
  customer: Customer;
  userId: string;
  upn: string;
  choice: OffboardChoice;
  /** What earlier steps found that later ones read (the mailbox's size, a failed conversion). */
  learned: Record<string, unknown>;
  /** Makes a temporary password (never stored, logged or audited). */
  newPassword(): string;
}

export type OffboardOutcome =
  | { state: 'done'; detail?: string; secret?: string }
  | { state: 'skipped'; detail: string }
  | { state: 'failed'; detail: string };

export interface OffboardStep {
  key: OffboardOptionName;
  label: string;
  run(run: OffboardRun): Promise<OffboardOutcome>;
}

const gb = 1024 ** 3;
/** A shared mailbox holds up to 50 GB without a licence; warn from 45. */
export const sharedMailboxLimitBytes = 50 * gb;
const nearSharedLimitBytes = 45 * gb;

const done = (detail?: string): OffboardOutcome => ({ state: 'done', ...(detail ? { detail } : {}) });
const skipped = (detail: string): OffboardOutcome => ({ state: 'skipped', detail });

async function mailboxOf(run: OffboardRun) {
  return lifecycleCall(run.tenant, 'getMailboxDetails')(run.upn);
}

const noMailbox = (run: OffboardRun) => skipped(`${run.upn} has no mailbox.`);

export const offboardSteps: readonly OffboardStep[] = [
  {
    key: 'block-sign-in',
    label: 'Block sign-in',
    async run(run) {
      const user = await run.tenant.getUser(run.userId);
      if (user?.accountEnabled === false) return skipped('Sign-in was blocked already.');
      await run.tenant.updateUser(run.userId, { accountEnabled: false });
      return done();
    },
  },
  {
    key: 'revoke-sessions',
    label: 'Sign out everywhere (revoke sessions)',
    async run(run) {
      await lifecycleCall(run.tenant, 'revokeSignInSessions')(run.userId);
      return done('Refresh tokens and session cookies no longer work.');
    },
  },
  {
    key: 'reset-password',
    label: 'Reset the password',
    async run(run) {
      const password = run.newPassword();
      await run.tenant.updateUser(run.userId, {
        passwordProfile: { password, forceChangePasswordNextSignIn: true },
      });
      return { state: 'done', detail: 'A new temporary password was set.', secret: password };
    },
  },
  {
    key: 'convert-to-shared',
    label: 'Convert the mailbox to shared',
    async run(run) {
      const mailbox = await mailboxOf(run);
      if (!mailbox) return noMailbox(run);
      run.learned.mailboxBytes = mailbox.sizeBytes;
      const size = sizeWarning(mailbox.sizeBytes);
      if (mailbox.type === 'shared') return skipped(`The mailbox was shared already.${size}`);
      await lifecycleCall(run.tenant, 'convertMailboxToShared')(run.upn);
      run.learned.converted = true;
      return done(size.trim() || undefined);
    },
  },
  {
    key: 'forward-to',
    label: 'Forward mail',
    async run(run) {
      const to = run.choice.forwardTo as string;
      const keepCopy = run.choice.keepCopy === true;
      const mailbox = await mailboxOf(run);
      if (!mailbox) return noMailbox(run);
      const copy = keepCopy ? ', keeping a copy' : '';
      if (mailbox.forwardingTo?.toLowerCase() === to.toLowerCase() && mailbox.keepCopy === keepCopy) {
        return skipped(`Mail was forwarded to ${to}${copy} already.`);
      }
      await lifecycleCall(run.tenant, 'setMailboxForwarding')(run.upn, to, keepCopy);
      return done(`To ${to}${copy}.`);
    },
  },
  {
    key: 'grant-mailbox',
    label: 'Give mailbox access',
    async run(run) {
      const to = run.choice.grantMailbox as string;
      if (!(await mailboxOf(run))) return noMailbox(run);
      await lifecycleCall(run.tenant, 'grantMailboxAccess')(run.upn, to, 'FullAccess');
      return done(`${to} has Full Access.`);
    },
  },
  {
    key: 'out-of-office',
    label: 'Set the out-of-office reply',
    async run(run) {
      if (!(await mailboxOf(run))) return noMailbox(run);
      await lifecycleCall(run.tenant, 'setAutoReply')(run.upn, run.choice.outOfOffice as string);
      return done('Inside and outside the organisation.');
    },
  },
  {
    key: 'hide-from-gal',
    label: 'Hide from the address book',
    async run(run) {
      const mailbox = await mailboxOf(run);
      if (!mailbox) return noMailbox(run);
      if (mailbox.hiddenFromAddressLists) return skipped('It was hidden already.');
      await lifecycleCall(run.tenant, 'setHiddenFromAddressLists')(run.upn, true);
      return done();
    },
  },
  {
    key: 'remove-devices',
    label: 'Remove mobile devices',
    async run(run) {
      const devices = await lifecycleCall(run.tenant, 'listMobileDevices')(run.upn);
      if (devices.length === 0) return skipped('No mobile devices sync this mailbox.');
      for (const device of devices) await lifecycleCall(run.tenant, 'removeMobileDevice')(device.id);
      return done(`Removed ${countOf(devices.length, 'device')}: ${devices.map((device) => device.name).join(', ')}.`);
    },
  },
  {
    key: 'remove-groups',
    label: 'Remove from all groups',
    async run(run) {
      const groupIds = await lifecycleCall(run.tenant, 'listUserGroupIds')(run.userId);
      if (groupIds.length === 0) return skipped('The user was in no group.');
      const failures: string[] = [];
      for (const groupId of groupIds) {
        try {
          await lifecycleCall(run.tenant, 'removeGroupMember')(groupId, run.userId);
        } catch (error) {
          failures.push(`group ${groupId}: ${(error as Error).message}`);
        }
      }
      if (failures.length > 0) {
        const removed = groupIds.length - failures.length;
        return {
          state: 'failed',
          detail: `Removed from ${countOf(removed, 'group')}; not from ${failures.join('; ')}`,
        };
      }
      return done(`Removed from ${countOf(groupIds.length, 'group')}.`);
    },
  },
  {
    key: 'remove-licences',
    label: 'Remove all licences',
    async run(run) {
      const converting = run.choice.options.includes('convert-to-shared');
      if (converting && run.learned.convertFailed) {
        return skipped(
          'Licences were kept: the mailbox is not shared yet (its conversion failed), and without a licence it would be lost after 30 days.',
        );
      }
      const bytes = run.learned.mailboxBytes as number | undefined;
      if (converting && bytes !== undefined && bytes > sharedMailboxLimitBytes) {
        return skipped(
          `Licences were kept: the shared mailbox holds ${formatSize(bytes)}, over the 50 GB a shared mailbox may hold without a licence.`,
        );
      }
      const user = await run.tenant.getUser(run.userId);
      const skuIds = user?.assignedLicenses.map((licence) => licence.skuId) ?? [];
      if (skuIds.length === 0) return skipped('The user had no licences.');
      await run.tenant.assignLicenses(run.userId, [], skuIds);
      return done(`Removed ${countOf(skuIds.length, 'licence')}.`);
    },
  },
  {
    key: 'delete',
    label: 'Delete the user (restorable for 30 days)',
    async run(run) {
      await run.tenant.deleteUser(run.userId);
      return done();
    },
  },
];

function sizeWarning(bytes: number): string {
  if (bytes > sharedMailboxLimitBytes) {
    return ` Warning: it holds ${formatSize(bytes)}, over the 50 GB a shared mailbox may hold without a licence; it keeps its licence until it is smaller.`;
  }
  if (bytes >= nearSharedLimitBytes) {
    return ` Warning: it holds ${formatSize(bytes)}, near the 50 GB a shared mailbox may hold without a licence.`;
  }
  return '';
}

function formatSize(bytes: number): string {
  return `${(bytes / gb).toFixed(1)} GB`;
}

/** The steps a choice runs, in their order. */
export function stepsOf(choice: OffboardChoice): OffboardStep[] {
  return offboardSteps.filter((step) => choice.options.includes(step.key));
}
