/**
 * A customer's limits on admin access (design §9): the longest time box (`policy <customer> max-admin`, 8h unless
 * set) and whether an approver may grant it without one (`policy <customer> permanent-admin`, allowed unless
 * denied; a grant made on a request is never permanent).
 */
import type { Customer } from '../store/types';
import { formatDuration } from './duration';
import { fail } from './errors';

export const defaultMaxAdminMinutes = 8 * 60;

export function maxAdminMinutesOf(customer: Pick<Customer, 'maxAdminMinutes'>): number {
  return customer.maxAdminMinutes ?? defaultMaxAdminMinutes;
}

/** Refuses a time box over the customer's limit, and a permanent grant the policy or a request does not allow. */
export function checkAdminDuration(
  customer: Customer,
  durationMinutes: number | undefined,
  options: { upn: string; onRequest: boolean },
): void {
  const limit = maxAdminMinutesOf(customer);
  if (durationMinutes === undefined) {
    if (options.onRequest) {
      throw fail(
        'needs-duration',
        `Requests for admin access need a duration: add \`for 2h\`, up to ${formatDuration(limit)} for ${customer.name}.`,
      );
    }
    if (customer.permanentAdmin === 'deny') {
      throw fail(
        'needs-duration',
        `${customer.name} allows only time-boxed admin access: add \`for <duration>\` to \`grant admin ${options.upn}\`, up to ${formatDuration(limit)}.`,
      );
    }
    return;
  }
  if (durationMinutes > limit) {
    throw fail(
      'over-limit',
      `${formatDuration(durationMinutes)} is longer than ${customer.name} allows for admin access: ask for ${formatDuration(limit)} or less (\`policy ${customer.id} max-admin <duration>\` changes the limit).`,
    );
  }
}
