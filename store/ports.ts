/**
 * The store's ports. Two adapters implement them (MongoDB, embedded) and one contract suite
 * (test/store/contract) holds both to the same behaviour. Only single-document atomic operations are
 * assumed: what MongoDB, FerretDB and Cosmos DB for MongoDB all support.
 *
 * Conventions: `get*` returns null when absent; `create*` throws StoreError('duplicate') on a unique key clash;
 * `update*` throws StoreError('not-found') when the record is absent; returned records are copies the caller
 * may mutate freely.
 */
import type { AdminGrant, AdminGrantState } from './admin-grant';
import type { GraphSubscriptionRepo } from './graph-subscription';
import type { LicenceHistoryRepo } from './licence-history';
import type { DigestRepo, ListingRepo } from './message-ports';
import type { ApprovalClosing, ApprovalRequest } from './request-types';
import type { TrackedOperationRepo } from './tracked-operation';
import type {
  AccessGrant,
  AuditRecord,
  ConsentLink,
  CreationIntent,
  Customer,
  Discrepancy,
  DiscrepancyDecision,
  DiscrepancyKind,
  Job,
  Lease,
  MessageRef,
  NewJob,
  NotificationBinding,
  Operation,
  Plan,
  Role,
  ServiceUser,
  SyncState,
} from './types';
import type { WelcomeRepo } from './welcome-repo';

export interface PlanRepo {
  create(plan: Omit<Plan, 'createdAt' | 'updatedAt'>): Promise<Plan>;
  /** Insert or replace by id (config loading). */
  upsert(plan: Omit<Plan, 'createdAt' | 'updatedAt'>): Promise<Plan>;
  get(id: string): Promise<Plan | null>;
  list(): Promise<Plan[]>;
  /** Shallow-merges `changes` (a key given as undefined removes the field) and bumps updatedAt; one atomic write. */
  update(id: string, changes: Partial<Omit<Plan, 'id' | 'createdAt' | 'updatedAt'>>): Promise<Plan>;
}

export interface CustomerRepo {
  create(customer: Omit<Customer, 'createdAt' | 'updatedAt'>): Promise<Customer>;
  upsert(customer: Omit<Customer, 'createdAt' | 'updatedAt'>): Promise<Customer>;
  get(id: string): Promise<Customer | null>;
  findByTenantId(tenantId: string): Promise<Customer | null>;
  list(): Promise<Customer[]>;
  /** Shallow-merges `changes` (top-level fields) and bumps updatedAt. */
  update(id: string, changes: Partial<Omit<Customer, 'id' | 'createdAt' | 'updatedAt'>>): Promise<Customer>;
}

export interface AccessRepo {
  /** Idempotent: granting a role an identity already has returns the existing grant. */
  grant(identity: string, role: Role, grantedBy: string): Promise<AccessGrant>;
  /** Returns false when the identity did not have that role. */
  revoke(identity: string, role: Role): Promise<boolean>;
  rolesOf(identity: string): Promise<Role[]>;
  list(): Promise<AccessGrant[]>;
}

export interface ServiceUserRepo {
  /** Unique on (customerId, objectId) and on (customerId, upn). */
  create(user: Omit<ServiceUser, 'createdAt' | 'updatedAt'>): Promise<ServiceUser>;
  get(customerId: string, objectId: string): Promise<ServiceUser | null>;
  /** The customer's users with these object ids (a page of the tenant), in the order asked, each once; absent ones left out. */
  getMany(customerId: string, objectIds: readonly string[]): Promise<ServiceUser[]>;
  findByUpn(customerId: string, upn: string): Promise<ServiceUser | null>;
  /** Sorted by upn. */
  list(customerId: string, filter?: { status?: ServiceUser['status']; planId?: string | null }): Promise<ServiceUser[]>;
  /** Users of a customer on a plan that count against its limit (status active). */
  countOnPlan(customerId: string, planId: string): Promise<number>;
  /** The customer's active users, counted without reading them. */
  countActive(customerId: string): Promise<number>;
  update(
    customerId: string,
    objectId: string,
    changes: Partial<Omit<ServiceUser, 'customerId' | 'objectId' | 'createdAt' | 'updatedAt'>>,
  ): Promise<ServiceUser>;
  /** Removes the record entirely (e.g. never managed after all). Returns false when absent. */
  delete(customerId: string, objectId: string): Promise<boolean>;
}

/** What a sync run found about one user: the input of `upsertOpen`. */
export type FoundDiscrepancy = Pick<
  Discrepancy,
  'customerId' | 'objectId' | 'upn' | 'kind' | 'expected' | 'actual' | 'runId'
> & { causedBy?: string };

export interface UpsertedDiscrepancy {
  discrepancy: Discrepancy;
  created: boolean;
}

/**
 * The batch forms (`*Many`, `setMessageRefs`) do what the single call does for each item, in the order given, with
 * the same atomicity per item, but write in one go: one journal append and one fsync on the embedded store, one find
 * and one bulk write on MongoDB (on FerretDB, bulks of 25 between one marker insert and one delete). A batch is not
 * a transaction: a crash or a concurrent writer may see some items done and others not, exactly as with the single
 * calls one after another.
 */
export interface DiscrepancyRepo {
  /**
   * Records what a sync run found. If an unclosed (open or deciding) discrepancy exists for
   * (customerId, objectId, kind) it is updated (upn, expected, actual, runId, lastSeenAt) and returned with
   * `created: false`; otherwise a new open one is created with `created: true`. Atomic: concurrent calls for
   * the same key create exactly one.
   */
  upsertOpen(found: FoundDiscrepancy): Promise<UpsertedDiscrepancy>;
  /**
   * upsertOpen for each finding, results in the same order. A key given twice is created once and then updated,
   * as two calls in a row would; concurrent batches or single calls for one key still create exactly one.
   */
  upsertOpenMany(found: readonly FoundDiscrepancy[]): Promise<UpsertedDiscrepancy[]>;
  get(id: string): Promise<Discrepancy | null>;
  /** The discrepancies with these ids, in the order asked, each once; absent ids are left out. */
  getMany(ids: readonly string[]): Promise<Discrepancy[]>;
  /** Unclosed (open or deciding) ones of a customer, optionally of one kind, oldest first. */
  listOpen(customerId: string, kind?: DiscrepancyKind): Promise<Discrepancy[]>;
  /** How many listOpen would answer, counted without reading them. */
  countOpen(customerId: string): Promise<number>;
  list(customerId: string, options?: { limit?: number }): Promise<Discrepancy[]>;
  setMessageRef(id: string, messageRef: MessageRef): Promise<Discrepancy>;
  /**
   * setMessageRef for each entry (one card each, or one digest's ref for all its items). Every discrepancy present
   * is written; then StoreError('not-found') names the first absent id, if any.
   */
  setMessageRefs(entries: readonly { id: string; messageRef: MessageRef }[]): Promise<void>;
  /**
   * The first click wins: moves an `open` discrepancy to `deciding` with the decision and returns it; returns
   * `{ won: false, discrepancy }` (with the existing decision) when it is not open any more.
   */
  claimDecision(id: string, decision: DiscrepancyDecision): Promise<{ won: boolean; discrepancy: Discrepancy }>;
  /** Ends a claimed decision: status approved/revoked/auto-approved, closedAt set. Only from `deciding`. */
  completeDecision(
    id: string,
    status: 'approved' | 'revoked' | 'auto-approved',
    decision: DiscrepancyDecision,
  ): Promise<Discrepancy>;
  /** A Revoke that failed in the tenant: back to open, decision cleared, lastError kept. Only from `deciding`. */
  reopen(id: string, error: string): Promise<Discrepancy>;
  /** The tenant put itself right: an open discrepancy becomes resolved. Returns null if it was not open. */
  resolve(id: string): Promise<Discrepancy | null>;
  /** resolve for each id: the ones that were open, now resolved, in the order given; the others are left alone. */
  resolveMany(ids: readonly string[]): Promise<Discrepancy[]>;
}

export interface AuditRepo {
  append(record: Omit<AuditRecord, 'id' | 'at'> & { at?: Date }): Promise<AuditRecord>;
  get(id: string): Promise<AuditRecord | null>;
  /** Newest first. */
  list(filter?: { customerId?: string; actor?: string; limit?: number }): Promise<AuditRecord[]>;
}

export interface BindingRepo {
  /** One binding per customer: binding again moves it. */
  bind(binding: Omit<NotificationBinding, 'boundAt'>): Promise<NotificationBinding>;
  get(customerId: string): Promise<NotificationBinding | null>;
  /** The customer bound to a channel, so a channel's commands default to it. */
  findByChannel(platform: NotificationBinding['platform'], channelKey: string): Promise<NotificationBinding | null>;
  list(): Promise<NotificationBinding[]>;
}

export interface JobRepo {
  /**
   * With a uniqueKey that has a pending or running job already, returns that job unchanged
   * (`created: false`).
   */
  enqueue(job: NewJob): Promise<{ job: Job; created: boolean }>;
  get(id: string): Promise<Job | null>;
  /**
   * Atomically takes the due pending job with the earliest runAt (ties: oldest createdAt), or a running job whose
   * lock expired, marking it running, locked by `owner` until now + lockMs, attempts + 1. Null when none is due.
   */
  claimDue(owner: string, now: Date, lockMs: number): Promise<Job | null>;
  /** Only the owner of the lock can complete, reschedule or fail; otherwise StoreError('conflict'). */
  complete(id: string, owner: string): Promise<Job>;
  reschedule(id: string, owner: string, runAt: Date, error: string): Promise<Job>;
  fail(id: string, owner: string, error: string): Promise<Job>;
  /** Cancels a pending job (status cancelled, `reason` kept as lastError); null when it is not pending any more. */
  cancel(id: string, reason: string): Promise<Job | null>;
  list(filter?: { type?: string; status?: Job['status'] }): Promise<Job[]>;
}

export interface LeaseRepo {
  /** Takes the lease if free or expired (or already ours, extending it); null when someone else holds it. */
  acquire(name: string, owner: string, ttlMs: number, now?: Date): Promise<Lease | null>;
  /** Extends our lease; false when we lost it (expired and taken, or released). */
  renew(name: string, owner: string, ttlMs: number, now?: Date): Promise<boolean>;
  release(name: string, owner: string): Promise<boolean>;
  get(name: string): Promise<Lease | null>;
}

export interface SyncStateRepo {
  get(customerId: string): Promise<SyncState | null>;
  /** Merges top-level fields. */
  put(customerId: string, changes: Partial<Omit<SyncState, 'customerId'>>): Promise<SyncState>;
}

export interface OperationRepo {
  /**
   * Starts an operation, or returns the existing one with the same key (`created: false`) so a repeat resumes it.
   */
  begin(
    op: Omit<Operation, 'state' | 'steps' | 'createdAt' | 'updatedAt'>,
  ): Promise<{ operation: Operation; created: boolean }>;
  get(key: string): Promise<Operation | null>;
  /** Records one step's output (merged into steps). */
  recordStep(key: string, step: string, output: unknown): Promise<Operation>;
  finish(
    key: string,
    state: 'done' | 'failed',
    outcome: { result?: Record<string, unknown>; error?: string },
  ): Promise<Operation>;
}

export interface CreationIntentRepo {
  /** Records that `operationKey` is about to create `upn` in the customer's tenant, replacing an earlier intent. */
  record(intent: Omit<CreationIntent, 'createdAt'>): Promise<CreationIntent>;
  /** The intent for a customer's UPN (UPNs compare case-insensitively), or null. */
  find(customerId: string, upn: string): Promise<CreationIntent | null>;
  /** Removes it; false when there was none. */
  clear(customerId: string, upn: string): Promise<boolean>;
}

export type { DigestRecord, DigestRepo, ListingPage, ListingRepo } from './message-ports';

export interface SettingRepo {
  get(key: string): Promise<string | null>;
  /** Sets the value only if the key is absent; returns the value that is stored afterwards (ours or the earlier one). */
  setIfAbsent(key: string, value: string): Promise<string>;
  set(key: string, value: string): Promise<void>;
}

export interface ConsentLinkRepo {
  /** Records a new link; StoreError('duplicate') when its nonce exists already. */
  create(link: Omit<ConsentLink, 'createdAt' | 'usedAt'>): Promise<ConsentLink>;
  get(nonce: string): Promise<ConsentLink | null>;
  /**
   * Uses the link up, once: the first call marks it used at `at` and wins (`won: true`); every later call gets
   * `won: false` with the link as the winner left it. Atomic: of concurrent calls exactly one wins. Null when no
   * link has that nonce.
   */
  consume(nonce: string, at: Date): Promise<{ won: boolean; link: ConsentLink } | null>;
  /** Keeps where the link's card was posted (the last call wins); false when no link has that nonce. */
  setMessage(nonce: string, message: MessageRef): Promise<boolean>;
}

/** A new grant: the repo sets id, state (active), endingAttempts (0) and updatedAt. */
export type NewAdminGrant = Omit<AdminGrant, 'id' | 'state' | 'endingAttempts' | 'updatedAt'>;

/** What a state change may set besides the state (undefined values are left out, not cleared). */
export type AdminGrantChanges = Partial<Omit<AdminGrant, 'id' | 'customerId' | 'objectId'>>;

export interface AdminGrantRepo {
  /**
   * Records a grant as active. At most one current (active, ending, overdue) grant per customer and user:
   * StoreError('duplicate') when there is one.
   */
  create(grant: NewAdminGrant): Promise<AdminGrant>;
  get(id: string): Promise<AdminGrant | null>;
  /** The user's current grant (active, ending or overdue), or null. */
  findCurrent(customerId: string, objectId: string): Promise<AdminGrant | null>;
  /** The customer's current grants, oldest first. */
  listCurrent(customerId: string): Promise<AdminGrant[]>;
  /**
   * The only way a grant changes: when its state is one of `from` and `condition` (if given) holds, `changes` are
   * applied in one atomic step and the call wins; otherwise it loses and gets the grant as it stands. Of concurrent
   * calls from the same state exactly one wins. Null when no grant has that id.
   */
  transition(
    id: string,
    from: readonly AdminGrantState[],
    changes: AdminGrantChanges,
    condition?: (grant: AdminGrant) => boolean,
  ): Promise<{ won: boolean; grant: AdminGrant } | null>;
}

export type NewApprovalRequest = Omit<ApprovalRequest, 'id' | 'state' | 'createdAt' | 'messageRefs'>;

/** Approval requests (design §9): one document each, closed by one conditional update (the first click wins). */
export interface ApprovalRequestRepo {
  /** Records an open request under a new short id (upper-case letters and digits). */
  create(request: NewApprovalRequest): Promise<ApprovalRequest>;
  /** Ids compare case-insensitively. */
  get(id: string): Promise<ApprovalRequest | null>;
  /** Open requests, of one customer or of all, oldest first. */
  listOpen(customerId?: string): Promise<ApprovalRequest[]>;
  addMessageRef(id: string, ref: MessageRef): Promise<ApprovalRequest>;
  /**
   * Closes an open request (`won: true`); of concurrent calls exactly one wins, the others get `won: false` with the
   * request as the winner left it. Null when there is no such request.
   */
  close(id: string, closing: ApprovalClosing): Promise<{ won: boolean; request: ApprovalRequest } | null>;
  /** What running an approved request did. */
  recordResult(id: string, outcome: { result: 'applied' | 'failed'; error?: string }): Promise<ApprovalRequest>;
}

export interface Store {
  readonly kind: 'mongodb' | 'embedded';
  plans: PlanRepo;
  customers: CustomerRepo;
  access: AccessRepo;
  serviceUsers: ServiceUserRepo;
  discrepancies: DiscrepancyRepo;
  audit: AuditRepo;
  bindings: BindingRepo;
  jobs: JobRepo;
  leases: LeaseRepo;
  syncState: SyncStateRepo;
  operations: OperationRepo;
  creationIntents: CreationIntentRepo;
  settings: SettingRepo;
  digests: DigestRepo;
  listings: ListingRepo;
  welcomes: WelcomeRepo;
  consentLinks: ConsentLinkRepo;
  adminGrants: AdminGrantRepo;
  requests: ApprovalRequestRepo;
  graphSubscriptions: GraphSubscriptionRepo;
  /** Multi-step changes as people follow them (store/tracked-operation.ts). */
  trackedOperations: TrackedOperationRepo;
  /** Every change of a service user's seat, append-only (store/licence-history.ts). */
  licenceHistory: LicenceHistoryRepo;
  /** Throws StoreError('unavailable') when the store cannot be reached. */
  ping(): Promise<void>;
  /** The collections and indexes the store needs but lacks, as `collection` or `collection.index` ([] when whole). */
  missingIndexes(): Promise<string[]>;
  close(): Promise<void>;
}
