/**
 * Deciding a discrepancy: the first authorised click wins atomically (claimDecision), the decision is applied
 * (Approve: the store; Revoke: the tenant), recorded in the audit log, and the channel card is updated for everyone.
 * A later click learns who decided; a Revoke the tenant refuses says why and leaves the discrepancy open.
 */

import { formatWhen } from '../common/format-when';
import { recordAudit } from '../core/audit';
import { toErrorReply } from '../core/errors';
import { HandlerError } from '../core/handler-error';
import type { Invocation } from '../core/runtime';
import { lockServiceUser } from '../core/service-users';
import type { Customer, Discrepancy, DiscrepancyDecision } from '../store/types';
import { applyApprove, applyRevoke } from './apply-decision';
import { deciderName, refreshMessage } from './channel-messages';

export type DecisionOutcome =
  | { outcome: 'applied'; discrepancy: Discrepancy; done: string }
  | { outcome: 'failed'; discrepancy: Discrepancy; error: string }
  | { outcome: 'already'; discrepancy: Discrepancy; message: string };

export interface DecideOptions {
  action: 'approve' | 'revoke';
  /** Auto-approval by the customer's policy: status auto-approved, actor "sync". */
  automatic?: boolean;
  /** False when the caller re-renders the card itself afterwards (a digest decided in bulk). */
  refreshCard?: boolean;
}

export async function getDiscrepancy(invocation: Invocation, id: string): Promise<Discrepancy> {
  const discrepancy = await invocation.runtime.store.discrepancies.get(id);
  if (!discrepancy) {
    throw new HandlerError(
      'unknown-discrepancy',
      'That discrepancy no longer exists in m365ops; run `sync` to see what is still different.',
    );
  }
  return discrepancy;
}

/** Never the person whose action caused it, where that is known. */
export function checkNotOwnChange(invocation: Invocation, discrepancy: Discrepancy): void {
  const identity = invocation.request.context.identity;
  if (discrepancy.causedBy && discrepancy.causedBy === identity) {
    throw new HandlerError(
      'own-change',
      `You caused this difference for ${discrepancy.upn}, so another approver must decide it; ask one to look at the card.`,
    );
  }
}

export async function decide(
  invocation: Invocation,
  customer: Customer,
  discrepancy: Discrepancy,
  options: DecideOptions,
): Promise<DecisionOutcome> {
  const { runtime, request } = invocation;
  const store = runtime.store.discrepancies;
  const by = options.automatic ? 'sync' : request.context.identity;
  const claim: DiscrepancyDecision = { by, action: options.action, at: runtime.clock.now() };
  const claimed = await store.claimDecision(discrepancy.id, claim);
  if (!claimed.won) {
    const name = await deciderName(runtime, claimed.discrepancy);
    return { outcome: 'already', discrepancy: claimed.discrepancy, message: alreadyDecided(claimed.discrepancy, name) };
  }

  invocation.customer = customer;
  invocation.target = discrepancy.upn;
  const target = { invocation, customer, discrepancy: claimed.discrepancy };
  const details = {
    discrepancyId: discrepancy.id,
    kind: discrepancy.kind,
    decision: options.action,
    objectId: discrepancy.objectId,
    byName: request.context.displayName ?? by,
  };
  let result: DecisionOutcome;
  try {
    // The same per-user lock as the chat commands (change plan, remove user): a decision, clicked or automatic,
    // never interleaves with them. Nothing under it takes the lock again (KeyedLock is not re-entrant).
    const done = await lockServiceUser(runtime, customer.id, discrepancy.objectId, () =>
      options.action === 'approve' ? applyApprove(target) : applyRevoke(target),
    );
    const audit = await recordAudit(invocation, {
      action: options.automatic ? 'auto-approve-discrepancy' : `${options.action}-discrepancy`,
      result: 'ok',
      details: { ...details, done },
    });
    const status = options.automatic ? 'auto-approved' : options.action === 'approve' ? 'approved' : 'revoked';
    const completed = await store.completeDecision(discrepancy.id, status, {
      ...claim,
      result: 'applied',
      auditId: audit.id,
    });
    result = { outcome: 'applied', discrepancy: completed, done };
  } catch (error) {
    const message = toErrorReply(error, runtime.logger).message;
    const audit = await recordAudit(invocation, {
      action: options.automatic ? 'auto-approve-discrepancy' : `${options.action}-discrepancy`,
      result: 'failed',
      error: message,
      details,
    });
    const reopened = await store.reopen(discrepancy.id, message);
    // Shown once on the card: who tried what, and why it failed; the buttons come back.
    result = {
      outcome: 'failed',
      discrepancy: { ...reopened, decision: { ...claim, result: 'failed', error: message, auditId: audit.id } },
      error: message,
    };
  }
  const decision = options.automatic ? 'auto-approve' : options.action;
  runtime.metrics?.decisions.inc({ kind: discrepancy.kind, decision, result: result.outcome });
  if (options.refreshCard !== false) await refreshMessage(runtime, customer, result.discrepancy);
  return result;
}

/** "Megan decided this already: approved at 2026-11-24 08:35 UTC." */
export function alreadyDecided(discrepancy: Discrepancy, name?: string): string {
  const { decision } = discrepancy;
  if (discrepancy.status === 'resolved') {
    return `Nothing to decide any more: the tenant and m365ops agree again about ${discrepancy.upn}.`;
  }
  if (!decision) return `This discrepancy about ${discrepancy.upn} is ${discrepancy.status}.`;
  const who = decision.by === 'sync' ? "The customer's sync policy" : (name ?? decision.by);
  const what = decision.action === 'approve' ? 'approved' : 'revoked';
  if (discrepancy.status === 'deciding') {
    return `${who} is deciding this already (${what} at ${formatWhen(decision.at)}); the card updates when it is done.`;
  }
  return `${who} already ${what} this at ${formatWhen(decision.at)}.`;
}
