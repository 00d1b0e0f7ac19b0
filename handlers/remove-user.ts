/**
 * remove user: revoke the services (all licences off, sign-in blocked) and free the plan seat; with `delete`, also
 * soft-delete the user (restorable for 30 days). Asks for confirmation from chat; every step checks the tenant first.
 */

import { recordAudit } from '../core/audit';
import { HandlerError } from '../core/handler-error';
import { findManagedUser } from '../core/managed-user';
import type { ConfirmReply, ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import type { Invocation } from '../core/runtime';
import { lockServiceUser } from '../core/service-users';
import { countOf } from '../core/words';
import type { TenantClient, TenantUser } from '../m365/types';
import type { ServiceUser } from '../store/types';

type RemoveUserCommand = Extract<Command, { name: 'remove-user' }>;

export async function removeUser(
  invocation: Invocation,
  command: RemoveUserCommand,
): Promise<ResultReply | ConfirmReply> {
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  const { customer, tenant, record } = managed;
  const planName = await planNameOf(invocation, record.planId);
  if (!command.confirmed) {
    return {
      kind: 'confirm',
      title: command.delete ? `Remove and delete ${record.upn}?` : `Remove ${record.upn}?`,
      summary: [
        `Removes all licences of ${record.upn} and blocks their sign-in; their ${planName} seat at ${customer.name} is freed.`,
        ...(command.delete ? ['Then deletes the user; it can be restored from deleted users for 30 days.'] : []),
      ],
      confirmCommand: { ...command, customerId: customer.id, confirmed: true },
      confirmLabel: command.delete ? 'Remove and delete' : 'Remove user',
    };
  }
  return lockServiceUser(invocation.runtime, customer.id, record.objectId, async () => {
    const done: string[] = [];
    const user = await tenant.getUser(record.objectId);
    if (user) {
      try {
        await revokeAndDelete(tenant, user, command.delete === true, done);
      } catch (error) {
        if (done.length === 0) throw error;
        throw await recordPartial(invocation, { record, done, error, deleting: command.delete === true });
      }
    }
    const status = command.delete || !user ? 'deleted' : 'removed';
    await invocation.runtime.store.serviceUsers.update(customer.id, record.objectId, { status });
    const audit =
      done.length > 0
        ? await recordAudit(invocation, {
            action: command.delete ? 'delete-user' : 'remove-user',
            result: 'ok',
            target: record.upn,
            details: { objectId: record.objectId, steps: done, planId: record.planId },
          })
        : undefined;
    const notes =
      done.length > 0
        ? []
        : [
            user
              ? 'It was already removed; nothing was changed in the tenant.'
              : 'It no longer exists in the tenant; the record is marked deleted.',
          ];
    return {
      kind: 'result',
      title: command.delete ? `Removed and deleted ${record.upn}` : `Removed ${record.upn}`,
      facts: [
        { label: 'User', value: record.upn },
        { label: 'Done', value: done.join(', ') || 'nothing left to do' },
        { label: 'Plan seat', value: `freed (${planName})` },
      ],
      notes,
      customerId: customer.id,
      customerName: customer.name,
      tenantId: managed.tenantId,
      auditId: audit?.id,
    };
  });
}

/** The plan's name as people know it, or "custom licences" for a user on none. */
async function planNameOf(invocation: Invocation, planId: string | null | undefined): Promise<string> {
  if (!planId) return 'custom licences';
  return (await invocation.runtime.store.plans.get(planId))?.name ?? planId;
}

async function revokeAndDelete(tenant: TenantClient, user: TenantUser, remove: boolean, done: string[]): Promise<void> {
  const skuIds = user.assignedLicenses.map((licence) => licence.skuId);
  if (skuIds.length > 0) {
    await tenant.assignLicenses(user.id, [], skuIds);
    done.push(`removed ${countOf(skuIds.length, 'licence')}`);
  }
  if (user.accountEnabled !== false) {
    await tenant.updateUser(user.id, { accountEnabled: false });
    done.push('blocked sign-in');
  }
  if (remove) {
    await tenant.deleteUser(user.id);
    done.push('deleted the user (restorable for 30 days)');
  }
}

/**
 * A removal Microsoft stopped halfway (a protected admin's deletion refused after their licences came off): what was
 * done is audited and the record says the services are off, so nothing is left half-done without a record. Something
 * was done (`done` is not empty) and deleting is the last step, so the licences are off or sign-in is blocked.
 */
async function recordPartial(
  invocation: Invocation,
  { record, done, error, deleting }: { record: ServiceUser; done: string[]; error: unknown; deleting: boolean },
): Promise<HandlerError> {
  const reason = error instanceof Error ? error.message : String(error);
  await invocation.runtime.store.serviceUsers.update(record.customerId, record.objectId, { status: 'removed' });
  await recordAudit(invocation, {
    action: deleting ? 'delete-user' : 'remove-user',
    result: 'failed',
    target: record.upn,
    error: reason,
    details: { objectId: record.objectId, steps: done, planId: record.planId },
  });
  const sentence = `For ${record.upn}, m365ops ${done.join(' and ')}, but the next step failed. ${reason}`;
  return new HandlerError({ resumableAfter: error }, sentence, { cause: error });
}
