/**
 * Checks one argument of a command and says what would be right when it is wrong. Plan and customer ids are
 * matched against the hints the transport passes (the configured ids) when it has them; the handlers check
 * everything again against the store.
 */
import { identityForms, slackIdentityExample } from '../../common/identity';
import { allowedLocalCharacters, checkAddressSyntax } from '../../core/addresses';
import { requestableEffects } from '../../core/approvals/requestable';
import type { ArgumentValue, ValueKind } from '../../core/commands/grammar';
import { parseDuration } from '../../core/duration';
import { idPattern, skuPattern, tenantIdPattern } from '../../core/identifiers';
import { echoInput, inputLimits } from '../../core/input-limits';
import type { ParseHints } from '../../core/m365ops-port';
import type { ErrorReply } from '../../core/reply';
import { formatCount } from '../../core/words';
import type { Role } from '../../store/types';
import { type DiscrepancyKind, discrepancyKinds, roles } from '../../store/types';
import { checkCalendar } from './check-calendar';
import { checkOffboardValue } from './check-offboard-values';
import { checkPlanValue, isPlanValueKind } from './check-plan-values';
import { findNearMisses } from './near-miss';

export type { ArgumentValue, ParseHints, ValueKind };

export type CheckResult = { ok: true; value: ArgumentValue } | { ok: false; error: ErrorReply };

const identityPattern = /^(teams|slack|cli):\S+$/;
const ticketPattern = /^[A-Za-z0-9][A-Za-z0-9._#/-]{0,63}$/;

export function checkValue(kind: ValueKind, raw: string, hints: ParseHints): CheckResult {
  switch (kind) {
    case 'upn':
      return checkAddress(raw, 'a', 'user name (UPN)');
    case 'address':
      return checkAddress(raw, 'an', 'alias address');
    case 'plan':
      return checkKnownId(raw, hints.planIds, 'plan', 'unknown-plan');
    case 'customer':
      return checkKnownId(raw, hints.customerIds, 'customer', 'unknown-customer');
    case 'new-id':
      return idPattern.test(raw.toLowerCase())
        ? ok(raw.toLowerCase())
        : fail('bad-usage', `${quoted(raw)} cannot be an id: use letters, digits and dashes, such as tailspin-toys.`);
    case 'text':
      return raw.trim()
        ? ok(raw.trim())
        : fail('missing-argument', 'The name is empty: write it in quotes, such as "Jane Doe".');
    case 'location':
      return checkLocation(raw);
    case 'number':
      return /^\d{1,6}$/.test(raw)
        ? ok(Number(raw))
        : fail('bad-number', `${quoted(raw)} is not a number of users: write a whole number such as 25.`);
    case 'role':
      return checkChoice(raw, roles, 'a role');
    case 'allow-deny':
      return checkChoice(raw, ['allow', 'deny'], 'allow or deny');
    case 'access-op':
      return checkChoice(raw, ['add', 'remove'], 'an access change');
    case 'identity':
      return identityPattern.test(raw)
        ? ok(raw)
        : fail(
            'bad-usage',
            `${quoted(raw)} is not an identity: write ${identityForms}, such as ${slackIdentityExample}.`,
          );
    case 'tenant':
      return tenantIdPattern.test(raw)
        ? ok(raw.toLowerCase())
        : fail(
            'bad-usage',
            `${quoted(raw)} is not a tenant id: write the directory (tenant) id, a GUID such as 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60.`,
          );
    case 'skus':
      return checkSkus(raw);
    case 'kinds':
      return checkKinds(raw);
    case 'kind':
      return checkKind(raw);
    case 'page':
      return /^\d{1,4}$/.test(raw) && Number(raw) >= 1
        ? ok(Number(raw))
        : fail('bad-number', `${quoted(raw)} is not a page number: write a whole number from 1, such as 2.`);
    case 'duration':
      return checkDuration(raw);
    case 'reason':
      return checkReason(raw);
    case 'ticket':
      return ticketPattern.test(raw)
        ? ok(raw)
        : fail(
            'bad-usage',
            `${quoted(raw)} is not a ticket reference: write letters, digits and . _ # / -, up to 64, such as INC-1234.`,
          );
    case 'request-id':
    case 'operation-id':
      return checkShortId(kind, raw);
    case 'discrepancy-id':
      return checkDiscrepancyId(raw);
    case 'approval-effects':
      return checkApprovalEffects(raw);
    case 'date':
    case 'month':
    case 'schedule':
      return checkCalendar(kind, raw);
    case 'customer-or-all':
      if (raw.toLowerCase() === 'all') return ok('all');
      return checkKnownId(raw, hints.customerIds && [...hints.customerIds, 'all'], 'customer', 'unknown-customer');
    default:
      return isPlanValueKind(kind) ? checkPlanValue(kind, raw) : checkOffboardValue(kind, raw);
  }
}

/** What More carries: the id of a listing's last row (a UUID). */
function checkDiscrepancyId(raw: string): CheckResult {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)
    ? ok(raw.toLowerCase())
    : fail('bad-usage', `${quoted(raw)} is not a discrepancy id; click More on the listing instead.`);
}

function checkApprovalEffects(raw: string): CheckResult {
  if (raw.toLowerCase() === 'none') return ok([]);
  const effects = splitList(raw).map((effect) => effect.toLowerCase());
  const wrong = effects.find((effect) => !(requestableEffects as readonly string[]).includes(effect));
  if (wrong !== undefined || effects.length === 0) {
    return fail(
      'bad-usage',
      `${quoted(wrong ?? raw)} is not an effect that can need approval: write ${listAlternatives(requestableEffects)} (comma-separated), or none.`,
      [...requestableEffects],
    );
  }
  return ok([...new Set(effects)]);
}

/** The address grammar is core's (core/addresses.ts); the sentences are the parser's. */
function checkAddress(raw: string, article: string, what: string): CheckResult {
  const checked = checkAddressSyntax(raw);
  // The part before the @ as typed, the domain in lower case.
  if (checked.ok) return ok(checked.asTyped);
  switch (checked.problem) {
    case 'no-at':
      return fail(
        'bad-upn',
        `${quoted(raw)} is not ${article} ${what}: write it as name@domain, such as jane@contoso.com.`,
        [],
      );
    case 'characters': {
      const shown = checked.characters
        .slice(0, 10)
        .map((char) => (char === ' ' ? 'a space' : `"${char}"`))
        .join(', ');
      return fail(
        'bad-upn',
        `${quoted(raw)} is not a valid ${what}: ${shown} may not be used before the @; only ${allowedLocalCharacters}.`,
      );
    }
    case 'dots':
      return fail(
        'bad-upn',
        `${quoted(raw)} is not a valid ${what}: the part before the @ may not start or end with a dot or hold two dots in a row.`,
      );
    case 'too-long':
      return fail(
        'bad-upn',
        `${quoted(raw)} is not a valid ${what}: the part before the @ may be at most 64 characters.`,
      );
    case 'domain':
      return fail(
        'bad-upn',
        `${quoted(raw)} is not a valid ${what}: after the @ write a domain with a dot, such as contoso.com.`,
      );
  }
}

function checkKnownId(raw: string, known: string[] | undefined, what: 'plan' | 'customer', code: string): CheckResult {
  if (!known || known.length === 0) return ok(raw);
  const exact = known.find((id) => id.toLowerCase() === raw.toLowerCase());
  if (exact) return ok(exact);
  const near = findNearMisses(raw, known);
  if (near.length > 0) {
    return fail(code, `There is no ${what} ${quoted(raw)}. Did you mean ${near[0]}?`, near);
  }
  return fail(code, `There is no ${what} ${quoted(raw)}. The ${what}s are: ${known.join(', ')}.`, [...known]);
}

function checkLocation(raw: string): CheckResult {
  if (/^[A-Za-z]{2}$/.test(raw)) return ok(raw.toUpperCase());
  return fail(
    'bad-location',
    `${quoted(raw)} is not a usage location: write the two-letter ISO 3166 country code, such as GB, US or DE.`,
  );
}

function checkChoice(raw: string, choices: readonly string[], what: string): CheckResult {
  const value = raw.toLowerCase();
  if (choices.includes(value)) return ok(value as Role);
  const near = findNearMisses(value, choices);
  const hint = near.length > 0 ? ` Did you mean ${near[0]}?` : '';
  return fail(
    'bad-usage',
    `${quoted(raw)} is not ${what}: write ${listAlternatives(choices)}.${hint}`,
    near.length > 0 ? near : [...choices],
  );
}

function checkSkus(raw: string): CheckResult {
  const skus = splitList(raw).map((sku) => sku.toUpperCase());
  const wrong = skus.find((sku) => !skuPattern.test(sku));
  if (skus.length === 0 || wrong !== undefined) {
    return fail(
      'bad-usage',
      `${quoted(wrong ?? raw)} is not a SKU: write skuPartNumbers separated by commas, such as SPB,EXCHANGESTANDARD.`,
    );
  }
  return ok(skus);
}

function checkKinds(raw: string): CheckResult {
  if (raw.toLowerCase() === 'none') return ok([]);
  const kinds = splitList(raw).map((kind) => kind.toLowerCase());
  for (const kind of kinds) {
    if (!discrepancyKinds.includes(kind as DiscrepancyKind)) {
      const near = findNearMisses(kind, discrepancyKinds);
      const hint = near.length > 0 ? ` Did you mean ${near[0]}?` : '';
      return fail(
        'bad-usage',
        `${quoted(kind)} is not a discrepancy kind: write ${listAlternatives(discrepancyKinds)} (comma-separated), or none.${hint}`,
        near.length > 0 ? near : [...discrepancyKinds],
      );
    }
  }
  return kinds.length > 0
    ? ok([...new Set(kinds)])
    : fail('missing-argument', 'Name at least one discrepancy kind, or none.');
}

function checkKind(raw: string): CheckResult {
  const kind = raw.toLowerCase();
  if (discrepancyKinds.includes(kind as DiscrepancyKind)) return ok(kind);
  const near = findNearMisses(kind, discrepancyKinds);
  const hint = near.length > 0 ? ` Did you mean ${near[0]}?` : '';
  return fail(
    'bad-usage',
    `${quoted(raw)} is not a discrepancy kind: write ${listAlternatives(discrepancyKinds)}.${hint}`,
    near.length > 0 ? near : [...discrepancyKinds],
  );
}

function checkDuration(raw: string): CheckResult {
  const checked = parseDuration(raw);
  if (checked.ok) return ok(checked.minutes);
  return fail('bad-duration', `${quoted(raw)} is not a duration: ${checked.message}.`);
}

function checkReason(raw: string): CheckResult {
  const reason = raw.trim();
  if (!reason) return fail('missing-argument', 'The reason is empty: write it in quotes, such as "Mailbox migration".');
  if (reason.length > inputLimits.reason) {
    return fail(
      'too-long',
      `The reason is ${formatCount(reason.length)} characters; keep it to ${formatCount(inputLimits.reason)}.`,
    );
  }
  return ok(reason);
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function listAlternatives(choices: readonly string[]): string {
  if (choices.length <= 1) return choices.join('');
  return `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
}

/** A typed value in quotes, cut when long. */
function quoted(raw: string): string {
  return `"${echoInput(raw)}"`;
}

function ok(value: ArgumentValue): CheckResult {
  return { ok: true, value };
}

function fail(code: string, message: string, suggestions?: string[]): CheckResult {
  const error: ErrorReply = { kind: 'error', code, message };
  if (suggestions && suggestions.length > 0) error.suggestions = suggestions;
  return { ok: false, error };
}

/** Request and operation ids: six letters and digits, as their cards show them. */
function checkShortId(kind: 'request-id' | 'operation-id', raw: string) {
  if (/^[A-Za-z0-9]{6}$/.test(raw)) return ok(raw.toUpperCase());
  const what =
    kind === 'request-id'
      ? 'a request id: write the six letters and digits shown as Request <id>.'
      : 'an operation id: write the six letters and digits its card shows.';
  return fail('bad-usage', `${quoted(raw)} is not ${what}`);
}
