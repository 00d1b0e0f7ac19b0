import { createHash, randomUUID } from 'node:crypto';
import type { SimAssignedLicense } from '../types';
import { badRequest, notFound } from './graph-fault';
import { directRemovals, markDirect } from './group-licensing';
import { scheduleMailbox } from './mailboxes';
import { findRoleTemplate } from './role-catalog';
import { isVerifiedDomain, type SimState, type SimTenant, type SimUser, touchUser } from './tenant-state';
import { indexActiveUser, setIndexedLicenses, setIndexedUpn, unindexActiveUser } from './user-index';

/**
 * The directory rules every writer goes through (Graph routes, Exchange, the control API, the seed): verified
 * domains, unique UPNs, licence seats and role assignments (mailboxes: ./mailboxes.ts).
 */

export interface NewUserFields {
  userPrincipalName: string;
  displayName: string;
  mailNickname: string;
  accountEnabled: boolean;
  givenName?: string | null;
  surname?: string | null;
  jobTitle?: string | null;
  mobilePhone?: string | null;
  officeLocation?: string | null;
  preferredLanguage?: string | null;
  businessPhones?: string[];
  usageLocation?: string | null;
  otherMails?: string[];
  mail?: string | null;
  id?: string;
}

/** A UUID derived from text, so seeded objects keep their ids across restarts. */
export function stableUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Graph's timestamps: UTC to the second. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function findUser(tenant: SimTenant, idOrUpn: string): SimUser | undefined {
  const key = idOrUpn.toLowerCase();
  return tenant.users.get(key) ?? tenant.index.byUpn.get(key);
}

export function requireUser(tenant: SimTenant, idOrUpn: string): SimUser {
  const user = findUser(tenant, idOrUpn);
  if (!user) throw notFound(idOrUpn);
  return user;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** Only active users hold a UPN: a soft-deleted one may be taken, and its restore then needs a new UPN. */
function assertUpnFree(tenant: SimTenant, upn: string, exceptId?: string): void {
  const holder = tenant.index.byUpn.get(upn.toLowerCase());
  if (holder && holder.id !== exceptId) {
    throw badRequest('Another object with the same value for property userPrincipalName already exists.', [
      { target: 'userPrincipalName', code: 'ObjectConflict' },
    ]);
  }
}

export function assertUpnDomain(tenant: SimTenant, upn: string): void {
  if (!isVerifiedDomain(tenant, domainOf(upn))) {
    throw badRequest(
      'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
    );
  }
}

export function createUser(state: SimState, tenant: SimTenant, fields: NewUserFields): SimUser {
  assertUpnDomain(tenant, fields.userPrincipalName);
  assertUpnFree(tenant, fields.userPrincipalName);
  const id = fields.id ?? randomUUID();
  tenant.seq += 1;
  const user: SimUser = {
    id,
    userPrincipalName: fields.userPrincipalName,
    displayName: fields.displayName,
    givenName: fields.givenName ?? null,
    surname: fields.surname ?? null,
    mailNickname: fields.mailNickname,
    mail: fields.mail ?? null,
    jobTitle: fields.jobTitle ?? null,
    mobilePhone: fields.mobilePhone ?? null,
    officeLocation: fields.officeLocation ?? null,
    preferredLanguage: fields.preferredLanguage ?? null,
    businessPhones: fields.businessPhones ?? [],
    accountEnabled: fields.accountEnabled,
    usageLocation: fields.usageLocation ?? null,
    assignedLicenses: [],
    proxyAddresses: fields.mail ? [`SMTP:${fields.mail}`] : [],
    otherMails: fields.otherMails ?? [],
    createdDateTime: isoSeconds(state.now()),
    deletedDateTime: null,
    lastPasswordChangeDateTime: isoSeconds(state.now()),
    mailboxDueAt: null,
    mailboxReady: false,
    propertySeqs: {},
    wholeSeq: tenant.seq,
  };
  tenant.users.set(id, user);
  indexActiveUser(tenant.index, user);
  tenant.onUserChange?.(id, 'created');
  return user;
}

/** Renames the UPN (Graph PATCH userPrincipalName): verified domain, unique among users and deleted users. */
export function renameUser(tenant: SimTenant, user: SimUser, newUpn: string): void {
  if (user.userPrincipalName === newUpn) return;
  assertUpnDomain(tenant, newUpn);
  assertUpnFree(tenant, newUpn, user.id);
  setIndexedUpn(tenant.index, user, newUpn);
  touchUser(tenant, user, ['userPrincipalName']);
}

export function deleteUser(state: SimState, tenant: SimTenant, user: SimUser): void {
  unindexActiveUser(tenant.index, user);
  tenant.users.delete(user.id);
  user.deletedDateTime = isoSeconds(state.now());
  tenant.deleted.set(user.id, user);
  touchUser(tenant, user);
}

export function restoreUser(tenant: SimTenant, id: string, newUpn?: string): SimUser {
  const user = tenant.deleted.get(id.toLowerCase());
  if (!user) throw notFound(id);
  const upn = newUpn ?? user.userPrincipalName;
  if (newUpn) assertUpnDomain(tenant, newUpn);
  assertUpnFree(tenant, upn);
  tenant.deleted.delete(user.id);
  user.deletedDateTime = null;
  user.userPrincipalName = upn;
  tenant.users.set(user.id, user);
  indexActiveUser(tenant.index, user);
  touchUser(tenant, user);
  return user;
}

/** How long Entra keeps a soft-deleted user restorable before removing it for good. */
export const deletedUserRetentionMs = 30 * 24 * 60 * 60 * 1000;

/** Removes for good the deleted users whose 30 days have passed (`state.now()`), as Entra does on its own. */
export function purgeExpiredUsers(state: SimState, tenant: SimTenant): void {
  const cutoff = state.now() - deletedUserRetentionMs;
  for (const user of [...tenant.deleted.values()]) {
    if (user.deletedDateTime && Date.parse(user.deletedDateTime) <= cutoff) purgeUser(tenant, user.id);
  }
}

export function purgeUser(tenant: SimTenant, id: string): void {
  const user = tenant.deleted.get(id.toLowerCase());
  if (!user) throw notFound(id);
  tenant.deleted.delete(user.id);
  tenant.index.pendingMailboxes.delete(user);
  tenant.index.pendingGroupLicenses.delete(user);
  for (const group of tenant.groups) {
    group.memberIds = group.memberIds.filter((memberId) => memberId !== user.id);
    group.ownerIds = group.ownerIds.filter((ownerId) => ownerId !== user.id);
  }
  tenant.roleAssignments = tenant.roleAssignments.filter((assignment) => assignment.principalId !== user.id);
  tenant.seq += 1;
  tenant.purged.push({ id: user.id, seq: tenant.seq });
}

/** Seats in use: licences of active users (a deleted user's seat is free until restore). */
export function consumedUnits(tenant: SimTenant, skuId: string): number {
  return tenant.index.seats.get(skuId) ?? 0;
}

export function assignLicenses(
  state: SimState,
  tenant: SimTenant,
  user: SimUser,
  add: SimAssignedLicense[],
  removeSkuIds: string[],
): void {
  for (const license of add) {
    if (!tenant.skus.some((sku) => sku.skuId === license.skuId)) {
      throw badRequest(`License ${license.skuId} does not correspond to a valid company License.`);
    }
  }
  for (const skuId of removeSkuIds) {
    if (!tenant.skus.some((sku) => sku.skuId === skuId)) {
      throw badRequest(`License ${skuId} does not correspond to a valid company License.`);
    }
    if (!user.assignedLicenses.some((license) => license.skuId === skuId)) {
      throw badRequest('User does not have a corresponding license.');
    }
  }
  if (add.length > 0 && !user.usageLocation) {
    throw badRequest('License assignment cannot be done for user with invalid usage location.');
  }
  for (const license of add) {
    const held = user.assignedLicenses.some((current) => current.skuId === license.skuId);
    const sku = tenant.skus.find((candidate) => candidate.skuId === license.skuId);
    if (!held && sku && consumedUnits(tenant, sku.skuId) >= sku.units) {
      throw badRequest(`Subscription with SKU ${license.skuId} does not have any available licenses.`);
    }
  }
  const dropped = directRemovals(user, removeSkuIds);
  markDirect(
    user,
    add.map((license) => license.skuId),
  );
  const kept = user.assignedLicenses.filter(
    (license) => !dropped.includes(license.skuId) && !add.some((added) => added.skuId === license.skuId),
  );
  const licenses = [
    ...kept,
    ...add.map((license) => ({ skuId: license.skuId, disabledPlans: [...license.disabledPlans] })),
  ];
  setIndexedLicenses(tenant.index, user, licenses, tenant.users.get(user.id) === user);
  touchUser(tenant, user, ['assignedLicenses']);
  scheduleMailbox(state, tenant, user);
}

export function resolveRoleTemplateId(role: string): string {
  const template = findRoleTemplate(role);
  if (!template) throw notFound(role);
  return template.id;
}

export function activateRole(tenant: SimTenant, templateId: string): string {
  let roleId = tenant.activatedRoles.get(templateId);
  if (!roleId) {
    roleId = stableUuid(`${tenant.id}/role/${templateId}`);
    tenant.activatedRoles.set(templateId, roleId);
  }
  return roleId;
}

export function grantRole(tenant: SimTenant, templateId: string, userId: string): string {
  const duplicate = tenant.roleAssignments.some(
    (assignment) =>
      assignment.roleTemplateId === templateId &&
      assignment.principalId === userId &&
      assignment.directoryScopeId === '/',
  );
  if (duplicate) {
    throw badRequest(
      'A conflicting object with one or more of the specified property values is present in the directory.',
    );
  }
  activateRole(tenant, templateId);
  const id = `${Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url')}-1`;
  tenant.roleAssignments.push({ id, roleTemplateId: templateId, principalId: userId, directoryScopeId: '/' });
  tenant.seq += 1;
  return id;
}

export function revokeRole(tenant: SimTenant, templateId: string, userId: string): boolean {
  const before = tenant.roleAssignments.length;
  tenant.roleAssignments = tenant.roleAssignments.filter(
    (assignment) => !(assignment.roleTemplateId === templateId && assignment.principalId === userId),
  );
  tenant.seq += 1;
  return tenant.roleAssignments.length < before;
}

/** Object ids of the active users holding the role over the whole directory. */
export function roleMemberIds(tenant: SimTenant, templateId: string): string[] {
  return [
    ...new Set(
      tenant.roleAssignments
        .filter((assignment) => assignment.roleTemplateId === templateId && assignment.directoryScopeId === '/')
        .map((assignment) => assignment.principalId)
        .filter((id) => tenant.users.has(id)),
    ),
  ];
}
