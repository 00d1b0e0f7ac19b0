/**
 * What `offboard` would do, for `preview`: a preset expanded as the command expands it, the same checks
 * (check-offboarding.ts), then one write per step in the order the steps run (steps.ts). Exchange is not read (its
 * reads are POSTs to InvokeCommand): the mailbox steps are named as the cmdlets they send.
 */

import type { TenantUser } from '../../m365/types';
import { holdsAdminRole } from '../admin-role';
import { requireEffects } from '../authorize';
import { withDefined } from '../commands/grammar';
import { fail } from '../errors';
import { type ManagedUser, readTenantUser } from '../managed-user';
import { checked, type PreviewPlan, wouldWrite } from '../preview/preview-plan';
import type { PreviewWrite } from '../preview/preview-view';
import { assignLicenseWrite, cmdletWrite, leaveGroupWrite, updateUserWrite } from '../preview/tenant-writes';
import type { Invocation } from '../runtime';
import { formatInZone } from './check-input';
import { type CheckedOffboarding, checkOffboarding, type OffboardCommand } from './check-offboarding';
import { describeChoice, mergeChoices, type OffboardChoice, type OffboardOptionName } from './options';
import { findPreset } from './presets';
import { stepsOf } from './steps';

export async function previewOffboard(invocation: Invocation, command: OffboardCommand, plan: PreviewPlan) {
  const expanded = await expandPreset(invocation, command);
  if (expanded.options.length === 0) {
    throw fail(
      'not-previewable',
      `\`offboard ${command.upn}\` without options opens the offboarding form, which changes nothing; preview it with the options, such as \`preview offboard ${command.upn} block-sign-in remove-licences\`.`,
    );
  }
  const checkedOffboarding = await checkOffboarding(invocation, expanded);
  const { managed, choice, cleared, at } = checkedOffboarding;
  plan.customer = managed.customer;
  checked(plan, 'User', `${managed.record.upn}, a service user of ${managed.customer.name}`);
  checked(plan, 'Options', describeChoice(choice));
  if (cleared.length > 0) plan.notes.push(`Delete makes these moot, so they would be left out: ${cleared.join(', ')}.`);
  if (
    choice.options.includes('reset-password') &&
    (await holdsAdminRole(managed.tenant, managed.customer, managed.record.objectId))
  ) {
    await requireEffects(invocation, ['admin-password-reset']);
    checked(
      plan,
      'Admin password',
      `${managed.record.upn} holds an admin role: resetting it is for the approver role and above`,
    );
  }
  const user = await readTenantUser(managed);
  for (const step of stepsOf(choice)) {
    const writes = await writesOf(step.key, checkedOffboarding, user);
    if (writes.length === 0) plan.notes.push(`${step.label}: nothing to do, the tenant shows it done.`);
    for (const write of writes) wouldWrite(plan, write);
  }
  plan.summary = at
    ? `Would schedule the offboarding of ${managed.record.upn} for ${formatInZone(at)}: a job sends these writes then.`
    : `Would offboard ${managed.record.upn} now, step by step.`;
  plan.notes.push('Each step reads the tenant first and does only what is missing; m365ops audits every step.');
}

async function expandPreset(invocation: Invocation, command: OffboardCommand): Promise<OffboardCommand> {
  if (!command.preset) return command;
  const preset = await findPreset(invocation.runtime.store.settings, command.preset);
  const { options, forwardTo, keepCopy, grantMailbox, outOfOffice } = command;
  const choice = mergeChoices(preset, { options, forwardTo, keepCopy, grantMailbox, outOfOffice });
  const { preset: _preset, ...rest } = command;
  return withDefined({ ...rest, ...choice, options: choice.options });
}

async function writesOf(
  key: OffboardOptionName,
  checked: CheckedOffboarding,
  user: TenantUser,
): Promise<PreviewWrite[]> {
  const { managed, choice } = checked;
  const id = managed.record.objectId;
  const upn = managed.record.upn;
  switch (key) {
    case 'block-sign-in':
      return user.accountEnabled === false ? [] : [updateUserWrite(id, { accountEnabled: 'false' }, 'Block sign-in')];
    case 'revoke-sessions':
      return [{ method: 'POST', path: `/users/${id}/revokeSignInSessions`, purpose: 'Sign out everywhere' }];
    case 'reset-password': {
      const write = updateUserWrite(id, {}, 'Reset the password (shown once, only to you)');
      return [
        { ...write, fields: '{passwordProfile: {a new temporary password, forceChangePasswordNextSignIn: true}}' },
      ];
    }
    case 'remove-licences':
      return removeLicenceWrites(managed, user);
    case 'remove-groups':
      return removeGroupWrites(managed);
    case 'delete':
      return [{ method: 'DELETE', path: `/users/${id}`, purpose: 'Delete the user (restorable for 30 days)' }];
    default:
      return [mailboxWrite(key, upn, choice)];
  }
}

async function removeLicenceWrites(managed: ManagedUser, user: TenantUser): Promise<PreviewWrite[]> {
  if (user.assignedLicenses.length === 0) return [];
  const skus = await managed.tenant.listSkus();
  const held = user.assignedLicenses.map(
    (licence) => skus.find((sku) => sku.skuId === licence.skuId)?.skuPartNumber ?? licence.skuId,
  );
  return [assignLicenseWrite(user.id, [], held, 'Remove all licences')];
}

async function removeGroupWrites(managed: ManagedUser): Promise<PreviewWrite[]> {
  const id = managed.record.objectId;
  const [memberOf, groups] = await Promise.all([managed.tenant.listUserGroupIds(id), managed.tenant.listGroups()]);
  return memberOf.map((groupId) =>
    leaveGroupWrite(groupId, id, groups.find((group) => group.id === groupId)?.displayName ?? groupId),
  );
}

function mailboxWrite(key: OffboardOptionName, upn: string, choice: OffboardChoice): PreviewWrite {
  switch (key) {
    case 'convert-to-shared':
      return cmdletWrite('Set-Mailbox', { Identity: upn, Type: 'Shared' }, 'Convert the mailbox to shared');
    case 'forward-to':
      return cmdletWrite(
        'Set-Mailbox',
        {
          Identity: upn,
          ForwardingSmtpAddress: `smtp:${choice.forwardTo}`,
          DeliverToMailboxAndForward: choice.keepCopy ? '$true' : '$false',
        },
        `Forward mail to ${choice.forwardTo}`,
      );
    case 'grant-mailbox':
      return cmdletWrite(
        'Add-MailboxPermission',
        { Identity: upn, User: choice.grantMailbox ?? '', AccessRights: 'FullAccess' },
        `Give ${choice.grantMailbox} Full Access`,
      );
    case 'out-of-office':
      return cmdletWrite(
        'Set-MailboxAutoReplyConfiguration',
        { Identity: upn, AutoReplyState: 'Enabled', InternalMessage: '…', ExternalMessage: '…' },
        'Set the out-of-office reply',
      );
    case 'hide-from-gal':
      return cmdletWrite(
        'Set-Mailbox',
        { Identity: upn, HiddenFromAddressListsEnabled: '$true' },
        'Hide from the address book',
      );
    default:
      return cmdletWrite(
        'Remove-MobileDevice',
        { Identity: '<each device Get-MobileDevice lists>' },
        'Remove mobile devices',
      );
  }
}
