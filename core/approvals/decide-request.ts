/**
 * Approve, Deny and cancel (design §9): only approvers decide, never the requester; the first decision wins across
 * replicas (one conditional update); an approved request runs through the handlers' own dispatch as the approver,
 * carrying who asked and why; every card of it is redrawn for everyone, and the requester is told.
 */
import { formatWhen } from '../../common/format-when';
import type { ApprovalRequest } from '../../store/request-types';
import type { Customer } from '../../store/types';
import { recordAudit } from '../audit';
import { specOf } from '../commands';
import { fail } from '../errors';
import type { Reply } from '../reply';
import type { Command, Request } from '../request';
import { getCustomer } from '../resolve-customer';
import type { Invocation, Runtime } from '../runtime';
import { expireIfDue } from './expire-request';
import { postProgressToRequester, refreshRequestCards, tellRequester } from './request-channel';
import { type ApprovalRequestReply, describeOutcome, requestView } from './request-view';

type Opened = { request: ApprovalRequest; customer: Customer } | { answer: Reply };

/** The open request, or the answer to a click on one that is not open any more. */
async function openRequest(invocation: Invocation, requestId: string, verb: string): Promise<Opened> {
  const stored = await invocation.runtime.store.requests.get(requestId);
  if (!stored) {
    throw fail('unknown-request', `There is no request ${requestId}; \`requests\` lists the open ones.`);
  }
  const customer = await getCustomer(invocation, stored.customerId);
  const request = await expireIfDue(invocation.runtime, stored);
  if (request.state === 'open') return { request, customer };
  if (request.state === 'expired' || request.state === 'cancelled') {
    throw fail(
      'request-closed',
      `Request ${request.id} cannot be ${verb}: ${describeOutcome(request)} Ask again if it is still needed.`,
    );
  }
  return {
    answer: cardReply(request, customer, `Request ${request.id} was decided already. ${describeOutcome(request)}`),
  };
}

function cardReply(request: ApprovalRequest, customer: Customer, note?: string): ApprovalRequestReply {
  return { kind: 'approval-request', request: requestView(request, customer), ...(note ? { note } : {}) };
}

async function refuseOwn(invocation: Invocation, request: ApprovalRequest, action: string): Promise<void> {
  if (request.requester !== invocation.request.context.identity) return;
  const error = fail(
    'own-request',
    `You asked for Request ${request.id} yourself, so another approver must decide it.`,
  );
  await recordAudit(invocation, {
    action,
    result: 'refused',
    error: error.message,
    details: { requestId: request.id, requester: request.requester },
  });
  throw error;
}

export async function approveRequest(invocation: Invocation, requestId: string): Promise<Reply> {
  const opened = await openRequest(invocation, requestId, 'approved');
  if ('answer' in opened) return opened.answer;
  const { runtime, request: asking } = invocation;
  await refuseOwn(invocation, opened.request, 'approve-request');
  const closed = await runtime.store.requests.close(opened.request.id, {
    state: 'approved',
    at: runtime.clock.now(),
    by: asking.context.identity,
    byName: asking.context.displayName,
  });
  if (!closed) throw fail('unknown-request', `There is no request ${requestId}.`);
  if (!closed.won) return lostRace(closed.request, opened.customer);
  const reply = await runApproved(invocation, closed.request);
  const failed = reply.kind === 'error';
  const secretNote = await handOverSecret(runtime, closed.request, reply);
  const outcome = failed ? reply.message : reply.kind === 'result' ? reply.title + secretNote : 'Done';
  const done = await runtime.store.requests.recordResult(closed.request.id, {
    result: failed ? 'failed' : 'applied',
    ...(failed ? { error: outcome } : {}),
  });
  await recordAudit(invocation, {
    action: 'approve-request',
    target: targetOf(done),
    result: failed ? 'failed' : 'ok',
    ...(failed ? { error: outcome } : {}),
    details: decisionDetails(done, outcome),
  });
  await refreshRequestCards(runtime, done, opened.customer);
  await tellRequester(runtime, done, `Request ${done.id}: ${describeOutcome(done)} ${failed ? '' : outcome}`.trim());
  await postProgressToRequester(runtime, done, reply);
  return cardReply(done, opened.customer, failed ? undefined : outcome);
}

/** The stored command, as the approver, through the handlers' dispatch (authorised by the approver's role). */
async function runApproved(invocation: Invocation, request: ApprovalRequest): Promise<Reply> {
  const stored = request.command as unknown as Command;
  const command = (specOf(stored.name).confirms ? { ...stored, confirmed: true } : stored) as Command;
  const run: Request = {
    context: invocation.request.context,
    command,
    idempotencyKey: `request:${request.id}`,
    onBehalfOf: {
      requestId: request.id,
      requester: request.requester,
      ...(request.requesterName ? { requesterName: request.requesterName } : {}),
      ...(request.reason ? { reason: request.reason } : {}),
      ...(request.ticket ? { ticket: request.ticket } : {}),
      ...((request.requesterPrivately ?? request.requestedIn)
        ? { conversation: request.requesterPrivately ?? request.requestedIn }
        : {}),
    },
  };
  if (!invocation.dispatch) throw new Error('An approved request needs the handlers’ dispatch to run.');
  return invocation.dispatch(run);
}

export async function denyRequest(invocation: Invocation, requestId: string, comment?: string): Promise<Reply> {
  const opened = await openRequest(invocation, requestId, 'denied');
  if ('answer' in opened) return opened.answer;
  const { runtime, request: asking } = invocation;
  await refuseOwn(invocation, opened.request, 'deny-request');
  const closed = await runtime.store.requests.close(opened.request.id, {
    state: 'denied',
    at: runtime.clock.now(),
    by: asking.context.identity,
    byName: asking.context.displayName,
    ...(comment ? { comment } : {}),
  });
  if (!closed) throw fail('unknown-request', `There is no request ${requestId}.`);
  if (!closed.won) return lostRace(closed.request, opened.customer);
  await recordAudit(invocation, {
    action: 'deny-request',
    target: targetOf(closed.request),
    result: 'ok',
    details: decisionDetails(closed.request),
  });
  await refreshRequestCards(runtime, closed.request, opened.customer);
  await tellRequester(runtime, closed.request, `Request ${closed.request.id}: ${describeOutcome(closed.request)}`);
  return cardReply(closed.request, opened.customer);
}

export async function cancelRequest(invocation: Invocation, requestId: string): Promise<Reply> {
  const opened = await openRequest(invocation, requestId, 'cancelled');
  if ('answer' in opened)
    throw fail('request-closed', `Request ${requestId} was decided already; it cannot be cancelled.`);
  const { runtime, request: asking } = invocation;
  if (opened.request.requester !== asking.context.identity) {
    throw fail(
      'not-your-request',
      `Only ${opened.request.requesterName ?? opened.request.requester}, who asked for Request ${opened.request.id}, can cancel it; an approver can deny it instead.`,
    );
  }
  const closed = await runtime.store.requests.close(opened.request.id, {
    state: 'cancelled',
    at: runtime.clock.now(),
    by: asking.context.identity,
    byName: asking.context.displayName,
  });
  if (!closed) throw fail('unknown-request', `There is no request ${requestId}.`);
  if (!closed.won) return lostRace(closed.request, opened.customer);
  await recordAudit(invocation, {
    action: 'cancel-request',
    target: targetOf(closed.request),
    result: 'ok',
    details: decisionDetails(closed.request),
  });
  await refreshRequestCards(runtime, closed.request, opened.customer);
  return cardReply(closed.request, opened.customer);
}

function lostRace(request: ApprovalRequest, customer: Customer): ApprovalRequestReply {
  const when = request.decidedAt ? ` at ${formatWhen(request.decidedAt)}` : '';
  const who = request.decidedByName ?? request.decidedBy ?? 'someone';
  return cardReply(request, customer, `Request ${request.id} was ${request.state} by ${who}${when} first.`);
}

/** The user the request is about, so the audit of its decision names them as the request's own record does. */
/**
 * A temporary password the approved command made goes to the requester alone, in their own chat with m365ops (not
 * to the approver, whose click is in the approvals channel). Where there is no such chat it is shown to nobody, and
 * the outcome says so and how to get a new one.
 */
async function handOverSecret(runtime: Runtime, request: ApprovalRequest, reply: Reply): Promise<string> {
  if (reply.kind !== 'result' || !reply.secret) return '';
  const to = request.requesterPrivately;
  if (to && runtime.notifier?.postSecretTo) {
    const shown = await runtime.notifier.postSecretTo(to, reply.secret).catch((error: unknown) => {
      runtime.logger.warn({ err: error, requestId: request.id }, 'could not show the requester a temporary password');
      return false;
    });
    const what = /^Temporary passwords/.test(reply.secret.label) ? 'The temporary passwords' : 'Its temporary password';
    if (shown) return `. ${what} went privately to ${request.requesterName ?? request.requester}`;
  }
  const upn = targetOf(request) ?? '<upn>';
  return `. Its temporary password was shown to nobody: \`reset password ${upn}\` gives the user a new one`;
}

function targetOf(request: ApprovalRequest): string | undefined {
  const upn = (request.command as { upn?: unknown }).upn;
  return typeof upn === 'string' ? upn : undefined;
}

function decisionDetails(request: ApprovalRequest, outcome?: string): Record<string, unknown> {
  return {
    requestId: request.id,
    command: (request.command as { name?: string }).name,
    requester: request.requester,
    approver: request.decidedBy,
    reason: request.reason,
    ticket: request.ticket,
    comment: request.comment,
    askedAt: request.createdAt.toISOString(),
    decidedAt: request.decidedAt?.toISOString(),
    ...(outcome ? { outcome } : {}),
  };
}
