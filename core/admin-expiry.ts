/**
 * The end of a time-boxed admin grant, run by durable jobs on every replica. The role is removed exactly once: a
 * worker first claims the end on the grant record (active/overdue → ending, one atomic change that one caller wins),
 * then removes the role with the same core function as `revoke admin`, then records the end. A claim whose worker
 * died is taken over once it lapses; the role is then read first, so a removal that happened is not done again.
 */
import { formatWhen } from '../common/format-when';
import type { AdminGrant } from '../store/admin-grant';
import type { Customer } from '../store/types';
import { describeGrantForAudit } from './admin-grants';
import { holdsAdminRole, removeAdminRole, roleName } from './admin-role';
import type { AdminAccessReply } from './reply';
import type { Runtime } from './runtime';

export type EndOutcome = { outcome: 'done' } | { outcome: 'retry'; error: string };

const claimMs = 2 * 60_000;
/** An end still failing this long after the end time is overdue: the channel is told loudly. */
export const overdueAfterMs = 60 * 60_000;

/** Ends the grant if its end time has come; `endsAt` is the end time the job was queued for. */
export async function endAdminGrant(runtime: Runtime, grantId: string, owner: string): Promise<EndOutcome> {
  const { store, clock } = runtime;
  const grant = await store.adminGrants.get(grantId);
  const now = clock.now();
  if (!grant?.endsAt || grant.endsAt > now || !['active', 'overdue', 'ending'].includes(grant.state)) {
    return { outcome: 'done' };
  }
  const attempts = grant.endingAttempts;
  const claim = await store.adminGrants.transition(
    grant.id,
    ['active', 'overdue', 'ending'],
    { state: 'ending', endingBy: owner, endingUntil: new Date(now.getTime() + claimMs), endingAttempts: attempts + 1 },
    (g) =>
      g.endingAttempts === attempts &&
      (g.state !== 'ending' || g.endingBy === owner || (g.endingUntil !== undefined && g.endingUntil <= now)),
  );
  if (!claim?.won) {
    const current = claim?.grant;
    return current && current.state !== 'ended' && current.state !== 'ended-by-hand'
      ? { outcome: 'retry', error: 'Another worker is ending this grant.' }
      : { outcome: 'done' };
  }
  const customer = await store.customers.get(grant.customerId);
  try {
    if (!customer?.tenantId) throw new Error(`The customer ${grant.customerId} has no tenant any more.`);
    const tenant = runtime.gateway.forTenant(customer.tenantId);
    // An earlier attempt may have removed the role and died before recording it: not "by hand" then.
    const byHand = attempts === 0 && !(await holdsAdminRole(tenant, customer, grant.objectId));
    if (!byHand) await removeAdminRole(tenant, customer, grant.objectId);
    await finishEnd(runtime, claim.grant, customer, byHand);
    return { outcome: 'done' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordFailedEnd(runtime, claim.grant, customer, message);
    return { outcome: 'retry', error: message };
  }
}

async function finishEnd(runtime: Runtime, grant: AdminGrant, customer: Customer, byHand: boolean): Promise<void> {
  const { store, clock } = runtime;
  const now = clock.now();
  await store.adminGrants.transition(grant.id, ['ending'], {
    state: byHand ? 'ended-by-hand' : 'ended',
    endedAt: now,
    endedBy: 'm365ops',
  });
  await store.serviceUsers.update(customer.id, grant.objectId, { admin: false }).catch(() => undefined);
  await store.audit.append({
    actor: 'm365ops',
    where: 'admin expiry',
    customerId: customer.id,
    tenantId: customer.tenantId,
    action: 'admin-expired',
    target: grant.upn,
    result: 'ok',
    details: {
      ...describeGrantForAudit(grant),
      endedAt: now.toISOString(),
      removed: !byHand,
      attempts: grant.endingAttempts,
    },
  });
  await tell(runtime, grant, {
    kind: 'admin-access',
    tone: 'info',
    title: byHand
      ? `The admin access of ${grant.upn} had already been removed by hand`
      : `Admin access of ${grant.upn} ended`,
    customerId: customer.id,
    customerName: customer.name,
    sections: [{ facts: endFacts(grant, customer), actions: [] }],
    notes: byHand ? ['Nothing was changed in the tenant at the end time.'] : [],
  });
}

/** A failed removal: back to active (or overdue after an hour, told loudly once), to be retried with backoff. */
async function recordFailedEnd(runtime: Runtime, grant: AdminGrant, customer: Customer | null, error: string) {
  const { store, clock } = runtime;
  const now = clock.now();
  const late = grant.endsAt !== undefined && now.getTime() - grant.endsAt.getTime() >= overdueAfterMs;
  const newlyOverdue = late && grant.overdueSince === undefined;
  await store.adminGrants.transition(grant.id, ['ending'], {
    state: late ? 'overdue' : 'active',
    lastError: error,
    ...(newlyOverdue ? { overdueSince: now } : {}),
  });
  runtime.logger.warn({ grantId: grant.id, upn: grant.upn, error }, 'could not end a time-boxed admin grant');
  if (!newlyOverdue || !customer) return;
  await store.audit.append({
    actor: 'm365ops',
    where: 'admin expiry',
    customerId: customer.id,
    tenantId: customer.tenantId,
    action: 'admin-expiry-overdue',
    target: grant.upn,
    result: 'failed',
    error,
    details: { ...describeGrantForAudit(grant), attempts: grant.endingAttempts },
  });
  await tell(runtime, grant, {
    kind: 'admin-access',
    tone: 'alert',
    title: `Expiry overdue: ${grant.upn} still has admin access`,
    customerId: customer.id,
    customerName: customer.name,
    sections: [
      {
        facts: [...endFacts(grant, customer), { label: 'Error', value: error }],
        actions: [
          {
            label: 'Revoke now',
            command: { name: 'revoke-admin', upn: grant.upn, customerId: customer.id, confirmed: true },
          },
        ],
      },
    ],
    notes: [
      `The role should have ended at ${formatWhen(grant.endsAt!)}; removing it has failed for over an hour. m365ops keeps trying; remove it in the admin center if it is urgent.`,
    ],
  });
}

export function endFacts(grant: AdminGrant, customer: Customer): { label: string; value: string }[] {
  return [
    { label: 'User', value: grant.upn },
    { label: 'Role', value: roleName(customer.adminRole) },
    { label: 'Since', value: formatWhen(grant.grantedAt) },
    { label: 'Until', value: grant.endsAt ? formatWhen(grant.endsAt) : 'until revoked' },
    { label: 'Approved by', value: grant.grantedByName ?? grant.grantedBy },
    ...(grant.requester !== grant.grantedBy
      ? [{ label: 'Requested by', value: grant.requesterName ?? grant.requester }]
      : []),
    ...(grant.reason ? [{ label: 'Reason', value: grant.reason }] : []),
    ...(grant.ticket ? [{ label: 'Ticket', value: grant.ticket }] : []),
  ];
}

/** Tells the customer's channel, and the requester where they asked (best effort: failures are logged). */
export async function tell(runtime: Runtime, grant: AdminGrant, reply: AdminAccessReply): Promise<void> {
  const notifier = runtime.notifier;
  if (!notifier) return;
  const binding = await runtime.store.bindings.get(grant.customerId);
  const targets = [
    ...((await notifier.canPost(grant.customerId)) ? [() => notifier.post(grant.customerId, reply)] : []),
    ...(grant.requesterConversation && grant.requesterConversation.channelKey !== binding?.channelKey
      ? [() => notifier.postTo(grant.requesterConversation!, reply)]
      : []),
  ];
  for (const send of targets) {
    try {
      await send();
    } catch (error) {
      runtime.logger.warn(
        { err: error, grantId: grant.id },
        'could not tell about an admin grant; it is in the audit log',
      );
    }
  }
}
