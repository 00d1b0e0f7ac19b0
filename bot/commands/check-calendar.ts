/** The calendar words of the grammar: a date (`since 2026-03-01`), a month (`month 2026-11`), a schedule (`weekly`). */
import type { ArgumentValue } from '../../core/commands/grammar';
import { echoInput } from '../../core/input-limits';
import type { ErrorReply } from '../../core/reply';

type CheckResult = { ok: true; value: ArgumentValue } | { ok: false; error: ErrorReply };

export function checkCalendar(kind: 'date' | 'month' | 'schedule', raw: string): CheckResult {
  if (kind === 'schedule') {
    const value = raw.toLowerCase();
    return value === 'weekly' || value === 'off'
      ? { ok: true, value }
      : failure(`"${echoInput(raw)}" is not a schedule: write weekly, or off.`);
  }
  if (kind === 'month') {
    return /^\d{4}-(0[1-9]|1[0-2])$/.test(raw)
      ? { ok: true, value: raw }
      : failure(`"${echoInput(raw)}" is not a month: write it as YYYY-MM, such as 2026-11.`);
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`))
    ? { ok: true, value: raw }
    : failure(`"${echoInput(raw)}" is not a date: write it as YYYY-MM-DD, such as 2026-03-01.`);
}

function failure(message: string): CheckResult {
  return { ok: false, error: { kind: 'error', code: 'bad-usage', message } };
}
