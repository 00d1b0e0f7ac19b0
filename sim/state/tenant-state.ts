import type { DeltaExpiryAnswer, SimAssignedLicense, SimConsentState } from '../types';
import type { ServicePlan } from './sku-catalog';
import type { UserIndex } from './user-index';

/**
 * The in-memory shape of a tenant. Every change bumps the tenant's sequence number and stamps the properties it
 * touched, which is what delta rounds read: a user surfaces when a selected property changed after the round's
 * sync point.
 */

export interface SimDomain {
  name: string;
  isVerified: boolean;
  isDefault: boolean;
  isInitial: boolean;
}

export interface SimSku {
  /** `<tenantId>_<skuId>`, as Graph shows subscribedSku ids. */
  id: string;
  skuId: string;
  skuPartNumber: string;
  units: number;
  servicePlans: ServicePlan[];
  subscriptionId: string;
}

export interface SimUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mailNickname: string;
  mail: string | null;
  jobTitle: string | null;
  mobilePhone: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
  businessPhones: string[];
  accountEnabled: boolean;
  usageLocation: string | null;
  assignedLicenses: SimAssignedLicense[];
  proxyAddresses: string[];
  otherMails: string[];
  createdDateTime: string;
  deletedDateTime: string | null;
  /** Set when a password is given: on creation and by a PATCH with passwordProfile (a reset). */
  lastPasswordChangeDateTime?: string;
  /** When the Exchange mailbox appears (ms since epoch); null until an Exchange licence is assigned. */
  mailboxDueAt: number | null;
  mailboxReady: boolean;
  /** Licences handed down by groups, with their processing state (./group-licensing.ts); absent = none. */
  groupLicenses?: SimGroupLicense[];
  /** SKUs in assignedLicenses only because a group gives them (not assigned directly). */
  inheritedSkuIds?: string[];
  /** Exchange settings beyond the addresses (./mailbox-settings.ts); absent = the defaults of a new user mailbox. */
  mailbox?: SimMailboxSettings;
  /** Set by revokeSignInSessions. */
  signInSessionsValidFromDateTime?: string;
  /** Sequence numbers of the last change per property, and of the create / restore. */
  propertySeqs: Record<string, number>;
  wholeSeq: number;
}

/** A licence a group gives a member: processed `groupLicenseDelayMs` after the membership or licence change. */
export interface SimGroupLicense {
  groupId: string;
  skuId: string;
  disabledPlans: string[];
  /** Pending = not processed yet; Removing = the member left or the group dropped it, not processed yet. */
  state: 'Pending' | 'Active' | 'Error' | 'Removing';
  /** `None`, or why it failed (`CountViolation`, …). */
  error: string;
  /** When processing is due (ms since epoch); null once processed. */
  dueAt: number | null;
  lastUpdatedDateTime: string;
}

export interface SimGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mail: string | null;
  /** `Unified` for a Microsoft 365 group; empty for a security group. */
  groupTypes: string[];
  securityEnabled: boolean;
  mailEnabled: boolean;
  memberIds: string[];
  ownerIds: string[];
  assignedLicenses: SimAssignedLicense[];
  createdDateTime: string;
}

export interface SimMobileDevice {
  guid: string;
  deviceId: string;
  friendlyName: string;
  deviceModel: string;
  deviceOs: string;
}

export interface SimMailboxSettings {
  type: 'UserMailbox' | 'SharedMailbox';
  sizeBytes: number;
  itemCount: number;
  forwardingSmtpAddress: string | null;
  deliverToMailboxAndForward: boolean;
  hiddenFromAddressListsEnabled: boolean;
  autoReplyState: 'Enabled' | 'Disabled' | 'Scheduled';
  internalMessage: string;
  externalMessage: string;
  /** Add-MailboxPermission grants: trustee user id and rights. */
  permissions: { userId: string; accessRights: string[] }[];
  /** Add-RecipientPermission grants (SendAs): trustee user ids. */
  sendAs: string[];
  mobileDevices: SimMobileDevice[];
}

export interface SimRoleAssignment {
  id: string;
  roleTemplateId: string;
  principalId: string;
  directoryScopeId: string;
}

export interface SimTenant {
  id: string;
  displayName: string;
  domains: SimDomain[];
  skus: SimSku[];
  /** Active users by object id, in creation order. */
  users: Map<string, SimUser>;
  /** Active users in id order, by UPN, seats per SKU, pending mailboxes (./user-index.ts). */
  index: UserIndex<SimUser>;
  /** Soft-deleted users by object id. */
  deleted: Map<string, SimUser>;
  /** Permanently deleted users, for delta's `@removed: deleted`. */
  purged: { id: string; seq: number }[];
  consent: SimConsentState;
  /** App permissions the app asks for that this tenant's consent leaves out (removed in the portal). */
  withheldPermissions: Set<string>;
  roleAssignments: SimRoleAssignment[];
  /** Directory roles (template ids) the app's own service principal holds here; absent: none (the usual case). */
  appDirectoryRoles?: string[];
  /** Security and Microsoft 365 groups, in creation order. */
  groups: SimGroup[];
  /** Activated directory roles: template id → directoryRole object id. */
  activatedRoles: Map<string, string>;
  seq: number;
  /** Delta tokens carry the generation they were issued in; expiring tokens bumps it. */
  deltaGeneration: number;
  deltaExpiryAnswer: DeltaExpiryAnswer;
  /** Told of every user created, changed or deleted (change notifications); not saved. */
  onUserChange?: (userId: string, change: 'created' | 'updated' | 'deleted') => void;
}

export interface SimApp {
  clientId: string;
  clientSecret: string;
  displayName: string;
  redirectUris: string[];
}

export interface SimState {
  app: SimApp;
  tenants: Map<string, SimTenant>;
  mailboxDelayMs: number;
  /** How long group-based licence changes take to process (default 60000). */
  groupLicenseDelayMs?: number;
  now: () => number;
}

/** Records a change of these properties (or of the whole object when none are named). */
export function touchUser(tenant: SimTenant, user: SimUser, properties?: string[]): void {
  tenant.seq += 1;
  if (!properties) user.wholeSeq = tenant.seq;
  else for (const property of properties) user.propertySeqs[property] = tenant.seq;
  tenant.onUserChange?.(user.id, user.deletedDateTime ? 'deleted' : 'updated');
}

export function findTenant(state: SimState, idOrDomain: string): SimTenant | undefined {
  const key = idOrDomain.toLowerCase();
  const byId = state.tenants.get(key);
  if (byId) return byId;
  for (const tenant of state.tenants.values()) {
    if (tenant.domains.some((domain) => domain.name.toLowerCase() === key)) return tenant;
  }
  return undefined;
}

export function defaultDomain(tenant: SimTenant): SimDomain {
  return tenant.domains.find((domain) => domain.isDefault) ?? (tenant.domains[0] as SimDomain);
}

export function initialDomain(tenant: SimTenant): SimDomain {
  return tenant.domains.find((domain) => domain.isInitial) ?? defaultDomain(tenant);
}

export function isVerifiedDomain(tenant: SimTenant, domain: string): boolean {
  return tenant.domains.some(
    (candidate) => candidate.isVerified && candidate.name.toLowerCase() === domain.toLowerCase(),
  );
}
