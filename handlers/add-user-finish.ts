/**
 * add user, the finish: the admin role when asked, the service user record, and the aliases (now, or by a job once
 * the mailbox exists). Each step is recorded on the operation, so a re-run skips what is done.
 */
import { adminRoleOf, grantAdminRole } from '../core/admin-role';
import type { Invocation } from '../core/runtime';
import { saveServiceUser } from '../core/service-users';
import { applyAliasesNowOrLater } from '../jobs/alias-job';
import type { TenantClient, TenantUser } from '../m365/types';
import type { ServiceUser } from '../store/types';
import { nameFrom } from './add-user-account';
import type { AddUserCommand, AddUserPlan } from './add-user-plan';
import type { RecordStep } from './add-user-tenant';

export interface FinishedUser {
  saved: ServiceUser;
  admin: boolean;
  aliasState?: 'applied' | 'queued';
}

export async function finishAddUser(
  invocation: Invocation,
  command: AddUserCommand,
  plan: AddUserPlan,
  found: { tenant: TenantClient; user: TenantUser; record: ServiceUser | null; usageLocation: string },
  recordStep: RecordStep,
): Promise<FinishedUser> {
  const admin = await grantRoleIfAsked(command, plan, found, recordStep);
  const saved = await recordServiceUser(invocation, command, plan, { ...found, admin }, recordStep);
  const aliasState = await applyAliases(invocation, plan, saved, recordStep);
  return { saved, admin, aliasState };
}

async function grantRoleIfAsked(
  command: AddUserCommand,
  plan: AddUserPlan,
  found: { tenant: TenantClient; user: TenantUser; record: ServiceUser | null },
  recordStep: RecordStep,
): Promise<boolean> {
  if (!command.admin) return found.record?.admin ?? false;
  await grantAdminRole(found.tenant, plan.customer, found.user.id);
  await recordStep('admin', { role: adminRoleOf(plan.customer) });
  return true;
}

async function recordServiceUser(
  invocation: Invocation,
  command: AddUserCommand,
  plan: AddUserPlan,
  found: { user: TenantUser; record: ServiceUser | null; usageLocation: string; admin: boolean },
  recordStep: RecordStep,
): Promise<ServiceUser> {
  const { user, record } = found;
  const saved = await saveServiceUser(invocation.runtime, {
    customerId: plan.customer.id,
    objectId: user.id,
    upn: plan.upn,
    displayName: user.displayName || (command.displayName ?? nameFrom(command, plan.wanted.local)),
    planId: plan.enabled.plan.id,
    admin: found.admin,
    usageLocation: found.usageLocation,
    aliases: [...new Set([...(record?.aliases ?? []), ...plan.aliases])],
    status: 'active',
    intendedUpn: plan.intendedUpn,
    createdBy: invocation.request.context.identity,
  });
  await recordStep('recorded', { objectId: saved.objectId });
  return saved;
}

async function applyAliases(
  invocation: Invocation,
  plan: AddUserPlan,
  saved: ServiceUser,
  recordStep: RecordStep,
): Promise<'applied' | 'queued' | undefined> {
  if (plan.aliases.length === 0) return undefined;
  const aliasState = await applyAliasesNowOrLater(
    invocation.runtime,
    {
      customerId: plan.customer.id,
      tenantId: plan.tenantId,
      objectId: saved.objectId,
      upn: saved.upn,
      aliases: saved.aliases,
    },
    invocation.request.context.identity,
  );
  await recordStep('aliases', { state: aliasState });
  return aliasState;
}
