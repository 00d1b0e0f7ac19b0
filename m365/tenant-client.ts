import type { Logger } from '../common/logger';
import { ExchangeClient } from './exchange-client';
import * as mailboxes from './exchange-lifecycle';
import type { HttpTransport } from './https-fetch';
import type { AnswerObserver } from './observe-answers';
import type { RetryPolicy } from './retry-policy';
import { TenantGraph } from './tenant-graph';
import * as groups from './tenant-groups';
import * as reads from './tenant-reads';
import * as roles from './tenant-roles';
import * as subscriptions from './tenant-subscriptions';
import * as users from './tenant-users';
import type { TokenSource } from './token-source';
import type { TenantClient } from './types';

export interface TenantClientOptions {
  tenantId: string;
  graphUrl: string;
  exchangeUrl: string;
  tokens: TokenSource;
  transport: HttpTransport;
  policy: RetryPolicy;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  onAnswer?: AnswerObserver;
}

/** TenantClient for one customer tenant: the operations live in tenant-users, tenant-reads and tenant-roles. */
export function createTenantClient(options: TenantClientOptions): TenantClient {
  const graph = new TenantGraph(options);
  const exchange = new ExchangeClient(options);
  const context: users.TenantContext = { graph, policy: options.policy, sleep: options.sleep };
  const roleResolver = new roles.RoleResolver(graph);

  return {
    tenantId: options.tenantId,
    getOrganization: () => users.getOrganization(context),
    listDomains: () => users.listDomains(context),
    listSkus: () => users.listSkus(context),
    getUser: (idOrUpn) => users.getUser(context, idOrUpn),
    findUserByUpn: (upn) => users.findUserByUpn(context, upn),
    createUser: (user) => users.createUser(context, user),
    createLicensedUser: (request) => users.createLicensedUser(context, request),
    updateUser: (id, patch) => users.updateUser(context, id, patch),
    deleteUser: (id) => users.deleteUser(context, id),
    listDeletedUsers: () => users.listDeletedUsers(context),
    restoreUser: (id) => users.restoreUser(context, id),
    assignLicenses: (idOrUpn, add, removeSkuIds) => users.assignLicenses(context, idOrUpn, add, removeSkuIds),
    listRoleMembers: (role) => roles.listRoleMembers(graph, roleResolver, role),
    addRoleMember: (role, userId) => roles.addRoleMember(graph, roleResolver, role, userId),
    removeRoleMember: (role, userId) => roles.removeRoleMember(graph, roleResolver, role, userId),
    listUsers: (select, pageSize) => reads.listUsers(graph, select, pageSize),
    readDelta: (select, deltaLink) => reads.readDelta(graph, select, deltaLink),
    latestDeltaLink: (select) => reads.latestDeltaLink(graph, select),
    createSubscription: (request) => subscriptions.createSubscription(graph, request),
    renewSubscription: (id, expiresAt) => subscriptions.renewSubscription(graph, id, expiresAt),
    reauthorizeSubscription: (id) => subscriptions.reauthorizeSubscription(graph, id),
    deleteSubscription: (id) => subscriptions.deleteSubscription(graph, id),
    getMailbox: (upn) => exchange.getMailbox(upn),
    setMailboxAddresses: (upn, emailAddresses) => exchange.setMailboxAddresses(upn, emailAddresses),
    listGroups: () => groups.listGroups(graph),
    listGroupMemberIds: (groupId) => groups.listGroupMemberIds(graph, groupId),
    listUserGroupIds: (userId) => groups.listUserGroupIds(graph, userId),
    addGroupMember: (groupId, userId) => groups.addGroupMember(graph, groupId, userId),
    removeGroupMember: (groupId, userId) => groups.removeGroupMember(graph, groupId, userId),
    revokeSignInSessions: (userId) => groups.revokeSignInSessions(graph, userId),
    getMailboxDetails: (upn) => mailboxes.getMailboxDetails(exchange, upn),
    convertMailboxToShared: (upn) => mailboxes.convertMailboxToShared(exchange, upn),
    setMailboxForwarding: (upn, forwardTo, keepCopy) =>
      mailboxes.setMailboxForwarding(exchange, upn, forwardTo, keepCopy),
    grantMailboxAccess: (mailbox, userUpn, access) => mailboxes.grantMailboxAccess(exchange, mailbox, userUpn, access),
    setAutoReply: (upn, message) => mailboxes.setAutoReply(exchange, upn, message),
    setHiddenFromAddressLists: (upn, hidden) => mailboxes.setHiddenFromAddressLists(exchange, upn, hidden),
    listMobileDevices: (upn) => mailboxes.listMobileDevices(exchange, upn),
    removeMobileDevice: (id) => mailboxes.removeMobileDevice(exchange, id),
  };
}
