/**
 * The record of every admin role m365ops gives (store port `adminGrants`) and the durable jobs that end a
 * time-boxed one: a warning before the end and the end itself. Jobs are keyed by the grant and its end time, so an
 * extension schedules new ones and the old ones find the grant moved on and do nothing.
 */
import type { AdminGrant } from '../store/admin-grant';
import { currentGrantStates } from '../store/admin-grant';
import type { ConversationRef, Customer, ServiceUser } from '../store/types';
import type { OnBehalfOf, RequestContext } from './request';
import type { Invocation, Runtime } from './runtime';

export const adminGrantJobs = { warn: 'admin-grant-warning', end: 'admin-grant-end' } as const;

const minuteMs = 60_000;
/** The warning comes this long before the end, or half-way for grants shorter than twice that. */
const warnBeforeMs = 15 * minuteMs;

/** When to warn that the grant ends: 15 minutes before, or half-way through a grant shorter than 30 minutes. */
export function warningTimeOf(grant: Pick<AdminGrant, 'grantedAt' | 'endsAt'>): Date | undefined {
  if (!grant.endsAt) return undefined;
  const length = grant.endsAt.getTime() - grant.grantedAt.getTime();
  const before = length < 2 * warnBeforeMs ? length / 2 : warnBeforeMs;
  return new Date(grant.endsAt.getTime() - before);
}

/** Queues the warning and the end of a time-boxed grant for its current end time (nothing for a permanent one). */
export async function scheduleGrantEnd(runtime: Runtime, grant: AdminGrant): Promise<void> {
  if (!grant.endsAt) return;
  const key = `${grant.id}:${grant.endsAt.getTime()}`;
  const payload = { grantId: grant.id, customerId: grant.customerId, endsAt: grant.endsAt.toISOString() };
  const warnAt = warningTimeOf(grant);
  if (warnAt && warnAt.getTime() > runtime.clock.now().getTime()) {
    await runtime.store.jobs.enqueue({
      type: adminGrantJobs.warn,
      payload,
      runAt: warnAt,
      maxAttempts: 5,
      uniqueKey: `admin-warn:${key}`,
    });
  }
  await runtime.store.jobs.enqueue({
    type: adminGrantJobs.end,
    payload,
    runAt: grant.endsAt,
    uniqueKey: `admin-end:${key}`,
  });
}

/** The Teams or Slack conversation a request came from, where its requester can be told things later. */
export function conversationOf(context: RequestContext): ConversationRef | undefined {
  if ((context.origin !== 'teams' && context.origin !== 'slack') || !context.channelKey || !context.channelReference) {
    return undefined;
  }
  return {
    platform: context.origin,
    channelKey: context.channelKey,
    ...(context.channelName ? { channelName: context.channelName } : {}),
    reference: context.channelReference,
  };
}

/** Where the requester can be told something privately later: their direct messages, or where they asked. */
export function privateConversationOf(context: RequestContext): ConversationRef | undefined {
  const direct = context.privateConversation;
  if (direct && (context.origin === 'teams' || context.origin === 'slack')) {
    return { platform: context.origin, channelKey: direct.channelKey, reference: direct.reference };
  }
  return conversationOf(context);
}

export interface GrantInput {
  customer: Customer;
  record: ServiceUser;
  role: string;
  durationMinutes?: number;
  reason?: string;
  ticket?: string;
}

/**
 * Records the grant as active from now (the clock starts at the grant, not at the request) and queues its end. A
 * current grant left from before (its role removed by hand, not yet noticed) is closed as ended by hand first.
 */
export async function recordGrant(invocation: Invocation, input: GrantInput): Promise<AdminGrant> {
  const { runtime, request } = invocation;
  const { customer, record } = input;
  const now = runtime.clock.now();
  const stale = await runtime.store.adminGrants.findCurrent(customer.id, record.objectId);
  if (stale) {
    await runtime.store.adminGrants.transition(stale.id, currentGrantStates, {
      state: 'ended-by-hand',
      endedAt: now,
      endedBy: request.context.identity,
    });
  }
  const behalf: OnBehalfOf | undefined = request.onBehalfOf;
  const grant = await runtime.store.adminGrants.create({
    customerId: customer.id,
    objectId: record.objectId,
    upn: record.upn,
    role: input.role,
    grantedAt: now,
    endsAt:
      input.durationMinutes === undefined ? undefined : new Date(now.getTime() + input.durationMinutes * minuteMs),
    grantedBy: request.context.identity,
    grantedByName: request.context.displayName,
    requester: behalf?.requester ?? request.context.identity,
    requesterName: behalf ? behalf.requesterName : request.context.displayName,
    requesterConversation: behalf ? behalf.conversation : privateConversationOf(request.context),
    requestId: behalf?.requestId,
    reason: behalf?.reason ?? input.reason,
    ticket: behalf?.ticket ?? input.ticket,
  });
  await scheduleGrantEnd(runtime, grant);
  return grant;
}

/** Closes the user's current grant when its role was removed now by `identity` (revoke admin, End now, a Revoke). */
export async function closeCurrentGrant(
  runtime: Runtime,
  customerId: string,
  objectId: string,
  identity: string,
  error?: string,
) {
  const current = await runtime.store.adminGrants.findCurrent(customerId, objectId);
  if (!current) return undefined;
  const closed = await runtime.store.adminGrants.transition(current.id, currentGrantStates, {
    state: 'ended',
    endedAt: runtime.clock.now(),
    endedBy: identity,
    lastError: error,
  });
  return closed?.grant;
}

/** Who a grant was for and who approved it, for audits: never a secret. */
export function describeGrantForAudit(grant: AdminGrant): Record<string, unknown> {
  return {
    grantId: grant.id,
    role: grant.role,
    objectId: grant.objectId,
    grantedAt: grant.grantedAt.toISOString(),
    endsAt: grant.endsAt?.toISOString(),
    requester: grant.requester,
    approver: grant.grantedBy,
    requestId: grant.requestId,
    reason: grant.reason,
    ticket: grant.ticket,
  };
}
