/** The plan-template words of the grammar: a new user's display name, group names, a username format, a domain. */
import { isDomainName } from '../../core/addresses';
import type { ArgumentValue, ValueKind } from '../../core/commands/grammar';
import { echoInput, inputLimits } from '../../core/input-limits';
import type { ErrorReply } from '../../core/reply';
import { usernameFormats } from '../../store/types';
import { findNearMisses } from './near-miss';

type CheckResult = { ok: true; value: ArgumentValue } | { ok: false; error: ErrorReply };

const planKinds = ['display-name', 'group-names', 'username-format', 'domain'] as const;
type PlanValueKind = (typeof planKinds)[number];

export function isPlanValueKind(kind: ValueKind): kind is PlanValueKind {
  return (planKinds as readonly string[]).includes(kind);
}

export function checkPlanValue(kind: PlanValueKind, raw: string): CheckResult {
  switch (kind) {
    case 'display-name':
      return checkDisplayName(raw);
    case 'group-names':
      return checkGroupNames(raw);
    case 'username-format': {
      const format = raw.toLowerCase();
      if ((usernameFormats as readonly string[]).includes(format)) return { ok: true, value: format };
      const near = findNearMisses(format, usernameFormats);
      return failure(
        `"${echoInput(raw)}" is not a username format: write first.last (jane.doe), f.last (j.doe), firstl (janed) or first (jane).`,
        near.length > 0 ? near : [...usernameFormats],
      );
    }
    case 'domain': {
      const domain = raw.trim().toLowerCase();
      return isDomainName(domain)
        ? { ok: true, value: domain }
        : failure(`"${echoInput(raw)}" is not a domain: write a domain name such as contoso.com.`);
    }
  }
}

/**
 * A name of two words or more with no @: one word, or an address, is a UPN typed wrong (`add user jane plan …`),
 * and `add user <upn>` says what is wrong with it (`wrong-form` is never preferred to that route's refusal).
 */
function checkDisplayName(raw: string): CheckResult {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name.includes('@') || !name.includes(' ')) {
    return failure(
      `"${echoInput(name)}" is neither a UPN nor a first and last name: write the UPN (\`add user jane.doe@contoso.com plan …\`) or the name in quotes (\`add user "Jane Doe" plan …\`).`,
      [],
      'wrong-form',
    );
  }
  if (name.length > inputLimits.displayName) {
    return failure(`The display name is too long for Microsoft Entra: "${echoInput(name, inputLimits.displayName)}".`);
  }
  return { ok: true, value: name };
}

/**
 * `"Sales","All Staff"` (the tokenizer keeps the inner quotes of such a word), or `Sales,Finance`, or `none` to
 * join no group.
 */
function checkGroupNames(raw: string): CheckResult {
  if (raw.trim().toLowerCase() === 'none') return { ok: true, value: [] };
  const names = (/["“”]\s*,\s*["“”]/.test(raw) ? raw.split(/["“”]\s*,\s*["“”]/) : raw.split(','))
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (names.length === 0) {
    return failure(
      'Name at least one group, in quotes and separated by commas, such as "Sales","All Staff" (or none).',
    );
  }
  return { ok: true, value: [...new Set(names)] };
}

function failure(message: string, suggestions: readonly string[] = [], code = 'bad-usage'): CheckResult {
  const error: ErrorReply = { kind: 'error', code, message };
  if (suggestions.length > 0) error.suggestions = [...suggestions];
  return { ok: false, error };
}
