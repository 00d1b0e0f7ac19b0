/**
 * The records m365ops keeps. Plain data: every adapter stores and returns exactly these shapes
 * (dates as `Date`, optional fields absent rather than null unless stated).
 */

export type Role = 'helpdesk' | 'approver' | 'admin';
export const roles: readonly Role[] = ['helpdesk', 'approver', 'admin'];

export type Platform = 'teams' | 'slack';

import type { CustomerPlan } from './plan-types';

export * from './plan-types';

export type DiscrepancyKind =
  | 'user-deleted'
  | 'licenses-removed'
  | 'plan-changed'
  | 'licenses-drifted'
  | 'admin-revoked'
  | 'admin-granted'
  | 'upn-changed'
  | 'unmanaged-user'
  | 'groups-missing';

export const discrepancyKinds: readonly DiscrepancyKind[] = [
  'user-deleted',
  'licenses-removed',
  'plan-changed',
  'licenses-drifted',
  'admin-revoked',
  'admin-granted',
  'upn-changed',
  'unmanaged-user',
  'groups-missing',
];

export interface SyncPolicy {
  /** Cron expression; absent = the SYNC_CRON default. */
  schedule?: string;
  autoApprove: DiscrepancyKind[];
}

/**
 * `awaiting-confirmation`: consent was proven for a tenant, but the customer had no tenant id yet, so an m365ops
 * admin must confirm that tenant (its organisation is in `organization`) before it is bound.
 */
export type ConsentStatus = 'none' | 'pending' | 'granted' | 'awaiting-confirmation' | 'denied' | 'unknown';

export interface ConsentState {
  status: ConsentStatus;
  /** Tenant named by the consent redirect (not trusted until verifyConsent proves it). */
  tenantId?: string;
  /** Identity that asked for the link. */
  requestedBy?: string;
  /** Where the requester asked for the link (told what came of it). */
  requestedIn?: ConversationRef;
  at?: Date;
  /** Error code / description from the redirect, or what verification found. */
  detail?: string;
  verifiedAt?: Date;
  /** The organisation read from the tenant when consent was verified. */
  organization?: { displayName: string; verifiedDomains: string[] };
}

export interface Customer {
  id: string;
  name: string;
  tenantId?: string;
  plans: CustomerPlan[];
  syncPolicy: SyncPolicy;
  /** Directory role that means "admin access": a role name or template id. Absent = Global Administrator. */
  adminRole?: string;
  /** `policy <customer> max-admin <duration>`: the longest time-boxed admin grant, in minutes. Absent = 8h. */
  maxAdminMinutes?: number;
  /** `policy <customer> permanent-admin allow|deny`: whether an approver may grant admin without `for`. Absent = allow. */
  permanentAdmin?: 'allow' | 'deny';
  /** `policy <customer> approval …`: effects helpdesk must ask an approver for (admin-grant always is). */
  approvalEffects?: ('admin-grant' | 'user-delete' | 'licence-removal')[];
  /** `policy <customer> offboard …`: the offboarding options (core/offboarding/options.ts) the form opens with. */
  offboardDefaults?: string[];
  /** `policy <customer> licence-digest weekly|off`: a licence digest in the bound channel each Monday. Absent = off. */
  licenceDigest?: 'weekly';
  /** Offboarding may forward mail outside the tenant's verified domains. Absent = deny. */
  externalForwarding?: 'allow' | 'deny';
  consent: ConsentState;
  createdAt: Date;
  updatedAt: Date;
}

export interface AccessGrant {
  identity: string; // teams:<aadObjectId> | slack:<teamId>:<userId> | cli:<name>
  role: Role;
  grantedBy: string;
  grantedAt: Date;
}

export type ServiceUserStatus = 'active' | 'removed' | 'deleted';

/** A Microsoft 365 user m365ops manages in a customer tenant, keyed by the tenant's immutable object id. */
export interface ServiceUser {
  customerId: string;
  objectId: string;
  upn: string;
  displayName: string;
  /** The plan m365ops believes the user has; null when licences match no plan (recorded as custom). */
  planId: string | null;
  /** skuIds when planId is null (custom licences). */
  customSkuIds?: string[];
  admin: boolean;
  usageLocation?: string;
  /** Extra SMTP addresses (not the primary), as wanted by m365ops. */
  aliases: string[];
  status: ServiceUserStatus;
  /** Set when the UPN's domain was unverified and the user was created on <tenant>.onmicrosoft.com instead. */
  intendedUpn?: string;
  /** Object ids of plan groups an approver accepted this user staying out of (groups-missing is not reported). */
  groupExceptions?: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type DiscrepancyStatus = 'open' | 'deciding' | 'approved' | 'revoked' | 'auto-approved' | 'resolved';

export interface DiscrepancyDecision {
  by: string;
  action: 'approve' | 'revoke';
  at: Date;
  result?: 'applied' | 'failed';
  error?: string;
  auditId?: string;
}

/** Where a posted notification lives, opaque to everything but the notifier that made it. */
export interface MessageRef {
  platform: Platform;
  /** Transport-specific reference (Teams conversation reference + activity id, Slack channel + ts). */
  ref: Record<string, unknown>;
}

export interface Discrepancy {
  id: string;
  customerId: string;
  objectId: string;
  upn: string;
  kind: DiscrepancyKind;
  status: DiscrepancyStatus;
  /** What m365ops believed and what the tenant holds, for the card and for Revoke. */
  expected: Record<string, unknown>;
  actual: Record<string, unknown>;
  /** Identity whose action caused it, where known: they may not decide it. */
  causedBy?: string;
  runId: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  messageRef?: MessageRef;
  decision?: DiscrepancyDecision;
  /** Last failed Revoke, kept when the discrepancy goes back to open. */
  lastError?: string;
  closedAt?: Date;
}

export interface AuditRecord {
  id: string;
  at: Date;
  /** Identity that acted (teams:…, slack:…, cli:…, sync). */
  actor: string;
  /** Where the action came from, for people: "Teams channel General", "CLI", "sync". */
  where: string;
  customerId?: string;
  tenantId?: string;
  action: string;
  target?: string;
  result: 'ok' | 'failed' | 'refused';
  error?: string;
  /** Never a password or secret. */
  details?: Record<string, unknown>;
}

/** A Teams or Slack conversation the notifier can post into later. */
export interface ConversationRef {
  platform: Platform;
  /** Identifies the channel for lookups: Teams conversation id (without ;messageid=) or Slack channel id. */
  channelKey: string;
  /** Human name of the channel, for replies ("#helpdesk"). */
  channelName?: string;
  /** Transport-specific conversation reference (Teams) or channel details (Slack). */
  reference: Record<string, unknown>;
}

export interface NotificationBinding extends ConversationRef {
  customerId: string;
  boundBy: string;
  boundAt: Date;
}

/**
 * The single-use part of an admin-consent link: recorded when the link is made, consumed by the first callback
 * that carries its nonce. A second callback with the same state is refused.
 */
export interface ConsentLink {
  nonce: string;
  customerId: string;
  requestedBy: string;
  /** Where the link was asked for: the requester hears there what came of it. Absent from the CLI. */
  conversation?: ConversationRef;
  expiresAt: Date;
  createdAt: Date;
  /** Set by the callback that consumed it. */
  usedAt?: Date;
  /** The link's card as the transport posted it, updated in place with what came of the link. */
  message?: MessageRef;
}

export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  status: JobStatus;
  runAt: Date;
  attempts: number;
  /** Give up (status failed) once this passes or maxAttempts is reached. */
  deadline?: Date;
  maxAttempts?: number;
  lastError?: string;
  lockedBy?: string;
  lockedUntil?: Date;
  /** At most one pending/running job per uniqueKey (e.g. "aliases:<customer>:<objectId>"). */
  uniqueKey?: string;
  createdAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
}

export interface NewJob {
  type: string;
  payload: Record<string, unknown>;
  runAt: Date;
  deadline?: Date;
  maxAttempts?: number;
  uniqueKey?: string;
}

export interface Lease {
  name: string;
  owner: string;
  expiresAt: Date;
  acquiredAt: Date;
}

export interface SyncState {
  customerId: string;
  deltaLink?: string;
  lastFullSyncAt?: Date;
  lastRun?: {
    runId: string;
    startedAt: Date;
    finishedAt?: Date;
    outcome: 'running' | 'ok' | 'failed';
    error?: string;
    counts?: Record<string, number>;
  };
}

/**
 * Written just before add user asks Microsoft to create a user, removed once m365ops has recorded that user: a run
 * that died in between (or whose answer was lost) leaves it behind, so the next run knows the user is its own.
 */
export interface CreationIntent {
  customerId: string;
  upn: string;
  /** The operation (its idempotency key) that meant to create the user. */
  operationKey: string;
  requestedBy: string;
  createdAt: Date;
}

export type OperationState = 'started' | 'done' | 'failed';

/**
 * A record of a multi-step tenant change, keyed by an idempotency key, so that a repeat or a re-run after a crash
 * continues where the first left off instead of doing anything twice.
 */
export interface Operation {
  key: string;
  type: string;
  customerId: string;
  requestedBy: string;
  state: OperationState;
  /** Step name -> what the step produced (object ids, skuIds); never a password. */
  steps: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: string;
  createdAt: Date;
  updatedAt: Date;
}
