/**
 * A request nobody decided within REQUEST_TTL expires: a durable job (jobs/request-expiry-job.ts) runs at its end,
 * and a click that comes after the end but before the job closes it the same way. Exactly one close wins.
 */
import { formatWhen } from '../../common/format-when';
import type { ApprovalRequest } from '../../store/request-types';
import type { Customer } from '../../store/types';
import type { Runtime } from '../runtime';
import { refreshRequestCards, tellRequester } from './request-channel';

export const requestExpiryJobType = 'request-expiry';

/** Closes the request as expired if it is open and past its end; returns it as it stands afterwards. */
export async function expireIfDue(runtime: Runtime, request: ApprovalRequest): Promise<ApprovalRequest> {
  const now = runtime.clock.now();
  if (request.state !== 'open' || now.getTime() < request.expiresAt.getTime()) return request;
  const closed = await runtime.store.requests.close(request.id, { state: 'expired', at: now });
  if (!closed) return request;
  if (!closed.won) return closed.request;
  const customer = await runtime.store.customers.get(request.customerId);
  await runtime.store.audit.append({
    actor: 'm365ops',
    where: 'request expiry',
    customerId: request.customerId,
    tenantId: customer?.tenantId,
    action: 'expire-request',
    result: 'ok',
    details: { requestId: request.id, requester: request.requester, reason: request.reason, ticket: request.ticket },
  });
  if (customer) await refreshRequestCards(runtime, closed.request, customer as Customer);
  await tellRequester(
    runtime,
    closed.request,
    `Request ${request.id} expired at ${formatWhen(now)} without a decision; nothing was changed. Ask again if it is still needed.`,
  );
  return closed.request;
}

/** The job's work: the request by id, expired if still open. */
export async function expireRequest(runtime: Runtime, requestId: string): Promise<void> {
  const request = await runtime.store.requests.get(requestId);
  if (request) await expireIfDue(runtime, request);
}
