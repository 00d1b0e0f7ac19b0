/**
 * Usage locations: ISO 3166-1 alpha-2 country codes. Graph needs one on a user before a licence can be assigned
 * (not every code is sold everywhere, but Graph itself accepts any assigned ISO code).
 */

import { HandlerError } from '../core/handler-error';
import { echoInput } from '../core/input-limits';
import type { Invocation } from '../core/runtime';
import { isoCodes, isUsageLocation } from '../core/usage-location-codes';
import type { Customer } from '../store/types';

export { isUsageLocation };

/** Offered first in forms when a customer has no users yet. */
export const commonUsageLocations: readonly string[] = ['GB', 'US', 'DE', 'FR', 'NL', 'IE', 'ES', 'IT', 'CA', 'AU'];

/** Upper-cases and checks a usage location; a refusal says what would be right. */
export function checkUsageLocation(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!isUsageLocation(upper)) {
    const hint = upper === 'UK' ? ' (the United Kingdom is GB)' : '';
    throw new HandlerError(
      'bad-usage-location',
      `"${echoInput(code)}" is not a usage location${hint}; use a two-letter country code (ISO 3166) such as GB, US, DE.`,
      {
        suggestions: upper === 'UK' ? ['GB'] : [...commonUsageLocations.slice(0, 3)],
        details: { field: 'usageLocation' },
      },
    );
  }
  return upper;
}

/** The customer's most used locations first, then the common ones, then every other code. */
export function orderUsageLocations(used: readonly (string | undefined)[]): string[] {
  const counts = new Map<string, number>();
  for (const code of used) if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  const mostUsed = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code]) => code);
  return [...new Set([...mostUsed, ...commonUsageLocations, ...isoCodes])];
}

/** The usage location most of the customer's service users have: add user's default when none is given. */
export async function mostUsedLocation(invocation: Invocation, customer: Customer): Promise<string | undefined> {
  const counts = new Map<string, number>();
  for (const user of await invocation.runtime.store.serviceUsers.list(customer.id)) {
    if (user.usageLocation) counts.set(user.usageLocation, (counts.get(user.usageLocation) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
