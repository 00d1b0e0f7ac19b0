/**
 * What the two buttons do (design §6). Approve accepts the tenant's state in the store; Revoke puts the tenant
 * back, through the same handler functions and helpers the chat commands use (grant/revoke admin, plan licences,
 * plan groups).
 * Each returns one line saying what was done; a refusal or a tenant failure throws with a plain sentence.
 */
import { grantAdmin, revokeAdmin } from '../core/admin-access';
import { removeAdminRole, roleName } from '../core/admin-role';
import { HandlerError } from '../core/handler-error';
import { checkFreeUnits, missingLicences } from '../core/licences';
import { groupNames, joinGroups } from '../core/plan-groups';
import { requireTenant } from '../core/resolve-customer';
import { restoreServiceUser, wantedLicencesOf } from '../core/restore-user';
import type { Invocation } from '../core/runtime';
import { saveServiceUser } from '../core/service-users';
import { possessive } from '../core/words';
import type { TenantClient } from '../m365/types';
import type { Customer, Discrepancy, ServiceUser } from '../store/types';
import { messageKey, refreshMessage } from './channel-messages';
import { storedGroups } from './detect-groups';

export interface DecisionTarget {
  invocation: Invocation;
  customer: Customer;
  discrepancy: Discrepancy;
}

export async function applyApprove(target: DecisionTarget): Promise<string> {
  const { invocation, customer, discrepancy: d } = target;
  const users = invocation.runtime.store.serviceUsers;
  if (d.kind === 'unmanaged-user') return adoptUser(target);
  if (d.kind === 'admin-granted' && (await isOutsideAccount(target))) {
    return `Accepted the ${roleName(d.actual.role)} role of ${d.upn}, which m365ops does not manage; it is not reported again.`;
  }
  const record = await requireRecord(target);
  const actual = d.actual;
  switch (d.kind) {
    case 'groups-missing': {
      const missing = storedGroups(actual.missing);
      const exceptions = new Set([...(record.groupExceptions ?? []), ...missing.map((group) => group.id)]);
      await users.update(customer.id, d.objectId, { groupExceptions: [...exceptions] });
      return `Recorded that ${record.upn} stays out of ${groupNames(missing)}; sync no longer reports it.`;
    }
    case 'user-deleted':
      await users.update(customer.id, d.objectId, { status: 'deleted' });
      return `Marked ${record.upn} deleted; their ${record.planId ?? 'custom'} seat is free.`;
    case 'licenses-removed':
      await users.update(customer.id, d.objectId, { status: 'removed' });
      return `Marked ${record.upn} removed; their ${record.planId ?? 'custom'} seat is free.`;
    case 'plan-changed':
      await users.update(customer.id, d.objectId, { planId: String(actual.planId), customSkuIds: undefined });
      return `Recorded ${actual.planId} as the plan of ${record.upn}.`;
    case 'licenses-drifted':
      await users.update(customer.id, d.objectId, { planId: null, customSkuIds: stringsOf(actual.skuIds) });
      return `Recorded the licences of ${record.upn} as custom.`;
    case 'admin-revoked':
      await users.update(customer.id, d.objectId, { admin: false });
      return `Recorded that ${record.upn} is no longer an admin.`;
    case 'admin-granted':
      await users.update(customer.id, d.objectId, { admin: true });
      return `Recorded ${record.upn} as an admin.`;
    case 'upn-changed': {
      const upn = String(actual.upn).toLowerCase();
      const { createdAt: _c, updatedAt: _u, ...fields } = record;
      const intendedUpn = record.intendedUpn && record.intendedUpn !== upn ? record.intendedUpn : undefined;
      await saveServiceUser(invocation.runtime, { ...fields, upn, intendedUpn });
      return `Renamed the record of ${record.upn} to ${upn}.`;
    }
  }
}

export async function applyRevoke(target: DecisionTarget): Promise<string> {
  const { invocation, customer, discrepancy: d } = target;
  const tenant = invocation.runtime.gateway.forTenant(requireTenant(customer));
  if (d.kind === 'unmanaged-user') {
    const user = await tenant.getUser(d.objectId);
    if (!user) throw gone(d.upn, customer);
    const skuIds = user.assignedLicenses.map((licence) => licence.skuId);
    if (skuIds.length > 0) await tenant.assignLicenses(user.id, [], skuIds);
    return `Removed ${skuIds.length} licence${skuIds.length === 1 ? '' : 's'} from ${user.userPrincipalName}.`;
  }
  if (d.kind === 'admin-granted' && (await isOutsideAccount(target))) {
    const removed = await removeAdminRole(tenant, customer, d.objectId);
    const role = roleName(d.actual.role);
    return removed ? `Removed the ${role} role from ${d.upn}.` : `${d.upn} no longer held the ${role} role.`;
  }
  const record = await requireRecord(target);
  const command = { upn: record.upn, customerId: customer.id };
  switch (d.kind) {
    case 'user-deleted': {
      const restore = { customer, tenant, objectId: d.objectId, upn: record.upn };
      const restored = await restoreServiceUser(invocation.runtime, restore, record);
      if (restored.licensed) return `Restored ${record.upn} and gave back the ${record.planId ?? 'custom'} licences.`;
      return `Restored ${record.upn}. ${restored.note ?? ''}`.trim();
    }
    case 'licenses-removed':
    case 'plan-changed':
    case 'licenses-drifted':
      await restoreLicences(target, tenant, record);
      return `Gave ${record.upn} exactly the ${record.planId ?? 'custom'} licences again.`;
    case 'admin-revoked':
      return (await grantAdmin(invocation, { name: 'grant-admin', ...command, confirmed: true })).title;
    case 'admin-granted': {
      const reply = await revokeAdmin(invocation, { name: 'revoke-admin', ...command, confirmed: true });
      return reply.title;
    }
    case 'upn-changed':
      await tenant.updateUser(d.objectId, { userPrincipalName: record.upn });
      return `Renamed ${String(d.actual.upn)} back to ${record.upn} in the tenant.`;
    case 'groups-missing': {
      if (!(await tenant.getUser(d.objectId))) throw gone(record.upn, customer);
      const missing = storedGroups(d.actual.missing);
      await joinGroups(tenant, { id: d.objectId, upn: record.upn }, missing);
      return `Added ${record.upn} back to ${groupNames(missing)}.`;
    }
  }
}

/**
 * The record's licences put back in one assignLicense call: the missing ones added, any others removed. Runs under
 * the per-user lock `decide` holds.
 */
async function restoreLicences(target: DecisionTarget, tenant: TenantClient, record: ServiceUser): Promise<void> {
  const { invocation, customer } = target;
  const runtime = invocation.runtime;
  const user = await tenant.getUser(record.objectId);
  if (!user) throw gone(record.upn, customer);
  const skus = await tenant.listSkus();
  const { plan, licences: wanted } = await wantedLicencesOf(runtime, customer, record, skus);
  const add = missingLicences(user.assignedLicenses, wanted);
  const wantedIds = new Set(wanted.map((licence) => licence.skuId.toLowerCase()));
  const remove = user.assignedLicenses
    .map((licence) => licence.skuId)
    .filter((skuId) => !wantedIds.has(skuId.toLowerCase()));
  if (plan) await checkFreeUnits(runtime, customer, plan, skus, add);
  if (add.length > 0 && !user.usageLocation && record.usageLocation) {
    await tenant.updateUser(user.id, { usageLocation: record.usageLocation });
  }
  if (add.length > 0 || remove.length > 0) await tenant.assignLicenses(user.id, add, remove);
}

async function adoptUser(target: DecisionTarget): Promise<string> {
  const { invocation, customer, discrepancy: d } = target;
  const existing = await invocation.runtime.store.serviceUsers.get(customer.id, d.objectId);
  const planId = typeof d.actual.planId === 'string' ? d.actual.planId : null;
  const upn = d.upn.toLowerCase();
  await saveServiceUser(invocation.runtime, {
    customerId: customer.id,
    objectId: d.objectId,
    upn,
    displayName: typeof d.actual.displayName === 'string' ? d.actual.displayName : upn,
    planId,
    ...(planId ? {} : { customSkuIds: stringsOf(d.actual.skuIds) }),
    admin: d.actual.admin === true,
    ...(typeof d.actual.usageLocation === 'string' ? { usageLocation: d.actual.usageLocation } : {}),
    aliases: existing?.aliases ?? [],
    status: 'active',
    createdBy: invocation.request.context.identity,
  });
  if (d.actual.admin === true) await resolveOutsideAdmin(target);
  return planId ? `Adopted ${upn} under ${planId}.` : `Adopted ${upn} with custom licences.`;
}

/**
 * Adopting an account that holds the admin role records its admin access, which answers the admin-granted
 * discrepancy sync raised for it as an account m365ops did not manage: that one is resolved, its card updated.
 */
async function resolveOutsideAdmin(target: DecisionTarget): Promise<void> {
  const { invocation, customer, discrepancy: d } = target;
  const { runtime } = invocation;
  for (const open of await runtime.store.discrepancies.listOpen(customer.id, 'admin-granted')) {
    if (open.objectId !== d.objectId || open.expected.managed !== false || open.status !== 'open') continue;
    const resolved = await runtime.store.discrepancies.resolve(open.id);
    // On the adopted one's own message (a digest) the decision redraws it once, after a batch too.
    const sameMessage =
      resolved?.messageRef && d.messageRef && messageKey(resolved.messageRef) === messageKey(d.messageRef);
    if (resolved && !sameMessage) await refreshMessage(runtime, customer, resolved);
  }
}

/** An admin-granted discrepancy about an account m365ops has no active record of (sync/outside-admins.ts). */
async function isOutsideAccount(target: DecisionTarget): Promise<boolean> {
  const { invocation, customer, discrepancy: d } = target;
  const record = await invocation.runtime.store.serviceUsers.get(customer.id, d.objectId);
  return d.expected.managed === false && record?.status !== 'active';
}

async function requireRecord(target: DecisionTarget): Promise<ServiceUser> {
  const { invocation, customer, discrepancy: d } = target;
  const record = await invocation.runtime.store.serviceUsers.get(customer.id, d.objectId);
  if (!record) {
    throw new HandlerError(
      'not-managed',
      `${d.upn} is no longer a service user of ${customer.name}, so there is nothing to decide; run \`sync ${customer.id}\` again.`,
    );
  }
  return record;
}

function gone(upn: string, customer: Customer): HandlerError {
  return new HandlerError(
    'unknown-user',
    `${upn} no longer exists in ${possessive(customer.name)} tenant, so it cannot be put back; run \`sync ${customer.id}\` to review it.`,
  );
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
