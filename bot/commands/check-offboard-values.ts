/** The offboarding words of the grammar: a preset's name, an out-of-office reply, `at <date time>`, default options. */
import type { ArgumentValue } from '../../core/commands/grammar';
import { idPattern } from '../../core/identifiers';
import { echoInput, inputLimits } from '../../core/input-limits';
import { checkOffboardDefaults, checkOffboardTime, type InputCheck } from '../../core/offboarding/check-input';
import type { ErrorReply } from '../../core/reply';
import { formatCount } from '../../core/words';

type CheckResult = { ok: true; value: ArgumentValue } | { ok: false; error: ErrorReply };

export function checkOffboardValue(
  kind: 'preset' | 'message' | 'date-time' | 'offboard-options',
  raw: string,
): CheckResult {
  switch (kind) {
    case 'preset':
      return idPattern.test(raw.toLowerCase())
        ? { ok: true, value: raw.toLowerCase() }
        : failure(`"${echoInput(raw)}" cannot be a preset name: presets are named with letters, digits and dashes.`);
    case 'message':
      return checkMessage(raw);
    case 'date-time':
      return fromCore(checkOffboardTime(raw));
    case 'offboard-options':
      return fromCore(checkOffboardDefaults(raw));
  }
}

function checkMessage(raw: string): CheckResult {
  const message = raw.trim();
  if (!message) return failure('The out-of-office reply is empty: write it in quotes.', 'missing-argument');
  if (message.length > inputLimits.autoReply) {
    return failure(
      `The out-of-office reply is ${formatCount(message.length)} characters; keep it to ${formatCount(inputLimits.autoReply)}.`,
      'too-long',
    );
  }
  return { ok: true, value: message };
}

/** A check core makes (the same sentences for the form and the CLI), as the parser answers it. */
function fromCore(checked: InputCheck<ArgumentValue>): CheckResult {
  return checked.ok ? { ok: true, value: checked.value } : failure(checked.message, 'bad-usage', checked.known);
}

function failure(message: string, code = 'bad-usage', suggestions?: readonly string[]): CheckResult {
  const error: ErrorReply = { kind: 'error', code, message };
  if (suggestions && suggestions.length > 0) error.suggestions = [...suggestions];
  return { ok: false, error };
}
