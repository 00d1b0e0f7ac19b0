import { createUser, findUser, resolveRoleTemplateId } from '../state/directory';
import { licenseAssignmentStatesOf } from '../state/group-licensing';
import { addGroupLink, createGroup, findGroup, removeGroupLink, setGroupLicenses } from '../state/groups';
import { mailboxSettingsOf, seededDevice } from '../state/mailbox-settings';
import { provisionMailbox } from '../state/mailboxes';
import { defaultDomain, type SimGroup, type SimState, type SimTenant, type SimUser } from '../state/tenant-state';
import type { SimGroupView, SimLifecycleControl, SimMailboxView } from '../types';
import { skuIdOf, tenantIn, userOf } from './control-lookups';

/** The portal's side of the lifecycle: groups and their licences, sessions, shared mailboxes, sizes and devices. */

function groupView(group: SimGroup): SimGroupView {
  return {
    id: group.id,
    displayName: group.displayName,
    groupTypes: [...group.groupTypes],
    securityEnabled: group.securityEnabled,
    mailEnabled: group.mailEnabled,
    memberIds: [...group.memberIds],
    ownerIds: [...group.ownerIds],
    assignedSkuIds: group.assignedLicenses.map((licence) => licence.skuId),
  };
}

function upnOf(tenant: SimTenant, userId: string): string {
  return findUser(tenant, userId)?.userPrincipalName ?? tenant.deleted.get(userId)?.userPrincipalName ?? userId;
}

function mailboxView(tenant: SimTenant, user: SimUser): SimMailboxView {
  const settings = mailboxSettingsOf(user);
  return {
    userPrincipalName: user.userPrincipalName,
    type: settings.type,
    sizeBytes: settings.sizeBytes,
    forwardingSmtpAddress: settings.forwardingSmtpAddress,
    deliverToMailboxAndForward: settings.deliverToMailboxAndForward,
    hiddenFromAddressListsEnabled: settings.hiddenFromAddressListsEnabled,
    autoReplyState: settings.autoReplyState,
    internalMessage: settings.internalMessage,
    fullAccess: settings.permissions
      .filter((entry) => entry.accessRights.includes('FullAccess'))
      .map((entry) => upnOf(tenant, entry.userId)),
    sendAs: settings.sendAs.map((userId) => upnOf(tenant, userId)),
    mobileDevices: settings.mobileDevices.map((device) => ({ guid: device.guid, name: device.friendlyName })),
  };
}

function groupOf(tenant: SimTenant, key: string): SimGroup {
  const group = findGroup(tenant, key);
  if (!group) throw new Error(`Tenant ${tenant.displayName} has no group ${key}.`);
  return group;
}

function mailboxOf(tenant: SimTenant, key: string): SimUser {
  const user = userOf(tenant, key);
  if (!user.mailboxReady) throw new Error(`${user.userPrincipalName} has no mailbox yet.`);
  return user;
}

export function lifecycleControls(state: SimState): SimLifecycleControl {
  const tenantOf = (tenantId: string) => tenantIn(state, tenantId);
  return {
    createGroup(tenantId, fields) {
      const tenant = tenantOf(tenantId);
      const group = createGroup(state, tenant, {
        displayName: fields.displayName,
        description: fields.description,
        kind: fields.kind,
        mailDomain: defaultDomain(tenant).name,
        assignedLicenses: (fields.licenses ?? []).map((sku) => ({ skuId: skuIdOf(tenant, sku), disabledPlans: [] })),
      });
      for (const member of fields.members ?? []) addGroupLink(state, tenant, group, userOf(tenant, member), 'members');
      return groupView(group);
    },
    listGroups: (tenantId) => tenantOf(tenantId).groups.map(groupView),
    getGroup(tenantId, key) {
      const group = findGroup(tenantOf(tenantId), key);
      return group ? groupView(group) : null;
    },
    addGroupMember(tenantId, key, user) {
      const tenant = tenantOf(tenantId);
      addGroupLink(state, tenant, groupOf(tenant, key), userOf(tenant, user), 'members');
    },
    removeGroupMember(tenantId, key, user) {
      const tenant = tenantOf(tenantId);
      removeGroupLink(state, tenant, groupOf(tenant, key), userOf(tenant, user).id, 'members');
    },
    addGroupOwner(tenantId, key, user) {
      const tenant = tenantOf(tenantId);
      addGroupLink(state, tenant, groupOf(tenant, key), userOf(tenant, user), 'owners');
    },
    setGroupLicenses(tenantId, key, skus) {
      const tenant = tenantOf(tenantId);
      const group = groupOf(tenant, key);
      const licences = skus.map((sku) => ({ skuId: skuIdOf(tenant, sku), disabledPlans: [] }));
      setGroupLicenses(state, tenant, group, licences);
      return groupView(group);
    },
    getLicenseStates(tenantId, user) {
      return licenseAssignmentStatesOf(userOf(tenantOf(tenantId), user)).map((entry) => ({
        skuId: String(entry.skuId),
        assignedByGroup: (entry.assignedByGroup as string | null) ?? null,
        state: String(entry.state),
        error: String(entry.error),
      }));
    },
    getSessionsRevokedAt: (tenantId, user) => userOf(tenantOf(tenantId), user).signInSessionsValidFromDateTime ?? null,
    createSharedMailbox(tenantId, mailbox) {
      const tenant = tenantOf(tenantId);
      const upn = mailbox.userPrincipalName;
      const user = createUser(state, tenant, {
        userPrincipalName: upn,
        displayName: mailbox.displayName ?? upn.split('@')[0] ?? upn,
        mailNickname: upn.split('@')[0] ?? upn,
        accountEnabled: false,
      });
      provisionMailbox(tenant, user);
      mailboxSettingsOf(user).type = 'SharedMailbox';
      return mailboxView(tenant, user);
    },
    getMailbox(tenantId, key) {
      const tenant = tenantOf(tenantId);
      const user = findUser(tenant, key);
      return user?.mailboxReady ? mailboxView(tenant, user) : null;
    },
    setMailboxSize(tenantId, key, bytes) {
      const tenant = tenantOf(tenantId);
      const user = mailboxOf(tenant, key);
      mailboxSettingsOf(user).sizeBytes = bytes;
      return mailboxView(tenant, user);
    },
    addMobileDevice(tenantId, key, name) {
      const user = mailboxOf(tenantOf(tenantId), key);
      const device = seededDevice(user, `${name}#${mailboxSettingsOf(user).mobileDevices.length}`);
      device.friendlyName = name;
      device.deviceModel = name;
      mailboxSettingsOf(user).mobileDevices.push(device);
      return { guid: device.guid, name };
    },
    grantAppRole(tenantId, role) {
      const tenant = tenantOf(tenantId);
      const templateId = resolveRoleTemplateId(role);
      tenant.appDirectoryRoles = [...(tenant.appDirectoryRoles ?? []).filter((id) => id !== templateId), templateId];
    },
  };
}
