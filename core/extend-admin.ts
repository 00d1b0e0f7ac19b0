/**
 * extend admin <upn> for <duration>: moves the end of a time-boxed grant later, within the customer's limit counted
 * from now. It carries `admin-grant`, so helpdesk's "Extend 1h" becomes a request an approver decides.
 */
import { formatWhen } from '../common/format-when';
import { grantFacts } from './admin-access';
import { describeGrantForAudit, scheduleGrantEnd } from './admin-grants';
import { maxAdminMinutesOf } from './admin-policy';
import { roleName } from './admin-role';
import { recordAudit } from './audit';
import { requireEffects } from './authorize';
import { formatDuration } from './duration';
import { fail } from './errors';
import { findManagedUser } from './managed-user';
import type { ResultReply } from './reply';
import type { Command } from './request';
import type { Invocation } from './runtime';

const minuteMs = 60_000;

export async function extendAdmin(
  invocation: Invocation,
  command: Extract<Command, { name: 'extend-admin' }>,
): Promise<ResultReply> {
  await requireEffects(invocation, ['admin-grant']);
  const { runtime } = invocation;
  const managed = await findManagedUser(invocation, command.upn, command.customerId);
  const { customer, record } = managed;
  const grant = await runtime.store.adminGrants.findCurrent(customer.id, record.objectId);
  if (!grant?.endsAt || grant.state !== 'active') {
    throw fail(
      'not-time-boxed',
      grant
        ? `The admin access of ${record.upn} is ${grant.endsAt ? 'ending now' : 'not time-boxed'}, so it cannot be extended.`
        : `${record.upn} has no admin access from m365ops to extend; \`grant admin ${record.upn} for <duration>\` gives it.`,
    );
  }
  const now = runtime.clock.now();
  const endsAt = new Date(Math.max(grant.endsAt.getTime(), now.getTime()) + command.durationMinutes * minuteMs);
  const limit = maxAdminMinutesOf(customer);
  if (endsAt.getTime() - now.getTime() > limit * minuteMs) {
    throw fail(
      'over-limit',
      `Extending by ${formatDuration(command.durationMinutes)} would keep admin access of ${record.upn} until ${formatWhen(endsAt)}, more than the ${formatDuration(limit)} from now that ${customer.name} allows.`,
    );
  }
  const previous = grant.endsAt.getTime();
  const moved = await runtime.store.adminGrants.transition(
    grant.id,
    ['active'],
    { endsAt },
    (current) => current.endsAt?.getTime() === previous,
  );
  if (!moved?.won) {
    throw fail(
      'not-time-boxed',
      `The admin access of ${record.upn} changed meanwhile; look at \`admins ${customer.id}\`.`,
    );
  }
  await scheduleGrantEnd(runtime, moved.grant);
  const audit = await recordAudit(invocation, {
    action: 'extend-admin',
    result: 'ok',
    target: record.upn,
    details: {
      ...describeGrantForAudit(moved.grant),
      previousEndsAt: grant.endsAt.toISOString(),
      extendedBy: command.durationMinutes,
    },
  });
  return {
    kind: 'result',
    title: `Extended the admin access of ${record.upn} until ${formatWhen(endsAt)}`,
    facts: grantFacts(moved.grant, roleName(customer.adminRole)),
    notes: [],
    customerId: customer.id,
    customerName: customer.name,
    tenantId: managed.tenantId,
    auditId: audit.id,
  };
}
