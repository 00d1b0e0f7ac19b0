/**
 * What change notifications trigger: the users they name read again (GET /users/{id} each, with the SKUs and the
 * admin role's members alongside, all at once) and compared with our records by the same per-user detection a sync
 * run uses, under the tenant's sync lease so it never races a full or delta run. Findings are recorded and posted
 * as a run would; those users' open discrepancies the tenant put right are closed. When a run holds the lease, the
 * caller tries again later (and that run, or the next delta round, sees the change anyway).
 */
import { randomUUID } from 'node:crypto';
import { adminRoleOf } from '../../core/admin-role';
import type { Runtime } from '../../core/runtime';
import type { Customer, DiscrepancyKind } from '../../store/types';
import type { Comparison, OpenIndex } from '../compare-tenant';
import { detectDeletion } from '../detect-identity';
import { detectUser, isManaged } from '../detect-user';
import type { Finding } from '../finding';
import type { FindingSpool } from '../finding-spool';
import { buildPlanCatalog } from '../plan-catalog';
import { postUnposted, recordFindings } from '../record-findings';
import { runOwner, syncDefaults } from '../run-owner';
import { acquireSyncLease, LeaseLostError } from '../tenant-lease';

export type UserCheckOutcome =
  | { outcome: 'checked'; found: number; posted: number; resolved: number }
  | { outcome: 'busy'; retryAt: Date }
  | { outcome: 'skipped'; reason: string };

export async function checkUsers(
  runtime: Runtime,
  customer: Customer,
  userIds: readonly string[],
): Promise<UserCheckOutcome> {
  if (!customer.tenantId) return { outcome: 'skipped', reason: 'no tenant' };
  const acquired = await acquireSyncLease(
    {
      store: runtime.store,
      clock: runtime.clock,
      logger: runtime.logger,
      owner: runOwner(),
      ttlMs: syncDefaults.leaseMs,
    },
    customer.id,
  );
  if (!('lease' in acquired)) return { outcome: 'busy', retryAt: acquired.expiresAt };
  const { lease } = acquired;
  try {
    return await checkUnderLease(runtime, customer, userIds, () => lease.check());
  } catch (error) {
    if (error instanceof LeaseLostError) return { outcome: 'busy', retryAt: runtime.clock.now() };
    throw error;
  } finally {
    await lease.release();
  }
}

async function checkUnderLease(
  runtime: Runtime,
  customer: Customer,
  userIds: readonly string[],
  checkpoint: () => Promise<void>,
): Promise<UserCheckOutcome> {
  const tenant = runtime.gateway.forTenant(customer.tenantId as string);
  const adminRole = adminRoleOf(customer);
  const now = runtime.clock.now();
  const [users, skus, admins, plans, records, grants, openOfCustomer] = await Promise.all([
    Promise.all(userIds.map((id) => tenant.getUser(id))),
    tenant.listSkus(),
    tenant.listRoleMembers(adminRole),
    runtime.store.plans.list(),
    runtime.store.serviceUsers.getMany(customer.id, userIds),
    runtime.store.adminGrants.listCurrent(customer.id),
    runtime.store.discrepancies.listOpen(customer.id),
  ]);
  const recordOf = new Map(records.map((record) => [record.objectId, record]));
  const context = {
    catalog: buildPlanCatalog(customer, plans, skus),
    adminRole,
    grants: { grants: new Map(grants.map((grant) => [grant.objectId, grant])), now },
  };
  const findings: Finding[] = [];
  userIds.forEach((userId, index) => {
    const user = users[index] ?? null;
    const record = recordOf.get(userId) ?? null;
    if (user) findings.push(...detectUser({ record, user, isAdmin: admins.includes(user.id) }, context));
    else if (isManaged(record)) findings.push(detectDeletion(record, 'soft'));
  });
  const checked = new Set(userIds);
  const open: OpenIndex = new Map();
  for (const d of openOfCustomer) {
    if (!checked.has(d.objectId)) continue;
    open.set(d.objectId, [...(open.get(d.objectId) ?? []), { id: d.id, kind: d.kind }]);
  }
  const found = new Map<string, Set<DiscrepancyKind>>();
  for (const finding of findings)
    found.set(finding.objectId, (found.get(finding.objectId) ?? new Set()).add(finding.kind));

  await checkpoint();
  const runId = `notification-${randomUUID()}`;
  const comparison: Comparison = {
    mode: 'delta',
    deltaLink: '',
    usersRead: users.filter(Boolean).length,
    notes: [],
    // Memberships are not read here (only a sync run reads plan groups): an open groups-missing stays open.
    evaluated: (objectId, kind) => kind !== 'groups-missing' && checked.has(objectId),
    foundKinds: (objectId) => found.get(objectId),
  };
  const recorded = await recordFindings(runtime, customer, runId, memorySpool(findings), comparison, open);
  const log = runtime.logger.child({ customerId: customer.id, runId, users: userIds.length });
  const { posted } = await postUnposted(runtime, customer, recorded.created, runId, checkpoint, log, () => {});
  log.info({ found: findings.length, resolved: recorded.resolved, posted }, 'users checked after change notifications');
  return { outcome: 'checked', found: findings.length, posted, resolved: recorded.resolved };
}

/** The findings of a few users fit in memory: no spool file. */
function memorySpool(findings: readonly Finding[]): FindingSpool {
  return {
    count: findings.length,
    async add() {
      throw new Error('A user check records its findings at once.');
    },
    async *drain() {
      yield* findings;
    },
    async discard() {},
  };
}
