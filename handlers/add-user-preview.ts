/**
 * What `add user` would do, for `preview`: the same plan and checks as the command (add-user-plan.ts,
 * add-user-account.ts), then the writes it would send in order, read from the tenant through the gateway only.
 * `add user "<name>" plan <plan>` first makes the UPN as the command does.
 */
import { adminRoleOf, holdsAdminRole, roleName } from '../core/admin-role';
import { describePlanLicences } from '../core/licence-names';
import { getEnabledPlan, missingLicences } from '../core/licences';
import { type DerivedUpn, deriveUpn } from '../core/plan-templates/derive-upn';
import { checked, type PreviewPlan, wouldWrite } from '../core/preview/preview-plan';
import { addRoleWrite, assignLicenseWrite, updateUserWrite } from '../core/preview/tenant-writes';
import { type ProvisioningTemplate, templateOfPlan } from '../core/provisioning/template-steps';
import type { Command } from '../core/request';
import { requireTenant, resolveCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import type { AssignedLicence, TenantSku, TenantUser } from '../m365/types';
import type { ServiceUser } from '../store/types';
import { checkProvisioning, findRecord, findTenantUser, newTenantUser } from './add-user-account';
import { resolveCopy } from './add-user-like';
import { copiedPlanOf } from './add-user-named-like';
import { type AddUserCommand, type AddUserPlan, planAddUser } from './add-user-plan';
import { previewTemplateWrites } from './add-user-preview-template';

type AddUserNamedCommand = Extract<Command, { name: 'add-user-named' }>;
type AddUserLikeCommand = Extract<Command, { name: 'add-user-like' }>;
type AddUserNamedLikeCommand = Extract<Command, { name: 'add-user-named-like' }>;

export async function previewAddUser(
  invocation: Invocation,
  command: AddUserCommand,
  plan: PreviewPlan,
  template?: ProvisioningTemplate,
) {
  const planned = await planAddUser(invocation, command);
  const { customer, enabled, tenantId } = planned;
  plan.customer = customer;
  checked(plan, 'Customer', `${customer.name} (tenant ${tenantId})`);
  checked(plan, 'Plan', describePlanLicences(enabled.plan));
  if (planned.intendedUpn) {
    plan.notes.push(`${planned.wanted.domain} is not verified yet: the user would be ${planned.upn} until it is.`);
  }
  const tenant = invocation.runtime.gateway.forTenant(tenantId);
  const record = await findRecord(invocation, planned);
  const existing = await findTenantUser(tenant, planned, record, undefined);
  checked(plan, 'UPN', describeUpn(planned.upn, existing, record));
  const { licences, usageLocation } = await checkProvisioning(invocation, planned, existing, record);
  const skus = await invocation.runtime.skus.list(tenantId);
  await checkedPlanLimit(invocation, plan, planned);
  checked(plan, 'Seats', describeSeats(licences, skus, existing));
  const user = existing ? existing.id : '{new user id}';
  if (existing) planLink(plan, existing, licences, usageLocation, skus);
  else planCreate(plan, command, planned, usageLocation, licences, skus);
  if (command.admin) await planAdmin(invocation, plan, planned, existing);
  if (planned.aliases.length > 0) {
    wouldWrite(plan, {
      method: 'Exchange',
      path: `Set-Mailbox -Identity ${planned.upn} -EmailAddresses SMTP:${planned.upn}, ${planned.aliases.map((alias) => `smtp:${alias}`).join(', ')}`,
      purpose: 'Add the aliases (once the mailbox exists; queued until then)',
    });
  }
  await previewTemplateWrites(tenant, plan, template ?? templateOfPlan(enabled.plan), { user, upn: planned.upn });
  plan.summary = !existing
    ? `Would create ${planned.upn} in ${customer.name}'s tenant on ${enabled.plan.name}.`
    : record
      ? `Would bring ${existing.userPrincipalName}, a user m365ops manages, in line with ${enabled.plan.name}.`
      : `Would link ${existing.userPrincipalName}, already in ${customer.name}'s tenant, and put it on ${enabled.plan.name}.`;
  plan.notes.push(
    existing
      ? 'Then m365ops records the user and audits the change; its sign-in and roles stay as found.'
      : 'Then m365ops records the user and audits the change; the temporary password is shown once, only to you.',
  );
}

/** `add user <upn> like <upn>`: the user copied as the command copies it, then `add user <upn>`'s preview. */
export async function previewAddUserLike(invocation: Invocation, command: AddUserLikeCommand, plan: PreviewPlan) {
  const { addition, extras } = await resolveCopy(invocation, command);
  checked(plan, 'Copied user', extras.notes.join(' '));
  await previewAddUser(invocation, addition, plan, extras.template);
}

/** `add user "<name>" plan <plan>`: the UPN the command would make, then `add user <upn>`'s preview. */
export async function previewAddUserNamed(invocation: Invocation, command: AddUserNamedCommand, plan: PreviewPlan) {
  const customer = await resolveCustomer(invocation, { customerId: command.customerId });
  const tenantId = requireTenant(customer);
  const enabled = await getEnabledPlan(invocation.runtime, customer, command.planId);
  const derived = await deriveUpn(invocation.runtime, customer, tenantId, enabled, command.displayName);
  checked(plan, 'Made UPN', describeMadeUpn(derived));
  const { name: _name, ...options } = command;
  await previewAddUser(invocation, { ...options, name: 'add-user', upn: derived.upn, customerId: customer.id }, plan);
}

/** `add user "<name>" like <upn>`: the UPN the copied user's plan would make, then `add user … like`'s preview. */
export async function previewAddUserNamedLike(
  invocation: Invocation,
  command: AddUserNamedLikeCommand,
  plan: PreviewPlan,
) {
  const { model, customer, tenantId, enabled, rest } = await copiedPlanOf(invocation, command);
  const derived = await deriveUpn(invocation.runtime, customer, tenantId, enabled, command.displayName, rest);
  checked(plan, 'Made UPN', describeMadeUpn(derived));
  const like = { name: 'add-user-like' as const, upn: derived.upn, like: model, customerId: customer.id };
  await previewAddUserLike(invocation, { ...like, displayName: command.displayName }, plan);
}

function describeMadeUpn(derived: DerivedUpn): string {
  return `${derived.upn} from the plan's format ${derived.format} (${derived.domainFrom})`;
}

function planCreate(
  plan: PreviewPlan,
  command: AddUserCommand,
  planned: AddUserPlan,
  usageLocation: string,
  licences: AssignedLicence[],
  skus: readonly TenantSku[],
): void {
  const body = newTenantUser(command, planned, usageLocation, '');
  wouldWrite(plan, {
    method: 'POST',
    path: '/users',
    fields: `{accountEnabled: true, displayName: ${body.displayName}, mailNickname: ${body.mailNickname}, userPrincipalName: ${body.userPrincipalName}, usageLocation: ${usageLocation}, passwordProfile: {a new temporary password, forceChangePasswordNextSignIn: true}}`,
    purpose: 'Create the user',
  });
  if (licences.length > 0) {
    wouldWrite(
      plan,
      assignLicenseWrite(
        '{new user id}',
        partNumbers(idsOf(licences), skus),
        [],
        "Assign the plan's licences (same $batch)",
      ),
    );
  }
}

function planLink(
  plan: PreviewPlan,
  user: TenantUser,
  licences: AssignedLicence[],
  usageLocation: string,
  skus: readonly TenantSku[],
): void {
  if (user.usageLocation !== usageLocation) {
    wouldWrite(plan, updateUserWrite(user.id, { usageLocation }, 'Set the usage location (licences need it)'));
  }
  const missing = missingLicences(user.assignedLicenses, licences);
  if (missing.length > 0) {
    wouldWrite(plan, assignLicenseWrite(user.id, partNumbers(idsOf(missing), skus), [], "Assign the plan's licences"));
  }
}

async function planAdmin(
  invocation: Invocation,
  plan: PreviewPlan,
  planned: AddUserPlan,
  existing: TenantUser | null,
): Promise<void> {
  const { customer } = planned;
  const tenant = invocation.runtime.gateway.forTenant(planned.tenantId);
  if (existing && (await holdsAdminRole(tenant, customer, existing.id))) {
    checked(plan, 'Admin role', `${existing.userPrincipalName} already holds ${roleName(customer.adminRole)}`);
    return;
  }
  wouldWrite(plan, addRoleWrite(existing?.id ?? '{new user id}', adminRoleOf(customer)));
}

/** The plan's limit for the customer, when it has one: how many of its places are taken (checked already). */
export async function checkedPlanLimit(
  invocation: Invocation,
  plan: PreviewPlan,
  { customer, enabled }: Pick<AddUserPlan, 'customer' | 'enabled'>,
): Promise<void> {
  const { limit } = enabled.customerPlan;
  if (limit === undefined) return;
  const used = await invocation.runtime.store.serviceUsers.countOnPlan(customer.id, enabled.plan.id);
  checked(plan, 'Plan limit', `${used} of ${limit} users on ${enabled.plan.name} at ${customer.name}`);
}

function describeUpn(upn: string, existing: TenantUser | null, record: ServiceUser | null): string {
  if (!existing) return `${upn} is free`;
  if (record)
    return `${existing.userPrincipalName} is a user m365ops manages (${record.status}): only what it lacks is sent`;
  return `${existing.userPrincipalName} exists in the tenant: it would be linked, its sign-in and roles left as they are`;
}

function describeSeats(licences: AssignedLicence[], skus: readonly TenantSku[], user: TenantUser | null): string {
  const needed = user ? missingLicences(user.assignedLicenses, licences) : licences;
  if (needed.length === 0) return 'no new seat needed: the user holds the licences already';
  return needed
    .map((licence) => {
      const sku = skus.find((candidate) => candidate.skuId === licence.skuId);
      return sku ? `${sku.skuPartNumber}: ${sku.availableUnits} of ${sku.enabledUnits} free` : licence.skuId;
    })
    .join('; ');
}

/** SKU part numbers (SPB) for skuIds, as people know them; an id the tenant does not list is shown as it is. */
export function partNumbers(skuIds: readonly string[], skus: readonly TenantSku[]): string[] {
  return skuIds.map((skuId) => skus.find((sku) => sku.skuId === skuId)?.skuPartNumber ?? skuId);
}

const idsOf = (licences: readonly AssignedLicence[]) => licences.map((licence) => licence.skuId);
