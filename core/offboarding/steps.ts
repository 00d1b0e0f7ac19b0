/**
 * The offboarding steps (core/steps), in the order they run (design §9, issue 15): cut access first (block sign-in,
 * revoke sessions, reset the password), then the mailbox while the licence still holds it (mailbox-steps.ts), then
 * devices, groups, licences, and deletion last. Each step reads the tenant first and does only what is missing, so
 * "Retry failed steps" may run it again; a step that needs the mailbox waits while Exchange has still to make it.
 */
import type { Effect } from '../commands/effects';
import type { OperationSteps, StepDefinition, StepOutcome, StepRun } from '../steps/step-types';
import { createTemporaryPassword } from '../temporary-password';
import { countOf } from '../words';
import { formatSize, mailboxSteps, sharedMailboxLimitBytes } from './mailbox-steps';
import { type OffboardChoice, type OffboardOptionName, offboardOptionEffects, offboardOptionNames } from './options';
import {
  done,
  mailboxRetryWait,
  mailboxStepWaiting,
  offboardInputOf,
  readMailbox,
  skipped,
  tenantOf,
} from './step-input';

export { sharedMailboxLimitBytes };

export type OffboardStep = StepDefinition & { key: OffboardOptionName };

const userId = (run: StepRun) => offboardInputOf(run).objectId;

const accessSteps: StepDefinition[] = [
  {
    key: 'block-sign-in',
    label: 'Block sign-in',
    async run(run) {
      const user = await tenantOf(run).getUser(userId(run));
      if (user?.accountEnabled === false) return skipped('Sign-in was blocked already.');
      await tenantOf(run).updateUser(userId(run), { accountEnabled: false });
      return done();
    },
  },
  {
    key: 'revoke-sessions',
    label: 'Sign out everywhere (revoke sessions)',
    async run(run) {
      await tenantOf(run).revokeSignInSessions(userId(run));
      return done('Refresh tokens and session cookies no longer work.');
    },
  },
  {
    key: 'reset-password',
    label: 'Reset the password',
    async run(run) {
      const password = createTemporaryPassword();
      await tenantOf(run).updateUser(userId(run), {
        passwordProfile: { password, forceChangePasswordNextSignIn: true },
      });
      const secret = { label: `Temporary password for ${run.operation.upn}`, value: password };
      return { state: 'done', detail: 'A new temporary password was set.', secret };
    },
  },
];

async function removeDevices(run: StepRun): Promise<StepOutcome> {
  const devices = await tenantOf(run).listMobileDevices(run.operation.upn);
  if (devices.length === 0) return skipped('No mobile devices sync this mailbox.');
  for (const device of devices) await tenantOf(run).removeMobileDevice(device.id);
  return done(`Removed ${countOf(devices.length, 'device')}: ${devices.map((device) => device.name).join(', ')}.`);
}

async function removeGroups(run: StepRun): Promise<StepOutcome> {
  const tenant = tenantOf(run);
  const groupIds = await tenant.listUserGroupIds(userId(run));
  if (groupIds.length === 0) return skipped('The user was in no group.');
  const failures: string[] = [];
  for (const groupId of groupIds) {
    try {
      await tenant.removeGroupMember(groupId, userId(run));
    } catch (error) {
      failures.push(`group ${groupId}: ${(error as Error).message}`);
    }
  }
  if (failures.length === 0) return done(`Removed from ${countOf(groupIds.length, 'group')}.`);
  const removed = groupIds.length - failures.length;
  return { state: 'failed', detail: `Removed from ${countOf(removed, 'group')}; not from ${failures.join('; ')}` };
}

async function removeLicences(run: StepRun): Promise<StepOutcome> {
  // Without the licence Exchange would never make the mailbox the steps before wait for.
  if (mailboxStepWaiting(run)) return mailboxRetryWait('Waits for the mailbox steps before it');
  const { choice } = offboardInputOf(run);
  if (choice.options.includes('convert-to-shared')) {
    const conversion = run.operation.steps.find((step) => step.key === 'convert-to-shared');
    if (conversion?.state === 'failed') {
      return {
        state: 'failed',
        detail:
          'Not done, to keep the mail: the mailbox is not shared yet (its conversion failed), and without a licence it would be lost after 30 days. Retry failed steps runs it after the conversion.',
      };
    }
    const bytes = (await readMailbox(run))?.sizeBytes ?? 0;
    if (bytes > sharedMailboxLimitBytes) {
      return skipped(
        `Licences were kept: the shared mailbox holds ${formatSize(bytes)}, over the 50 GB a shared mailbox may hold without a licence.`,
      );
    }
  }
  const user = await tenantOf(run).getUser(userId(run));
  const skuIds = user?.assignedLicenses.map((licence) => licence.skuId) ?? [];
  if (skuIds.length > 0) await tenantOf(run).assignLicenses(userId(run), [], skuIds);
  await run.runtime.store.serviceUsers.update(run.customer.id, userId(run), { status: 'removed' });
  return skuIds.length > 0
    ? done(`Removed ${countOf(skuIds.length, 'licence')}.`)
    : skipped('The user had no licences.');
}

async function deleteUser(run: StepRun): Promise<StepOutcome> {
  const user = await tenantOf(run).getUser(userId(run));
  if (user) await tenantOf(run).deleteUser(userId(run));
  await run.runtime.store.serviceUsers.update(run.customer.id, userId(run), { status: 'deleted' });
  return user ? done() : skipped('The user was deleted already.');
}

const laterSteps: StepDefinition[] = [
  { key: 'remove-devices', label: 'Remove mobile devices', run: removeDevices },
  { key: 'remove-groups', label: 'Remove from all groups', run: removeGroups },
  { key: 'remove-licences', label: 'Remove all licences', run: removeLicences },
  { key: 'delete', label: 'Delete the user (restorable for 30 days)', run: deleteUser },
];

/** Every offboarding step, in the order they run. */
export const offboardSteps = [...accessSteps, ...mailboxSteps, ...laterSteps] as readonly OffboardStep[];

/** The steps a choice runs, in their order. */
export function stepsOf(choice: OffboardChoice): OffboardStep[] {
  return offboardSteps.filter((step) => choice.options.includes(step.key));
}

/** The effects of re-running steps: each option's own, and an admin's password reset as the approver's. */
function effectsOfSteps(adminTarget: boolean, keys: readonly string[]): Effect[] {
  const options = offboardOptionNames.filter((name) => keys.includes(name));
  const effects: Effect[] = options.map((option) => offboardOptionEffects[option]);
  if (adminTarget && options.includes('reset-password')) effects.push('admin-password-reset');
  return [...new Set(effects)];
}

export const offboardOperationSteps: OperationSteps = {
  kind: 'offboard',
  effects: ['offboard'],
  effectsOf: (operation, keys) =>
    keys.length === 0 ? ['offboard'] : effectsOfSteps(offboardInputOf({ operation }).adminTarget === true, keys),
  userOf: (operation) => offboardInputOf({ operation }).objectId,
  steps: Object.fromEntries(offboardSteps.map((step) => [step.key, step])),
};
