/**
 * Which commands become approval requests instead of refusals (design §9): a helpdesk person asking for an effect
 * their role does not allow, when that effect is requestable (`admin-grant`, always), or for an effect the
 * customer's policy puts behind an approval (`policy <customer> approval user-delete,licence-removal`).
 * Approvers and admins act at once; anything else beyond the role is refused as before.
 */
import type { Customer, Role } from '../../store/types';
import { type Effect, effectsBeyond, hasRole } from '../commands/effects';

export const requestableEffects = ['admin-grant', 'user-delete', 'licence-removal'] as const;
export type RequestableEffect = (typeof requestableEffects)[number];

/** The effects the customer's policy puts behind an approval: admin-grant always, then the policy's. */
export function approvalEffectsOf(customer: Pick<Customer, 'approvalEffects'>): RequestableEffect[] {
  return [...new Set<RequestableEffect>(['admin-grant', ...(customer.approvalEffects ?? [])])];
}

export function isRequestable(effect: Effect): effect is RequestableEffect {
  return (requestableEffects as readonly string[]).includes(effect);
}

/**
 * Whether `held` must ask before `effects` may happen, before the customer is known: 'no' (authorise as usual),
 * 'yes' (an effect beyond the role that a request may carry), or 'policy' (only the customer's policy can say).
 */
export function mayNeedRequest(held: Role | undefined, effects: readonly Effect[]): 'no' | 'yes' | 'policy' {
  if (held === undefined || hasRole(held, 'approver')) return 'no';
  const beyond = effectsBeyond(held, effects);
  if (beyond.some((effect) => !isRequestable(effect))) return 'no';
  if (beyond.length > 0) return 'yes';
  return effects.some(isRequestable) ? 'policy' : 'no';
}

/** The effects of `effects` that need an approver's yes for this customer. */
export function effectsNeedingApproval(customer: Customer, effects: readonly Effect[]): RequestableEffect[] {
  const policy = approvalEffectsOf(customer);
  return effects.filter((effect): effect is RequestableEffect => isRequestable(effect) && policy.includes(effect));
}

/** Whether `held` must ask an approver for `effects` at `customer`: beyond their role, or held back by its policy. */
export function needsApprover(held: Role | undefined, customer: Customer, effects: readonly Effect[]): boolean {
  const may = mayNeedRequest(held, effects);
  return may === 'yes' || (may === 'policy' && effectsNeedingApproval(customer, effects).length > 0);
}
