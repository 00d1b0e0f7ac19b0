/**
 * restore user: finds the user among the tenant's deleted users (by the record's object id, else by UPN), restores
 * it and gives back the plan m365ops recorded if seats allow (core/restore-user.ts, shared with a Revoke of
 * `user-deleted`). Says plainly when there is nothing to restore: not deleted, gone for good, the name taken since.
 */

import { formatWhen } from '../common/format-when';
import { parseUpn } from '../core/addresses';
import { recordAudit } from '../core/audit';
import { fail } from '../core/errors';
import type { ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import { requireTenant, resolveCustomer } from '../core/resolve-customer';
import { restoreGone, restoreServiceUser, upnTaken } from '../core/restore-user';
import type { Invocation } from '../core/runtime';
import { lockServiceUser } from '../core/service-users';
import { possessive } from '../core/words';
import type { DeletedTenantUser, TenantClient } from '../m365/types';
import type { Customer, ServiceUser } from '../store/types';

type RestoreUserCommand = Extract<Command, { name: 'restore-user' }>;

export async function restoreUser(invocation: Invocation, command: RestoreUserCommand): Promise<ResultReply> {
  const { runtime } = invocation;
  const upn = parseUpn(command.upn, 'upn').address;
  invocation.target = upn;
  const customer = await resolveCustomer(invocation, { upn, customerId: command.customerId });
  const tenantId = requireTenant(customer);
  const tenant = runtime.gateway.forTenant(tenantId);
  const found = await runtime.store.serviceUsers.findByUpn(customer.id, upn);
  const deleted = await findDeleted(tenant, upn, found);
  if (!deleted) throw await nothingToRestore(tenant, customer, upn, found);
  // The record of this object, if m365ops manages it (found by UPN may be another object that took the name).
  const record = found?.objectId === deleted.id ? found : await runtime.store.serviceUsers.get(customer.id, deleted.id);
  const holder = await tenant.findUserByUpn(upn);
  if (holder && holder.id !== deleted.id) throw upnTaken(upn, customer, holder.displayName);

  return lockServiceUser(runtime, customer.id, deleted.id, async () => {
    const target = { customer, tenant, objectId: deleted.id, upn };
    const restored = await restoreServiceUser(runtime, target, record);
    const audit = await recordAudit(invocation, {
      action: 'restore-user',
      result: 'ok',
      target: upn,
      details: {
        objectId: deleted.id,
        deletedAt: deleted.deletedDateTime,
        planId: record?.planId ?? null,
        licensed: restored.licensed,
        ...(restored.short > 0 ? { seatsShort: restored.short } : {}),
      },
    });
    return {
      kind: 'result',
      title: `Restored ${upn}`,
      facts: [
        { label: 'User', value: upn },
        { label: 'Deleted', value: deletedWhen(deleted) },
        { label: 'Licences', value: restored.licences },
      ],
      notes: [
        ...(restored.note ? [restored.note] : []),
        'Their sign-in, groups and roles are as they were when the user was deleted.',
      ],
      customerId: customer.id,
      customerName: customer.name,
      tenantId,
      auditId: audit.id,
    };
  });
}

/**
 * The deleted user meant: the record's object when m365ops manages it, else the latest deleted one with the UPN
 * (Entra may keep a deleted user's UPN with its object id in front, so the end of the UPN is compared too).
 */
async function findDeleted(
  tenant: TenantClient,
  upn: string,
  record: ServiceUser | null,
): Promise<DeletedTenantUser | undefined> {
  const deleted = await tenant.listDeletedUsers();
  const byId = record && deleted.find((user) => user.id.toLowerCase() === record.objectId.toLowerCase());
  if (byId) return byId;
  const byUpn = deleted.filter((user) => sameUpn(user, upn));
  return byUpn.sort((a, b) => b.deletedDateTime.localeCompare(a.deletedDateTime))[0];
}

function deletedWhen(user: DeletedTenantUser): string {
  const at = new Date(user.deletedDateTime);
  return Number.isNaN(at.getTime()) ? 'unknown' : formatWhen(at);
}

function sameUpn(user: DeletedTenantUser, upn: string): boolean {
  const name = user.userPrincipalName.toLowerCase();
  return name === upn || name === `${user.id.replace(/-/g, '').toLowerCase()}${upn}`;
}

/** Why nothing can be restored: the user is not deleted, was removed for good, or never existed. */
async function nothingToRestore(
  tenant: TenantClient,
  customer: Customer,
  upn: string,
  record: ServiceUser | null,
): Promise<Error> {
  const active = await tenant.findUserByUpn(upn);
  if (active && (!record || record.objectId === active.id)) {
    return fail(
      'not-deleted',
      `${upn} is not deleted: the user is active in ${possessive(customer.name)} tenant, so there is nothing to restore.`,
    );
  }
  if (record) return restoreGone(upn, customer);
  return fail(
    'unknown-user',
    `There is no deleted user ${upn} in ${possessive(customer.name)} tenant; check the name (deleted users are kept for 30 days).`,
    { field: 'upn' },
  );
}
