/**
 * add user, the account: our record of the user, the user already in the tenant, the checks before anything is
 * written (plan limit, free licences, usage location), and the new user Microsoft is asked to create.
 */
import { mailNickname } from '../core/addresses';
import { fail } from '../core/errors';
import { checkFreeUnits, checkPlanLimit, missingLicences, resolvePlanLicences } from '../core/licences';
import type { Invocation } from '../core/runtime';
import type { AssignedLicence, NewTenantUser, TenantClient, TenantSku, TenantUser } from '../m365/types';
import type { ServiceUser } from '../store/types';
import type { AddUserCommand, AddUserPlan } from './add-user-plan';
import { mostUsedLocation } from './usage-locations';

/** The plan limit, the free licences and the usage location, checked before anything is written. */
export async function checkProvisioning(
  invocation: Invocation,
  plan: AddUserPlan,
  user: TenantUser | null,
  record: ServiceUser | null,
): Promise<{ licences: AssignedLicence[]; usageLocation: string }> {
  const { runtime } = invocation;
  const { customer, enabled } = plan;
  if (!(record?.status === 'active' && record.planId === enabled.plan.id))
    await checkPlanLimit(runtime, customer, enabled);
  const skus = await skusToAssignFrom(invocation, plan);
  const licences = resolvePlanLicences(customer, enabled.plan, skus);
  const toAssign = user ? missingLicences(user.assignedLicenses, licences) : licences;
  await checkFreeUnits(runtime, customer, enabled.plan, skus, toAssign);
  // Asked, else what the user already has, else the plan's template, else the customer's usual one.
  const usageLocation =
    plan.usageLocation ??
    user?.usageLocation ??
    record?.usageLocation ??
    enabled.plan.usageLocation ??
    (await mostUsedLocation(invocation, customer));
  if (!usageLocation) {
    throw fail(
      'missing-usage-location',
      `Say where ${plan.wanted.address} will use Microsoft 365: add \`location <CC>\`, a two-letter country code such as GB, US, DE (licences need it).`,
      { field: 'usageLocation' },
    );
  }
  return { licences, usageLocation };
}

/** Seats a cached SKU count must leave free to be acted on without asking Graph again. */
const spareSeats = 5;

/**
 * The tenant's SKUs for the checks before a create: the cached ones (at most a minute old, refreshed after our own
 * licence writes) while they leave seats to spare, else a fresh read. A portal change since the cache was filled
 * matters only near the limit, and a create refused there for want of a seat would leave an unlicensed user.
 */
async function skusToAssignFrom(invocation: Invocation, plan: AddUserPlan): Promise<TenantSku[]> {
  const { skus } = invocation.runtime;
  const cached = await skus.list(plan.tenantId);
  const roomy = (() => {
    try {
      return resolvePlanLicences(plan.customer, plan.enabled.plan, cached).every(
        (licence) => (cached.find((sku) => sku.skuId === licence.skuId)?.availableUnits ?? 0) >= spareSeats,
      );
    } catch {
      return false; // a SKU the cache does not show: Graph is asked before the user hears so
    }
  })();
  return roomy ? cached : skus.refresh(plan.tenantId);
}

export function newTenantUser(
  command: AddUserCommand,
  plan: AddUserPlan,
  usageLocation: string,
  password: string,
): NewTenantUser {
  return {
    userPrincipalName: plan.upn,
    displayName: command.displayName ?? nameFrom(command, plan.wanted.local),
    mailNickname: mailNickname(plan.wanted.local),
    givenName: command.givenName,
    surname: command.surname,
    usageLocation,
    accountEnabled: true,
    password,
    forceChangePasswordNextSignIn: true,
  };
}

/** Our record of the user: under the wanted UPN, or under the fallback UPN it was created with. */
export async function findRecord(invocation: Invocation, plan: AddUserPlan): Promise<ServiceUser | null> {
  const users = invocation.runtime.store.serviceUsers;
  const direct = await users.findByUpn(plan.customer.id, plan.wanted.address);
  if (direct) return direct;
  if (!plan.fallbackUpn) return null;
  const fallback = await users.findByUpn(plan.customer.id, plan.fallbackUpn);
  return fallback && (fallback.intendedUpn === plan.wanted.address || plan.upn === plan.fallbackUpn) ? fallback : null;
}

export async function findTenantUser(
  tenant: TenantClient,
  plan: AddUserPlan,
  record: ServiceUser | null,
  createdEarlier: string | undefined,
): Promise<TenantUser | null> {
  for (const id of [record?.objectId, createdEarlier]) {
    if (!id) continue;
    const user = await tenant.getUser(id);
    if (user) return user;
  }
  const byUpn = await tenant.findUserByUpn(plan.upn);
  if (byUpn) return byUpn;
  return null;
}

/** "jane.doe" → "Jane Doe" when no name is given. */
export function nameFrom(command: AddUserCommand, local: string): string {
  const parts = [command.givenName, command.surname].filter((part): part is string => Boolean(part?.trim()));
  if (parts.length > 0) return parts.join(' ');
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
