/**
 * The comparison of one run: every page of the tenant read against our records as it arrives, findings spooled
 * (nothing is stored until the whole read succeeded), and what must last across pages kept as object ids only.
 * After the read, managed users the pages did not show are checked too: for admin access (role changes do not
 * surface in user delta) and, after a full read, for having left the tenant. Plan groups are read after a full read
 * or when a person asked for the run: memberships do not surface in user delta, so a scheduled delta round neither
 * reports groups-missing nor finds one put right.
 */
import type { Logger } from '../common/logger';
import { adminRoleOf } from '../core/admin-role';
import { M365Error } from '../m365/errors';
import type { TenantClient } from '../m365/types';
import type { Store } from '../store/ports';
import type { Customer, DiscrepancyKind } from '../store/types';
import { detectAdminDrift, detectOutsideAdmin } from './detect-admin';
import { detectMissingGroups } from './detect-groups';
import { detectDeletion } from './detect-identity';
import { type DetectionContext, detectUser, isManaged } from './detect-user';
import type { Finding } from './finding';
import type { FindingSpool } from './finding-spool';
import { loadOutsideAdmins, type OutsideAdmins } from './outside-admins';
import type { PlanCatalog } from './plan-catalog';
import { type PlanGroups, readPlanGroups } from './plan-groups';
import { type ReadMode, readTenant, type TenantPage } from './read-tenant';

/** Open discrepancies at the start of the run, by object id (ids and kinds only). */
export type OpenIndex = Map<string, { id: string; kind: DiscrepancyKind }[]>;

export interface Comparison {
  mode: ReadMode;
  deltaLink: string;
  usersRead: number;
  fullReason?: string;
  /** What the run could not check, one sentence each, for the summary (an unknown plan group). */
  notes: string[];
  /** Whether the run looked at every property of this object (else: admin access at most, or nothing). */
  evaluated(objectId: string, kind: DiscrepancyKind): boolean;
  /** Kinds found this run for objects that had open discrepancies. */
  foundKinds(objectId: string): ReadonlySet<DiscrepancyKind> | undefined;
}

export interface CompareOptions {
  store: Store;
  tenant: TenantClient;
  customer: Customer;
  /** Still being read when the comparison starts: the first page is fetched alongside it. */
  catalog: Promise<PlanCatalog>;
  open: OpenIndex;
  spool: FindingSpool;
  deltaLink?: string;
  /** The run's time, for grants past their end. */
  now?: Date;
  fullPassDue: boolean;
  /** Read plan groups on a delta round too (a run a person asked for); else only a full pass reads them. */
  planGroupsEveryRun?: boolean;
  logger?: Logger;
  /** Between pages: throws to stop the run (lease lost, process stopping). */
  checkpoint(): Promise<void>;
  onUsersRead?(count: number): void;
}

const adminKinds: ReadonlySet<DiscrepancyKind> = new Set(['admin-revoked', 'admin-granted']);

/** What every page is compared with: the plans and SKUs, the role's members and the grants with an end. */
async function readRunContext(
  options: CompareOptions,
): Promise<{ admins: Set<string>; context: DetectionContext; outside: OutsideAdmins }> {
  const adminRole = adminRoleOf(options.customer);
  const [catalog, members, grants] = await Promise.all([
    options.catalog,
    options.tenant.listRoleMembers(adminRole),
    options.store.adminGrants.listCurrent(options.customer.id),
  ]);
  const current = { grants: new Map(grants.map((grant) => [grant.objectId, grant])), now: options.now ?? new Date() };
  const admins = new Set(members);
  const outside = await loadOutsideAdmins(options.store, options.tenant, options.customer, admins, adminRole);
  return { admins, context: { catalog, adminRole, grants: current }, outside };
}

export async function compareTenant(options: CompareOptions): Promise<Comparison> {
  const { store, tenant, customer, open, spool } = options;
  // Read while the first page is fetched, instead of a round trip each before it.
  const ready = readRunContext(options);
  ready.catch(() => {}); // awaited by the first page, or after a read that failed first
  const seen = new Set<string>();
  const seenManaged = new Set<string>();
  const gone = new Set<string>();
  const evaluatedOpen = new Set<string>();
  const adminEvaluatedOpen = new Set<string>();
  const found = new Map<string, Set<DiscrepancyKind>>();
  let usersRead = 0;

  async function keep(finding: Finding): Promise<void> {
    await spool.add(finding);
    if (!open.has(finding.objectId)) return;
    const kinds = found.get(finding.objectId) ?? new Set<DiscrepancyKind>();
    kinds.add(finding.kind);
    found.set(finding.objectId, kinds);
  }

  async function onPage(page: TenantPage): Promise<void> {
    await options.checkpoint();
    const ids = [...page.users, ...page.removed].map((user) => user.id);
    const [{ admins, context, outside }, found] = await Promise.all([
      ready,
      store.serviceUsers.getMany(customer.id, ids),
    ]);
    const records = new Map(found.map((r) => [r.objectId, r]));
    for (const user of page.users) {
      const record = records.get(user.id) ?? null;
      seen.add(user.id);
      if (isManaged(record)) seenManaged.add(user.id);
      else if (outside.reportable(user.id, false) && isUnlicensed(user))
        await keep(detectOutsideAdmin(user, context.adminRole));
      if (open.has(user.id)) evaluatedOpen.add(user.id);
      for (const finding of detectUser({ record, user, isAdmin: admins.has(user.id) }, context)) await keep(finding);
    }
    for (const removed of page.removed) {
      gone.add(removed.id);
      if (open.has(removed.id)) evaluatedOpen.add(removed.id);
      const record = records.get(removed.id) ?? null;
      if (isManaged(record)) await keep(detectDeletion(record, removed.reason === 'deleted' ? 'permanent' : 'soft'));
    }
    usersRead += page.users.length;
    options.onUsersRead?.(usersRead);
  }

  const read = await readTenant(tenant, {
    deltaLink: options.deltaLink,
    fullPassDue: options.fullPassDue,
    logger: options.logger,
    onPage,
  });
  await options.checkpoint();
  const { admins, context, outside } = await ready;
  const { adminRole, grants } = context;
  const { planGroups, notes } = await readGroupCheck(options, read.mode);
  const present = inTenant(read.mode, { seenManaged, gone, open });

  const managedIds = new Set<string>();
  for (const record of await store.serviceUsers.list(customer.id, { status: 'active' })) {
    managedIds.add(record.objectId);
    const missing = planGroups && present(record.objectId) ? detectMissingGroups(record, planGroups) : null;
    if (missing) await keep(missing);
    if (gone.has(record.objectId) || seenManaged.has(record.objectId)) continue;
    if (read.mode === 'full') {
      await keep(detectDeletion(record, 'missing'));
      continue;
    }
    if (open.has(record.objectId)) adminEvaluatedOpen.add(record.objectId);
    const drift = detectAdminDrift(record, admins.has(record.objectId), adminRole, grants);
    if (drift) await keep(drift);
  }
  // The role's members are read in full every run: an account m365ops does not manage is always evaluated for it.
  for (const finding of await outside.unseen(managedIds, seen)) await keep(finding);
  for (const objectId of open.keys()) if (!managedIds.has(objectId)) adminEvaluatedOpen.add(objectId);

  return {
    mode: read.mode,
    deltaLink: read.deltaLink,
    usersRead: read.usersRead,
    fullReason: read.fullReason,
    notes,
    evaluated: evaluation(read.mode, planGroups !== undefined, evaluatedOpen, adminEvaluatedOpen),
    foundKinds: (objectId) => found.get(objectId),
  };
}

/**
 * Whether a managed user is in the tenant as far as this run knows: seen by a full read; after a delta round, not
 * reported gone by it nor by an earlier round (an open user-deleted).
 */
function inTenant(
  mode: ReadMode,
  run: { seenManaged: ReadonlySet<string>; gone: ReadonlySet<string>; open: OpenIndex },
): (objectId: string) => boolean {
  if (mode === 'full') return (objectId) => run.seenManaged.has(objectId);
  return (objectId) =>
    !run.gone.has(objectId) && !(run.open.get(objectId) ?? []).some((entry) => entry.kind === 'user-deleted');
}

/**
 * Whether a run looked at an object's property: plan groups only when it read them (see readGroupCheck); everything
 * else after a full read, or for the objects a delta round showed (admin access for every managed user).
 */
function evaluation(
  mode: ReadMode,
  groupsRead: boolean,
  evaluatedOpen: ReadonlySet<string>,
  adminEvaluatedOpen: ReadonlySet<string>,
): Comparison['evaluated'] {
  return (objectId, kind) => {
    if (kind === 'groups-missing') return groupsRead;
    return mode === 'full' || evaluatedOpen.has(objectId) || (adminKinds.has(kind) && adminEvaluatedOpen.has(objectId));
  };
}

/**
 * The plan groups and their members, when the run reads them (a full read, or a run a person asked for). A failure
 * to read them (no group permission, a group gone meanwhile) leaves plan groups unchecked this run, said in the
 * summary, rather than failing the whole run.
 */
async function readGroupCheck(
  options: CompareOptions,
  mode: ReadMode,
): Promise<{ planGroups?: PlanGroups; notes: string[] }> {
  const { store, tenant, customer } = options;
  if (mode === 'delta' && !options.planGroupsEveryRun) return { notes: [] };
  try {
    const planGroups = await readPlanGroups(tenant, customer, await store.plans.list());
    for (const note of planGroups.notes) options.logger?.warn({ customerId: customer.id }, note);
    return { planGroups, notes: planGroups.notes };
  } catch (error) {
    if (!(error instanceof M365Error)) throw error;
    options.logger?.warn({ err: error, customerId: customer.id }, 'the plan groups could not be read');
    return { notes: [`Plan groups were not checked: ${error.message}`] };
  }
}

/** A licensed account m365ops does not manage is unmanaged-user, whose card names its admin role already. */
function isUnlicensed(user: { assignedLicenses: readonly unknown[] }): boolean {
  return user.assignedLicenses.length === 0;
}
