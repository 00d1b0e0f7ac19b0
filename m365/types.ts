/**
 * What the rest of m365ops sees of Microsoft 365. m365/ is the only code that talks to Microsoft; everything
 * above it works with these types and with M365Error (m365/errors.ts).
 */

export interface AssignedLicence {
  skuId: string;
  disabledPlans: string[];
}

/** A user as read from Graph with the properties m365ops compares (design: sync $select). */
export interface TenantUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName?: string | null;
  surname?: string | null;
  accountEnabled?: boolean;
  assignedLicenses: AssignedLicence[];
  usageLocation?: string | null;
  mail?: string | null;
  proxyAddresses: string[];
  /** Present when read with `licenseAssignmentStates` selected: direct and group-based licences with their state. */
  licenseAssignmentStates?: LicenseAssignmentState[];
}

/** One licence on a user as Graph reports it: direct (`assignedByGroup` null) or inherited from a group. */
export interface LicenseAssignmentState {
  skuId: string;
  assignedByGroup: string | null;
  /** `Active`, `ActiveWithError`, `Disabled` or `Error`. */
  state: string;
  /** `None`, or why it failed: `CountViolation`, `MutuallyExclusiveViolation`, `DependencyViolation`, … */
  error: string;
  disabledPlans: string[];
}

export interface NewTenantUser {
  userPrincipalName: string;
  displayName: string;
  mailNickname: string;
  givenName?: string;
  surname?: string;
  usageLocation?: string;
  accountEnabled: boolean;
  /** Sent once to Graph; never stored or logged. */
  password: string;
  forceChangePasswordNextSignIn: boolean;
}

export type TenantUserPatch = Partial<
  Pick<
    TenantUser,
    'userPrincipalName' | 'displayName' | 'givenName' | 'surname' | 'accountEnabled' | 'usageLocation' | 'mail'
  >
> & {
  /** A new temporary password (a reset); sent once to Graph, never stored or logged. */
  passwordProfile?: { password: string; forceChangePasswordNextSignIn: boolean };
};

export interface TenantSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  /** prepaidUnits.enabled + prepaidUnits.warning */
  enabledUnits: number;
  consumedUnits: number;
  /** enabledUnits - consumedUnits, never below 0 */
  availableUnits: number;
  servicePlans: { servicePlanId: string; servicePlanName: string }[];
}

export interface TenantDomain {
  id: string;
  isVerified: boolean;
  isDefault: boolean;
  isInitial: boolean;
}

export interface TenantOrganization {
  id: string;
  displayName: string;
  verifiedDomains: { name: string; isDefault: boolean; isInitial: boolean }[];
}

export interface DeletedTenantUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  deletedDateTime: string;
}

export interface DeltaPage {
  /** Users added or changed (full selected properties). */
  users: TenantUser[];
  /** Users that left: 'changed' = soft-deleted (restorable), 'deleted' = gone for good. */
  removed: { id: string; reason: 'changed' | 'deleted' }[];
  /** Present on the last page only: where the next round starts. */
  deltaLink?: string;
}

export interface Mailbox {
  userPrincipalName: string;
  primarySmtpAddress: string;
  /** In `SMTP:primary` / `smtp:alias` form. */
  emailAddresses: string[];
}

/** A security or Microsoft 365 group (`groupTypes` holds `Unified` for the latter). */
export interface TenantGroup {
  id: string;
  displayName: string;
  groupTypes: string[];
  securityEnabled: boolean;
  mailEnabled: boolean;
  /** Licences the group hands its members (group-based licensing). */
  assignedSkuIds: string[];
}

/** An Exchange mailbox with what offboarding reads and changes. */
export interface MailboxDetails {
  userPrincipalName: string;
  type: 'user' | 'shared';
  /** Get-MailboxStatistics TotalItemSize in bytes. */
  sizeBytes: number;
  /** The address mail is forwarded to (ForwardingSmtpAddress), without `smtp:`; null when none. */
  forwardingTo: string | null;
  /** DeliverToMailboxAndForward: a copy stays in the mailbox. */
  keepCopy: boolean;
  hiddenFromAddressLists: boolean;
  autoReplyEnabled: boolean;
}

export type MailboxAccess = 'FullAccess' | 'SendAs';

/** A phone or tablet syncing a mailbox (Get-MobileDevice); `id` is what removeMobileDevice takes. */
export interface TenantMobileDevice {
  id: string;
  name: string;
}

/** Options for creating a user and licensing them in as few round trips as Graph allows. */
export interface CreateLicensedUser {
  user: NewTenantUser;
  licences: AssignedLicence[];
}

/** A change-notification subscription to ask Graph for. */
export interface NewTenantSubscription {
  resource: string;
  changeTypes: ('created' | 'updated' | 'deleted')[];
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  /** A secret Graph sends back with every notification; never logged. */
  clientState: string;
  expiresAt: Date;
}

export interface TenantSubscription {
  id: string;
  resource: string;
  expiresAt: Date;
}

/** Operations on one customer tenant, through an app-only token for that tenant. */
export interface TenantClient {
  readonly tenantId: string;
  getOrganization(): Promise<TenantOrganization>;
  listDomains(): Promise<TenantDomain[]>;
  listSkus(): Promise<TenantSku[]>;

  /** By object id or UPN; null when Graph answers 404. */
  getUser(idOrUpn: string): Promise<TenantUser | null>;
  findUserByUpn(upn: string): Promise<TenantUser | null>;
  createUser(user: NewTenantUser): Promise<TenantUser>;
  /**
   * Creates the user and assigns licences in one `$batch` (POST /users, then assignLicense dependsOn it).
   * If the licence step fails the user still exists: the error says so and carries `details.userId`.
   */
  createLicensedUser(request: CreateLicensedUser): Promise<TenantUser>;
  updateUser(id: string, patch: TenantUserPatch): Promise<void>;
  /** Soft delete (restorable for 30 days). */
  deleteUser(id: string): Promise<void>;
  listDeletedUsers(): Promise<DeletedTenantUser[]>;
  restoreUser(id: string): Promise<TenantUser>;
  /** One assignLicense call: add and remove together. Returns the user afterwards. */
  assignLicenses(idOrUpn: string, add: AssignedLicence[], removeSkuIds: string[]): Promise<TenantUser>;

  /** Directory role by template id or display name; activated if needed. Members as user object ids. */
  listRoleMembers(role: string): Promise<string[]>;
  addRoleMember(role: string, userId: string): Promise<void>;
  removeRoleMember(role: string, userId: string): Promise<void>;

  /** Pages of users with the given $select, streamed: never collected in memory. */
  listUsers(select: readonly string[], pageSize?: number): AsyncIterable<TenantUser[]>;
  /** A delta round: from `deltaLink` if given, else an initial round with `select`. */
  readDelta(select: readonly string[], deltaLink?: string): AsyncIterable<DeltaPage>;
  /** A delta link for "now" ($deltatoken=latest), taken before a full read. */
  latestDeltaLink(select: readonly string[]): Promise<string>;

  /** Change notifications: Graph checks the URLs with a validation handshake before it answers. */
  createSubscription(request: NewTenantSubscription): Promise<TenantSubscription>;
  /** Moves the expiry (not-found when Graph no longer has it). */
  renewSubscription(id: string, expiresAt: Date): Promise<void>;
  reauthorizeSubscription(id: string): Promise<void>;
  deleteSubscription(id: string): Promise<void>;

  /** Groups (security and Microsoft 365), every page. */
  listGroups(): Promise<TenantGroup[]>;
  /** Object ids of the group's user members. */
  listGroupMemberIds(groupId: string): Promise<string[]>;
  /** Object ids of the groups the user is a direct member of (directory roles left out). */
  listUserGroupIds(userId: string): Promise<string[]>;
  /** Adds a user to a group; already a member is success. */
  addGroupMember(groupId: string, userId: string): Promise<void>;
  /** Removes a user from a group; not a member is success. */
  removeGroupMember(groupId: string, userId: string): Promise<void>;
  /** Invalidates the user's refresh tokens and session cookies (POST /users/{id}/revokeSignInSessions). */
  revokeSignInSessions(userId: string): Promise<void>;

  /** Exchange: null when the mailbox does not exist (yet). */
  getMailbox(upn: string): Promise<Mailbox | null>;
  /** Exchange Set-Mailbox -EmailAddresses with `SMTP:primary` / `smtp:alias` entries. */
  setMailboxAddresses(upn: string, emailAddresses: string[]): Promise<void>;
  /** Exchange: type, size, forwarding, visibility and automatic replies; null when the mailbox does not exist (yet). */
  getMailboxDetails(upn: string): Promise<MailboxDetails | null>;
  /** Set-Mailbox -Type Shared (already shared is success). */
  convertMailboxToShared(upn: string): Promise<void>;
  /** Set-Mailbox -ForwardingSmtpAddress / -DeliverToMailboxAndForward; null stops forwarding. */
  setMailboxForwarding(upn: string, forwardTo: string | null, keepCopy: boolean): Promise<void>;
  /** Add-MailboxPermission FullAccess or Add-RecipientPermission SendAs on `mailbox` for `userUpn`. */
  grantMailboxAccess(mailbox: string, userUpn: string, access: MailboxAccess): Promise<void>;
  /** Set-MailboxAutoReplyConfiguration: enabled with this message (internal and external), or disabled on null. */
  setAutoReply(upn: string, message: string | null): Promise<void>;
  setHiddenFromAddressLists(upn: string, hidden: boolean): Promise<void>;
  /** Get-MobileDevice -Mailbox. */
  listMobileDevices(upn: string): Promise<TenantMobileDevice[]>;
  /** Remove-MobileDevice by the id listMobileDevices gave; already gone is success. */
  removeMobileDevice(id: string): Promise<void>;
}

export interface ConsentProof {
  tenantId: string;
  /** App roles in the token (empty when the app exists but consent was not granted). */
  roles: string[];
  organization: TenantOrganization;
}

export interface M365Gateway {
  forTenant(tenantId: string): TenantClient;
  /** Proves admin consent: acquires a token for the tenant and reads the organization through Graph. */
  verifyConsent(tenantId: string): Promise<ConsentProof>;
  /**
   * The app roles (application permissions) a fresh token for the tenant carries, for Microsoft Graph or Exchange
   * Online: what the tenant granted, as `m365ops doctor` checks it. Throws M365Error when no token is issued.
   */
  readAppRoles(tenantId: string, api: 'graph' | 'exchange'): Promise<string[]>;
  /** The admin-consent URL (v2 endpoint, /.default scope) an administrator of the tenant opens. */
  adminConsentUrl(options: { tenant?: string; redirectUri: string; state: string }): string;
}
