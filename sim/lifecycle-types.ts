/** The control API's part for the joiner–leaver lifecycle (groups, group licensing, sessions, mailboxes). */

export interface NewSimGroup {
  displayName: string;
  kind?: 'security' | 'microsoft365' | 'mail-security' | 'distribution';
  description?: string;
  /** skuIds or part numbers the group hands its members. */
  licenses?: string[];
  /** Users (object id or UPN). */
  members?: string[];
}

export interface SimGroupView {
  id: string;
  displayName: string;
  groupTypes: string[];
  securityEnabled: boolean;
  mailEnabled: boolean;
  memberIds: string[];
  ownerIds: string[];
  assignedSkuIds: string[];
}

/** A user's licence as Graph's licenseAssignmentStates shows it. */
export interface SimLicenseStateView {
  skuId: string;
  assignedByGroup: string | null;
  state: string;
  error: string;
}

export interface SimMailboxView {
  userPrincipalName: string;
  type: 'UserMailbox' | 'SharedMailbox';
  sizeBytes: number;
  forwardingSmtpAddress: string | null;
  deliverToMailboxAndForward: boolean;
  hiddenFromAddressListsEnabled: boolean;
  autoReplyState: string;
  internalMessage: string;
  /** UPNs holding FullAccess, and SendAs. */
  fullAccess: string[];
  sendAs: string[];
  mobileDevices: { guid: string; name: string }[];
}

/** Groups, licensing by group, sessions and Exchange mailboxes, as an administrator sees them in the portals. */
export interface SimLifecycleControl {
  /** Groups by id or display name; users by id or UPN. */
  createGroup(tenantId: string, group: NewSimGroup): SimGroupView;
  listGroups(tenantId: string): SimGroupView[];
  getGroup(tenantId: string, group: string): SimGroupView | null;
  addGroupMember(tenantId: string, group: string, user: string): void;
  removeGroupMember(tenantId: string, group: string, user: string): void;
  addGroupOwner(tenantId: string, group: string, user: string): void;
  /** Replaces the licences the group hands its members (processed after the group-licensing delay). */
  setGroupLicenses(tenantId: string, group: string, skus: string[]): SimGroupView;
  /** The user's licenseAssignmentStates (processed group licences and direct ones). */
  getLicenseStates(tenantId: string, user: string): SimLicenseStateView[];
  /** When revokeSignInSessions last ran for the user (ISO), or null. */
  getSessionsRevokedAt(tenantId: string, user: string): string | null;
  /** A shared mailbox (a user with sign-in blocked and no licence) with its mailbox at once. */
  createSharedMailbox(tenantId: string, mailbox: { userPrincipalName: string; displayName?: string }): SimMailboxView;
  getMailbox(tenantId: string, user: string): SimMailboxView | null;
  setMailboxSize(tenantId: string, user: string, bytes: number): SimMailboxView;
  addMobileDevice(tenantId: string, user: string, name: string): { guid: string; name: string };
  /** Gives the app's service principal a directory role in the tenant (by name or template id), as an admin would. */
  grantAppRole(tenantId: string, role: string): void;
}
