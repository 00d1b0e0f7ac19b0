/**
 * Usage locations: ISO 3166-1 alpha-2 country codes. Graph needs one on a user before a licence can be assigned
 * (not every code is sold everywhere, but Graph itself accepts any assigned ISO code).
 */

import { HandlerError } from '../core/handler-error';
import { echoInput } from '../core/input-limits';
import type { Invocation } from '../core/runtime';
import type { Customer } from '../store/types';

const isoCodes = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
  'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
  'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
  'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
  'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');

const knownCodes: ReadonlySet<string> = new Set(isoCodes);

/** Offered first in forms when a customer has no users yet. */
export const commonUsageLocations: readonly string[] = ['GB', 'US', 'DE', 'FR', 'NL', 'IE', 'ES', 'IT', 'CA', 'AU'];

export function isUsageLocation(code: string): boolean {
  return knownCodes.has(code.toUpperCase());
}

/** Upper-cases and checks a usage location; a refusal says what would be right. */
export function checkUsageLocation(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!knownCodes.has(upper)) {
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
