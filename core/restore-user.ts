/**
 * Bringing a deleted user back from the tenant's deleted users (Entra keeps them 30 days), and the licences m365ops
 * records for a service user: one rule for `restore user` and for a Revoke of `user-deleted`. The plan's licences
 * are given back only when the tenant has a free seat for each and the customer's plan limit allows it; otherwise
 * the user comes back without them and the outcome says how many seats are short. Runs under the per-user lock.
 */
import { M365Error } from '../m365/errors';
import type { AssignedLicence, TenantClient, TenantSku, TenantUser } from '../m365/types';
import type { Customer, Plan, ServiceUser } from '../store/types';
import { fail } from './errors';
import { missingLicences, resolvePlanLicences } from './licences';
import type { Runtime } from './runtime';
import { possessive } from './words';

export interface RestoreTarget {
  customer: Customer;
  tenant: TenantClient;
  /** The deleted user's object id. */
  objectId: string;
  upn: string;
}

export interface RestoredUser {
  user: TenantUser;
  /** The plan's (or the recorded custom) licences are held again. */
  licensed: boolean;
  /** Seats missing for those licences (0 when licensed). */
  short: number;
  /** What became of the licences, as a fact: "Microsoft 365 Business Premium given back". */
  licences: string;
  /** Why they were not given back and what to do then. */
  note?: string;
}

/** A plan's or a custom set's licences, as the record says the user should hold them. */
export interface WantedLicences {
  plan: Plan | null;
  licences: AssignedLicence[];
  /** "business-premium" or "custom". */
  label: string;
}

/** The licences the record says the user holds; refuses when its plan no longer exists in m365ops. */
export async function wantedLicencesOf(
  runtime: Runtime,
  customer: Customer,
  record: ServiceUser,
  skus: readonly TenantSku[],
): Promise<WantedLicences> {
  if (!record.planId) {
    const licences = (record.customSkuIds ?? []).map((skuId) => ({ skuId, disabledPlans: [] }));
    return { plan: null, licences, label: 'custom' };
  }
  const plan = await runtime.store.plans.get(record.planId);
  if (!plan) throw fail('unknown-plan', `The plan ${record.planId} of ${record.upn} no longer exists in m365ops.`);
  return { plan, licences: resolvePlanLicences(customer, plan, skus), label: plan.id };
}

/** Restores the deleted user in the tenant, then gives back the record's licences if seats allow. */
export async function restoreServiceUser(
  runtime: Runtime,
  target: RestoreTarget,
  record: ServiceUser | null,
): Promise<RestoredUser> {
  const user = await restoreInTenant(target);
  if (!record) {
    const note = `m365ops does not manage ${target.upn}; \`add user ${target.upn} plan <plan>\` links them and gives them a plan.`;
    return { user, licensed: false, short: 0, licences: 'none (not a service user)', note };
  }
  const { customer, tenant } = target;
  const skus = await tenant.listSkus();
  const wanted = await wantedLicencesOf(runtime, customer, record, skus);
  const add = missingLicences(user.assignedLicenses, wanted.licences);
  const shortage = await seatShortage(runtime, { customer, record, skus }, wanted, add);
  if (shortage) {
    await runtime.store.serviceUsers.update(customer.id, record.objectId, {
      status: 'active',
      planId: null,
      customSkuIds: user.assignedLicenses.map((licence) => licence.skuId),
    });
    const licences = `none: ${shortage.short} seat${shortage.short === 1 ? '' : 's'} short`;
    return { user, licensed: false, short: shortage.short, licences, note: shortage.sentence };
  }
  const wantedIds = new Set(wanted.licences.map((licence) => licence.skuId.toLowerCase()));
  const remove = user.assignedLicenses
    .map((licence) => licence.skuId)
    .filter((skuId) => !wantedIds.has(skuId.toLowerCase()));
  if (add.length > 0 && !user.usageLocation && record.usageLocation) {
    await tenant.updateUser(user.id, { usageLocation: record.usageLocation });
  }
  const licensed = add.length > 0 || remove.length > 0 ? await tenant.assignLicenses(user.id, add, remove) : user;
  await runtime.store.serviceUsers.update(customer.id, record.objectId, { status: 'active' });
  const name = wanted.plan ? wanted.plan.name : 'custom';
  return { user: licensed, licensed: true, short: 0, licences: `${name} licences given back` };
}

/** POST …/restore, its refusals as sentences: gone for good (over 30 days, or purged), or the UPN taken since. */
async function restoreInTenant(target: RestoreTarget): Promise<TenantUser> {
  const { customer, tenant, objectId, upn } = target;
  try {
    return await tenant.restoreUser(objectId);
  } catch (error) {
    if (error instanceof M365Error && error.code === 'not-found') throw restoreGone(upn, customer);
    if (error instanceof M365Error && error.code === 'duplicate-upn') throw upnTaken(upn, customer);
    throw error;
  }
}

export function restoreGone(upn: string, customer: Customer) {
  return fail(
    'restore-expired',
    `${upn} is no longer among ${possessive(customer.name)} deleted users: Microsoft 365 keeps a deleted user for 30 days and then removes it for good (or an administrator purged it). Add them again with \`add user ${upn} plan <plan>\`.`,
  );
}

export function upnTaken(upn: string, customer: Customer, holder?: string) {
  const who = holder ? ` (${holder})` : '';
  return fail(
    'upn-taken',
    `${upn} cannot be restored: another user of ${customer.name}${who} has that name now. Rename or remove that user first, then restore again.`,
  );
}

interface SeatContext {
  customer: Customer;
  record: ServiceUser;
  skus: readonly TenantSku[];
}

/** How many seats are missing to give `add`: free units in the tenant, and the customer's limit on the plan. */
async function seatShortage(
  runtime: Runtime,
  context: SeatContext,
  wanted: WantedLicences,
  add: readonly AssignedLicence[],
): Promise<{ short: number; sentence: string } | undefined> {
  const { customer, record, skus } = context;
  const plan = wanted.plan;
  const name = plan?.name ?? 'custom';
  const then = plan
    ? `\`change plan ${record.upn} ${plan.id}\` gives it to them once one is free`
    : 'assign them in the tenant once they are free';
  for (const licence of add) {
    const sku = skus.find((candidate) => candidate.skuId.toLowerCase() === licence.skuId.toLowerCase());
    if (!sku || sku.availableUnits >= 1) continue;
    return {
      short: 1,
      sentence: `Restored without licences: ${customer.name} has no free ${sku.skuPartNumber} licence (0 of ${sku.enabledUnits}) for ${name}; ${then}.`,
    };
  }
  const limit = plan ? customer.plans.find((entry) => entry.planId === plan.id)?.limit : undefined;
  if (plan === null || limit === undefined || add.length === 0) return undefined;
  const counted = record.status === 'active' && record.planId === plan.id ? 1 : 0;
  const used = (await runtime.store.serviceUsers.countOnPlan(customer.id, plan.id)) - counted;
  if (used < limit) return undefined;
  const short = used + 1 - limit;
  return {
    short,
    sentence: `Restored without licences: ${customer.name} may have ${limit} users on ${plan.name} and has ${used}; ${then}.`,
  };
}
