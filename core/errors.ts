/**
 * The refusals handlers raise, as HandlerError codes with their sentences, and the one place where anything thrown
 * becomes the ErrorReply the helpdesk reads (M365Error and StoreError carry sentences of their own).
 */
import { isCodedError } from '../common/coded-error';
import type { Logger } from '../common/logger';
import { M365Error } from '../m365/errors';
import { StoreError } from '../store/errors';
import type { Customer, Plan } from '../store/types';
import { HandlerError, type HandlerErrorCode } from './handler-error';
import { echoInput, inputLimits } from './input-limits';
import type { ErrorReply } from './reply';

export type { HandlerErrorCode };

export function fail(
  code: HandlerErrorCode,
  message: string,
  options: { suggestions?: string[]; field?: string; details?: Record<string, unknown> } = {},
): HandlerError {
  const details = { ...options.details, ...(options.field ? { field: options.field } : {}) };
  return new HandlerError(code, message, { suggestions: options.suggestions, details });
}

export function unknownCustomer(id: string, customers: readonly Customer[]): HandlerError {
  const ids = customers.map((customer) => customer.id);
  const near = nearest(id, ids);
  const known = ids.length > 0 ? `the customers are ${ids.join(', ')}` : 'no customer exists yet (`customer add`)';
  return fail('unknown-customer', `There is no customer "${echoInput(id)}"; ${known}.`, {
    suggestions: near.length > 0 ? near : ids,
    field: 'customerId',
  });
}

export function unknownPlan(id: string, customer: Customer | undefined, plans: readonly Plan[]): HandlerError {
  const names = (planIds: string[]) => planIds.join(', ');
  if (customer) {
    const enabled = customer.plans.map((entry) => entry.planId);
    const exists = plans.some((plan) => plan.id === id);
    const list = enabled.length > 0 ? `its plans are ${names(enabled)}` : 'it has no plan enabled yet';
    const sentence = exists
      ? `The plan ${id} is not enabled for ${customer.name}; ${list}.`
      : `There is no plan "${echoInput(id)}" for ${customer.name}; ${list}.`;
    return fail(exists ? 'plan-not-enabled' : 'unknown-plan', sentence, {
      suggestions: nearestFirst(id, enabled),
      field: 'planId',
    });
  }
  const all = plans.map((plan) => plan.id);
  return fail(
    'unknown-plan',
    `There is no plan "${echoInput(id)}"; the plans are ${names(all) || 'none yet (`plan add`)'}.`,
    {
      suggestions: nearestFirst(id, all),
      field: 'planId',
    },
  );
}

/** Anything thrown → the reply the user reads. Expected failures keep their sentence; the rest is logged in full. */
export function toErrorReply(error: unknown, logger: Logger): ErrorReply {
  if (error instanceof HandlerError) {
    return compact({
      kind: 'error',
      code: error.code,
      message: error.message,
      suggestions: error.suggestions,
      neededRole: error.neededRole,
    });
  }
  if (error instanceof M365Error) {
    const level = error.code === 'unexpected' ? 'error' : 'warn';
    logger[level]({ err: error, code: error.code, details: error.details }, 'Microsoft 365 refused or failed');
    return { kind: 'error', code: error.code, message: error.message };
  }
  if (error instanceof StoreError && error.code === 'unavailable') {
    logger.error({ err: error }, 'store unavailable');
    return {
      kind: 'error',
      code: 'store-unavailable',
      message: 'm365ops cannot reach its database right now; try again in a minute.',
    };
  }
  logger.error(
    { err: error, details: isCodedError(error) ? error.details : undefined },
    'unexpected error in a handler',
  );
  return {
    kind: 'error',
    code: 'unexpected',
    message: 'Something went wrong on our side; the details are in the log.',
  };
}

function compact(reply: ErrorReply): ErrorReply {
  if (!reply.suggestions || reply.suggestions.length === 0) delete reply.suggestions;
  if (reply.neededRole === undefined) delete reply.neededRole;
  return reply;
}

/** Near misses first (edit distance ≤ 2 or a shared prefix), then the rest. */
export function nearestFirst(word: string, candidates: readonly string[]): string[] {
  const near = nearest(word, candidates);
  return [...near, ...candidates.filter((candidate) => !near.includes(candidate))];
}

export function nearest(word: string, candidates: readonly string[]): string[] {
  // Only the start of a long word is compared, so the work stays small whatever was typed.
  const lower = word.slice(0, inputLimits.compared).toLowerCase();
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(lower, candidate.toLowerCase()) }))
    .filter(({ candidate, distance }) => distance <= 2 || candidate.toLowerCase().startsWith(lower.slice(0, 3)))
    .sort((a, b) => a.distance - b.distance)
    .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
