/**
 * `add user <upn> like <existing upn> [name "<display name>"]` (design §9): add user with what m365ops knows of a
 * user it manages: the plan (its record), the security and Microsoft 365 groups the user is a direct member of in
 * the tenant (not dynamic ones, whose rules decide, nor mail-enabled ones, which Exchange owns), its usage location,
 * and the shared-mailbox grants the plan's template names (a user's own mailbox permissions are not read: Exchange
 * lists them only mailbox by mailbox). Never the admin role. The answer says what was copied.
 */
import { parseUpn } from '../core/addresses';
import { requireEffects } from '../core/authorize';
import { effectsOf } from '../core/command-catalog';
import { fail } from '../core/errors';
import { getEnabledPlan } from '../core/licences';
import { lookUpGroup } from '../core/plan-groups';
import { isJoinable } from '../core/provisioning/plan-groups';
import { type ProvisioningTemplate, templateOfPlan } from '../core/provisioning/template-steps';
import type { ConfirmReply, ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import { requireTenant, resolveCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import type { TenantGroup } from '../m365/types';
import type { Customer, ServiceUser } from '../store/types';
import { type AddUserExtras, addUserWith } from './add-user';

type AddUserLikeCommand = Extract<Command, { name: 'add-user-like' }>;

export function addUserLike(invocation: Invocation, command: AddUserLikeCommand): Promise<ResultReply | ConfirmReply> {
  return addUserLikeWith(invocation, command, []);
}

/** `notes` are said before what was copied (where a derived UPN came from). */
export async function addUserLikeWith(
  invocation: Invocation,
  command: AddUserLikeCommand,
  notes: readonly string[],
): Promise<ResultReply | ConfirmReply> {
  await requireEffects(invocation, effectsOf(command));
  const copy = await resolveCopy(invocation, command);
  return addUserWith(invocation, copy.addition, { ...copy.extras, notes: [...notes, ...copy.extras.notes] });
}

/** What copying the user makes of the command: an add user, and the groups, notes and model it comes with. */
export async function resolveCopy(
  invocation: Invocation,
  command: AddUserLikeCommand,
): Promise<{ addition: Extract<Command, { name: 'add-user' }>; extras: Required<AddUserExtras> }> {
  const wanted = parseUpn(command.upn, 'upn');
  const model = parseUpn(command.like, 'like');
  invocation.target = wanted.address;
  if (wanted.address === model.address) {
    throw fail('bad-upn', `${wanted.address} cannot be added like itself; give the new user's UPN first.`, {
      field: 'upn',
    });
  }
  const customer = await resolveCustomer(invocation, { upn: wanted.address, customerId: command.customerId });
  const record = await managedModel(invocation, customer, model.address, wanted.address);
  const enabled = await getEnabledPlan(invocation.runtime, customer, record.planId);
  const groups = await groupsOf(invocation, customer, record);
  const template: ProvisioningTemplate = templateOfPlan(enabled.plan);
  // A plan group the copied user is in already is one step, under the name the tenant gives it.
  const planGroups = template.groups.filter((group) => 'missing' in lookUpGroup(group.reference, groups.joinable));
  template.groups = [
    ...groups.joinable.map((group) => ({ reference: group.id, name: group.displayName })),
    ...planGroups,
  ];
  const addition: Extract<Command, { name: 'add-user' }> = {
    name: 'add-user',
    upn: wanted.address,
    planId: enabled.plan.id,
    usageLocation: record.usageLocation,
    admin: false,
    aliases: [],
    customerId: customer.id,
    ...(command.displayName ? { displayName: command.displayName } : {}),
  };
  const notes = describeCopy(record, enabled.plan.name, groups, template);
  return { addition, extras: { template, notes, copiedFrom: record.upn } };
}

/** "Copied from john@contoso.com: plan …, groups Sales, All Staff, usage location GB." and what was not. */
function describeCopy(
  record: ServiceUser,
  planName: string,
  groups: CopiedGroups,
  template: ProvisioningTemplate,
): string[] {
  const names = (list: readonly TenantGroup[]) => list.map((group) => group.displayName).join(', ');
  const copied = [
    `plan ${planName}`,
    groups.joinable.length > 0 ? `groups ${names(groups.joinable)}` : 'no groups',
    `usage location ${record.usageLocation}`,
  ];
  if (template.sharedMailboxes.length > 0) {
    copied.push(`the plan's shared mailboxes ${template.sharedMailboxes.map((grant) => grant.mailbox).join(', ')}`);
  }
  const notes = [`Copied from ${record.upn}: ${copied.join(', ')}.`];
  if (groups.left.length > 0) {
    notes.push(
      `Not copied: ${names(groups.left)} (Exchange or a membership rule decides who is in them, not m365ops); admin roles are never copied.`,
    );
  }
  return notes;
}

/** The user to copy: one m365ops manages on a plan (there is none to copy otherwise), still active. */
export async function managedModel(
  invocation: Invocation,
  customer: Customer,
  upn: string,
  wanted: string,
): Promise<ServiceUser & { planId: string }> {
  const record = await invocation.runtime.store.serviceUsers.findByUpn(customer.id, upn);
  if (!record) {
    throw fail(
      'not-managed',
      `${upn} is not a service user of ${customer.name}, so m365ops has no plan of theirs to copy; add the new user with \`add user <upn> plan <plan>\`, or copy a user m365ops manages (\`users ${customer.id}\` lists them).`,
      { field: 'like' },
    );
  }
  if (record.status !== 'active') {
    throw fail(
      'not-managed',
      `${upn} was ${record.status} from ${customer.name}, so there is nothing current to copy; copy a user m365ops manages (\`users ${customer.id}\` lists them).`,
      { field: 'like' },
    );
  }
  if (!record.planId) {
    throw fail(
      'not-managed',
      `${upn} has custom licences in m365ops, not a plan, so there is none to copy; use \`add user ${wanted} plan <plan>\`.`,
      { field: 'like' },
    );
  }
  return { ...record, planId: record.planId };
}

interface CopiedGroups {
  /** The groups the model is a direct member of that a new user may be put in the same way, by name. */
  joinable: TenantGroup[];
  /** Those m365ops leaves alone (dynamic, mail-enabled security, distribution lists). */
  left: TenantGroup[];
}

async function groupsOf(invocation: Invocation, customer: Customer, record: ServiceUser): Promise<CopiedGroups> {
  const tenant = invocation.runtime.gateway.forTenant(requireTenant(customer));
  const [memberOf, groups] = await Promise.all([tenant.listUserGroupIds(record.objectId), tenant.listGroups()]);
  const ids = new Set(memberOf.map((id) => id.toLowerCase()));
  const theirs = groups
    .filter((group) => ids.has(group.id.toLowerCase()))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { joinable: theirs.filter(isJoinable), left: theirs.filter((group) => !isJoinable(group)) };
}
