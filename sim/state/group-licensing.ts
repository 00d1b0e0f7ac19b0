import { badRequest } from './graph-fault';
import { scheduleMailbox } from './mailboxes';
import type { SimGroup, SimGroupLicense, SimState, SimTenant, SimUser } from './tenant-state';
import { touchUser } from './tenant-state';
import { setIndexedLicenses } from './user-index';

/**
 * Group-based licensing: a group's licences reach a member `groupLicenseDelayMs` after they join (or after the
 * group gets the licence), and leave the same delay after they go. Processing takes a seat when the user does not
 * hold the SKU already, and fails with `CountViolation` when none is free. `user.assignedLicenses` stays the union
 * Graph shows; `inheritedSkuIds` names the SKUs only groups give.
 */

export const defaultGroupLicenseDelayMs = 60_000;

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function dueAt(state: SimState): number {
  return state.now() + (state.groupLicenseDelayMs ?? defaultGroupLicenseDelayMs);
}

/** The user joined the group, or the group got licences: each of its licences is processed after the delay. */
export function scheduleGroupLicenses(state: SimState, tenant: SimTenant, user: SimUser, group: SimGroup): void {
  if (group.assignedLicenses.length === 0) return;
  const entries = user.groupLicenses ?? [];
  for (const licence of group.assignedLicenses) {
    const existing = entries.find((entry) => entry.groupId === group.id && entry.skuId === licence.skuId);
    if (existing?.state === 'Active') continue;
    const entry: SimGroupLicense = existing ?? {
      groupId: group.id,
      skuId: licence.skuId,
      disabledPlans: [...licence.disabledPlans],
      state: 'Pending',
      error: 'None',
      dueAt: null,
      lastUpdatedDateTime: isoSeconds(state.now()),
    };
    entry.state = 'Pending';
    entry.dueAt = dueAt(state);
    if (!existing) entries.push(entry);
  }
  user.groupLicenses = entries;
  tenant.index.pendingGroupLicenses.add(user);
}

/** The user left the group, or the group dropped these SKUs (all of its SKUs when none are named). */
export function unscheduleGroupLicenses(
  state: SimState,
  tenant: SimTenant,
  user: SimUser,
  groupId: string,
  skuIds?: string[],
): void {
  const entries = user.groupLicenses ?? [];
  const leaving = entries.filter(
    (entry) => entry.groupId === groupId && (skuIds === undefined || skuIds.includes(entry.skuId)),
  );
  if (leaving.length === 0) return;
  user.groupLicenses = entries.filter((entry) => !(leaving.includes(entry) && entry.state !== 'Active'));
  for (const entry of leaving) {
    if (entry.state !== 'Active') continue; // never given: nothing to take back
    entry.state = 'Removing';
    entry.dueAt = dueAt(state);
  }
  tenant.index.pendingGroupLicenses.add(user);
  touchUser(tenant, user, ['licenseAssignmentStates']);
}

function seatFree(tenant: SimTenant, skuId: string): boolean {
  const sku = tenant.skus.find((candidate) => candidate.skuId === skuId);
  return sku !== undefined && (tenant.index.seats.get(skuId) ?? 0) < sku.units;
}

function process(state: SimState, tenant: SimTenant, user: SimUser, entry: SimGroupLicense): void {
  entry.dueAt = null;
  entry.lastUpdatedDateTime = isoSeconds(state.now());
  const active = tenant.users.get(user.id) === user;
  if (entry.state === 'Removing') {
    user.groupLicenses = (user.groupLicenses ?? []).filter((candidate) => candidate !== entry);
    const stillGiven = user.groupLicenses.some((other) => other.skuId === entry.skuId && other.state === 'Active');
    if (!stillGiven && user.inheritedSkuIds?.includes(entry.skuId)) {
      user.inheritedSkuIds = user.inheritedSkuIds.filter((skuId) => skuId !== entry.skuId);
      const licences = user.assignedLicenses.filter((licence) => licence.skuId !== entry.skuId);
      setIndexedLicenses(tenant.index, user, licences, active);
    }
    return;
  }
  if (user.assignedLicenses.some((licence) => licence.skuId === entry.skuId)) {
    entry.state = 'Active';
    entry.error = 'None';
    return;
  }
  if (!seatFree(tenant, entry.skuId)) {
    entry.state = 'Error';
    entry.error = 'CountViolation';
    return;
  }
  entry.state = 'Active';
  entry.error = 'None';
  user.inheritedSkuIds = [...(user.inheritedSkuIds ?? []), entry.skuId];
  const licences = [...user.assignedLicenses, { skuId: entry.skuId, disabledPlans: [...entry.disabledPlans] }];
  setIndexedLicenses(tenant.index, user, licences, active);
  scheduleMailbox(state, tenant, user);
}

/** Processes the group licence changes whose time has come (active users only; a deleted user's wait). */
export function settleGroupLicenses(state: SimState, tenant: SimTenant): void {
  const now = state.now();
  for (const user of [...tenant.index.pendingGroupLicenses]) {
    if (tenant.users.get(user.id) !== user) continue;
    const entries = user.groupLicenses ?? [];
    const due = entries.filter((entry) => entry.dueAt !== null && entry.dueAt <= now);
    if (due.length === 0) continue;
    for (const entry of due) process(state, tenant, user, entry);
    if (!(user.groupLicenses ?? []).some((entry) => entry.dueAt !== null))
      tenant.index.pendingGroupLicenses.delete(user);
    touchUser(tenant, user, ['assignedLicenses', 'licenseAssignmentStates']);
  }
}

/**
 * Direct removals through assignLicense: a SKU only a group gives cannot be removed from the user (Graph's
 * refusal); a SKU given both directly and by a group stays, now inherited only. Answers the SKUs to drop.
 */
export function directRemovals(user: SimUser, removeSkuIds: string[]): string[] {
  const inherited = user.inheritedSkuIds ?? [];
  for (const skuId of removeSkuIds) {
    if (inherited.includes(skuId)) {
      throw badRequest(
        'User license is inherited from a group membership and it cannot be removed directly from the user.',
      );
    }
  }
  const givenByGroup = (skuId: string) =>
    (user.groupLicenses ?? []).some((entry) => entry.skuId === skuId && entry.state === 'Active');
  const kept = removeSkuIds.filter(givenByGroup);
  if (kept.length > 0) user.inheritedSkuIds = [...inherited, ...kept];
  return removeSkuIds.filter((skuId) => !givenByGroup(skuId));
}

/** SKUs assigned directly are no longer inherited only. */
export function markDirect(user: SimUser, skuIds: string[]): void {
  if (!user.inheritedSkuIds) return;
  user.inheritedSkuIds = user.inheritedSkuIds.filter((skuId) => !skuIds.includes(skuId));
}

/** Graph's `licenseAssignmentStates`: direct licences, then those groups give (processed ones). */
export function licenseAssignmentStatesOf(user: SimUser): Record<string, unknown>[] {
  const inherited = user.inheritedSkuIds ?? [];
  const direct = user.assignedLicenses
    .filter((licence) => !inherited.includes(licence.skuId))
    .map((licence) => ({
      assignedByGroup: null,
      disabledPlans: [...licence.disabledPlans],
      error: 'None',
      lastUpdatedDateTime: null,
      skuId: licence.skuId,
      state: 'Active',
    }));
  const viaGroups = (user.groupLicenses ?? [])
    .filter((entry) => entry.state !== 'Pending')
    .map((entry) => ({
      assignedByGroup: entry.groupId,
      disabledPlans: [...entry.disabledPlans],
      error: entry.error,
      lastUpdatedDateTime: entry.lastUpdatedDateTime,
      skuId: entry.skuId,
      state: entry.state === 'Error' ? 'Error' : 'Active',
    }));
  return [...direct, ...viaGroups];
}
