/**
 * The comparison of one run: every page of the tenant read against our records as it arrives, findings spooled
 * (nothing is stored until the whole read succeeded), and what must last across pages kept as object ids only.
 * After the read, managed users the pages did not show are checked too: for admin access (role changes do not
 * surface in user delta) and, after a full read, for having left the tenant.
 */
import type { Logger } from '../common/logger';
import { adminRoleOf } from '../core/admin-role';
import type { TenantClient } from '../m365/types';
import type { Store } from '../store/ports';
import type { Customer, DiscrepancyKind } from '../store/types';
import { detectAdminDrift, detectOutsideAdmin } from './detect-admin';
import { detectDeletion } from './detect-identity';
import { detectUser, isManaged } from './detect-user';
import type { Finding } from './finding';
import type { FindingSpool } from './finding-spool';
import { loadOutsideAdmins } from './outside-admins';
import type { PlanCatalog } from './plan-catalog';
import { type ReadMode, readTenant, type TenantPage } from './read-tenant';

/** Open discrepancies at the start of the run, by object id (ids and kinds only). */
export type OpenIndex = Map<string, { id: string; kind: DiscrepancyKind }[]>;

export interface Comparison {
  mode: ReadMode;
  deltaLink: string;
  usersRead: number;
  fullReason?: string;
  /** Whether the run looked at every property of this object (else: admin access at most, or nothing). */
  evaluated(objectId: string, kind: DiscrepancyKind): boolean;
  /** Kinds found this run for objects that had open discrepancies. */
  foundKinds(objectId: string): ReadonlySet<DiscrepancyKind> | undefined;
}

export interface CompareOptions {
  store: Store;
  tenant: TenantClient;
  customer: Customer;
  catalog: PlanCatalog;
  open: OpenIndex;
  spool: FindingSpool;
  deltaLink?: string;
  /** The run's time, for grants past their end. */
  now?: Date;
  fullPassDue: boolean;
  logger?: Logger;
  /** Between pages: throws to stop the run (lease lost, process stopping). */
  checkpoint(): Promise<void>;
  onUsersRead?(count: number): void;
}

const adminKinds: ReadonlySet<DiscrepancyKind> = new Set(['admin-revoked', 'admin-granted']);

export async function compareTenant(options: CompareOptions): Promise<Comparison> {
  const { store, tenant, customer, catalog, open, spool } = options;
  const adminRole = adminRoleOf(customer);
  const admins = new Set(await tenant.listRoleMembers(adminRole));
  const grants = {
    grants: new Map((await store.adminGrants.listCurrent(customer.id)).map((grant) => [grant.objectId, grant])),
    now: options.now ?? new Date(),
  };
  const context = { catalog, adminRole, grants };
  const outside = await loadOutsideAdmins(store, tenant, customer, admins, adminRole);
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
    const records = new Map((await store.serviceUsers.getMany(customer.id, ids)).map((r) => [r.objectId, r]));
    for (const user of page.users) {
      const record = records.get(user.id) ?? null;
      seen.add(user.id);
      if (isManaged(record)) seenManaged.add(user.id);
      else if (outside.reportable(user.id, false) && isUnlicensed(user))
        await keep(detectOutsideAdmin(user, adminRole));
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

  const managedIds = new Set<string>();
  for (const record of await store.serviceUsers.list(customer.id, { status: 'active' })) {
    managedIds.add(record.objectId);
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
    evaluated: (objectId, kind) =>
      read.mode === 'full' || evaluatedOpen.has(objectId) || (adminKinds.has(kind) && adminEvaluatedOpen.has(objectId)),
    foundKinds: (objectId) => found.get(objectId),
  };
}

/** A licensed account m365ops does not manage is unmanaged-user, whose card names its admin role already. */
function isUnlicensed(user: { assignedLicenses: readonly unknown[] }): boolean {
  return user.assignedLicenses.length === 0;
}
