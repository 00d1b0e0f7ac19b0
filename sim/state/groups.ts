import { randomUUID } from 'node:crypto';
import type { SimAssignedLicense } from '../types';
import { badRequest, notFound } from './graph-fault';
import { scheduleGroupLicenses, unscheduleGroupLicenses } from './group-licensing';
import type { SimGroup, SimState, SimTenant, SimUser } from './tenant-state';

/**
 * Security and Microsoft 365 groups: members and owners by `$ref`, with Graph's refusals for a duplicate or a
 * missing reference, and group-based licensing handed to ./group-licensing.ts on every membership change.
 */

/**
 * 'security' (default), 'microsoft365' (Unified, mail-enabled), or the two Exchange owns, whose members Graph
 * cannot change: 'mail-security' (a mail-enabled security group) and 'distribution' (a distribution list).
 */
export type SimGroupKind = 'security' | 'microsoft365' | 'mail-security' | 'distribution';

export interface NewGroupFields {
  displayName: string;
  description?: string | null;
  mailNickname?: string;
  kind?: SimGroupKind;
  mailDomain?: string;
  id?: string;
  assignedLicenses?: SimAssignedLicense[];
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function findGroup(tenant: SimTenant, key: string): SimGroup | undefined {
  const lower = key.toLowerCase();
  return (
    tenant.groups.find((group) => group.id === lower) ??
    tenant.groups.find((group) => group.displayName.toLowerCase() === lower)
  );
}

/** By object id (Graph addresses groups only so). */
export function requireGroup(tenant: SimTenant, id: string): SimGroup {
  const group = tenant.groups.find((candidate) => candidate.id === id.toLowerCase());
  if (!group) throw notFound(id);
  return group;
}

export function createGroup(state: SimState, tenant: SimTenant, fields: NewGroupFields): SimGroup {
  const unified = fields.kind === 'microsoft365';
  const mailEnabled = unified || fields.kind === 'mail-security' || fields.kind === 'distribution';
  const mailNickname = fields.mailNickname ?? (fields.displayName.toLowerCase().replace(/[^a-z0-9]/g, '') || 'group');
  if (tenant.groups.some((group) => group.mailNickname.toLowerCase() === mailNickname.toLowerCase() && unified)) {
    throw badRequest('Another object with the same value for property mailNickname already exists.', [
      { target: 'mailNickname', code: 'ObjectConflict' },
    ]);
  }
  const group: SimGroup = {
    id: (fields.id ?? randomUUID()).toLowerCase(),
    displayName: fields.displayName,
    description: fields.description ?? null,
    mailNickname,
    mail: mailEnabled && fields.mailDomain ? `${mailNickname}@${fields.mailDomain}` : null,
    groupTypes: unified ? ['Unified'] : [],
    securityEnabled: !unified && fields.kind !== 'distribution',
    mailEnabled,
    memberIds: [],
    ownerIds: [],
    assignedLicenses: (fields.assignedLicenses ?? []).map((licence) => ({
      skuId: licence.skuId,
      disabledPlans: [...licence.disabledPlans],
    })),
    createdDateTime: isoSeconds(state.now()),
  };
  tenant.groups.push(group);
  tenant.seq += 1;
  return group;
}

export type GroupLink = 'members' | 'owners';

/** Exchange owns the members of a mail-enabled security group or a distribution list: Graph refuses to change them. */
export function requireGraphManaged(group: SimGroup): void {
  if (group.mailEnabled && !group.groupTypes.includes('Unified')) {
    throw badRequest('Cannot Update a mail-enabled security groups and or distribution list.');
  }
}

function idsOf(group: SimGroup, link: GroupLink): string[] {
  return link === 'members' ? group.memberIds : group.ownerIds;
}

/** POST /groups/{id}/{members|owners}/$ref. */
export function addGroupLink(
  state: SimState,
  tenant: SimTenant,
  group: SimGroup,
  user: SimUser,
  link: GroupLink,
): void {
  const ids = idsOf(group, link);
  if (ids.includes(user.id)) {
    throw badRequest(
      `One or more added object references already exist for the following modified properties: '${link}'.`,
    );
  }
  ids.push(user.id);
  tenant.seq += 1;
  // Membership is not a user property: delta and change notifications on users do not see it (as in Graph).
  if (link === 'members') scheduleGroupLicenses(state, tenant, user, group);
}

/** DELETE /groups/{id}/{members|owners}/{userId}/$ref. */
export function removeGroupLink(
  state: SimState,
  tenant: SimTenant,
  group: SimGroup,
  userId: string,
  link: GroupLink,
): void {
  const key = userId.toLowerCase();
  const ids = idsOf(group, link);
  const at = ids.indexOf(key);
  if (at < 0) {
    throw badRequest(
      `One or more removed object references do not exist for the following modified properties: '${link}'.`,
    );
  }
  ids.splice(at, 1);
  tenant.seq += 1;
  const user = tenant.users.get(key) ?? tenant.deleted.get(key);
  if (link === 'members' && user) unscheduleGroupLicenses(state, tenant, user, group.id);
}

/** Replaces the licences the group gives: members gain the new ones and lose the dropped ones after the delay. */
export function setGroupLicenses(
  state: SimState,
  tenant: SimTenant,
  group: SimGroup,
  licences: SimAssignedLicense[],
): void {
  const dropped = group.assignedLicenses
    .map((licence) => licence.skuId)
    .filter((skuId) => !licences.some((licence) => licence.skuId === skuId));
  group.assignedLicenses = licences.map((licence) => ({
    skuId: licence.skuId,
    disabledPlans: [...licence.disabledPlans],
  }));
  tenant.seq += 1;
  for (const memberId of group.memberIds) {
    const user = tenant.users.get(memberId);
    if (!user) continue;
    if (dropped.length > 0) unscheduleGroupLicenses(state, tenant, user, group.id, dropped);
    scheduleGroupLicenses(state, tenant, user, group);
  }
}

/** The groups the user is a direct member of. */
export function groupsOfUser(tenant: SimTenant, userId: string): SimGroup[] {
  return tenant.groups.filter((group) => group.memberIds.includes(userId.toLowerCase()));
}
