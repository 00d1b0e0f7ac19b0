/**
 * What `m365ops doctor` reports: one row per thing checked, each ✅ fine, ⚠️ works but deserves a look, or ❌
 * broken, with one sentence saying what was found and, unless fine, what to do about it. A check is a named
 * piece of work that answers rows; one that throws becomes a ❌ row of its own instead of stopping the others.
 */
import { asCodedError } from '../../common/coded-error';

export type DoctorStatus = 'ok' | 'warn' | 'fail';

export interface DoctorRow {
  status: DoctorStatus;
  /** What was checked: "Store", "Graph permissions". */
  check: string;
  /** What it was checked for, when there are several: a customer's name. */
  subject?: string;
  /** One sentence: what was found. */
  sentence: string;
  /** One sentence: what to do, for a ⚠️ or ❌ row. */
  fix?: string;
}

export interface DoctorCheck {
  check: string;
  run(): Promise<DoctorRow[]>;
}

export const statusIcons: Record<DoctorStatus, string> = { ok: '✅', warn: '⚠️', fail: '❌' };

export const ok = (check: string, sentence: string, subject?: string): DoctorRow => ({
  status: 'ok',
  check,
  sentence,
  ...(subject ? { subject } : {}),
});

export const warn = (check: string, sentence: string, fix: string, subject?: string): DoctorRow => ({
  status: 'warn',
  check,
  sentence,
  fix,
  ...(subject ? { subject } : {}),
});

export const fail = (check: string, sentence: string, fix: string, subject?: string): DoctorRow => ({
  status: 'fail',
  check,
  sentence,
  fix,
  ...(subject ? { subject } : {}),
});

export interface RunOptions {
  /** How many checks run at once (default 4). */
  parallel?: number;
  /** Told of a check that threw, for the log. */
  onError?: (check: string, error: unknown) => void;
}

/** Runs every check, a few at a time, keeping their order in the report. */
export async function runDoctorChecks(checks: readonly DoctorCheck[], options: RunOptions = {}): Promise<DoctorRow[]> {
  const parallel = options.parallel ?? 4;
  const results: DoctorRow[][] = new Array(checks.length);
  let next = 0;
  const worker = async () => {
    while (next < checks.length) {
      const index = next++;
      const check = checks[index]!;
      try {
        results[index] = await check.run();
      } catch (error) {
        options.onError?.(check.check, error);
        const coded = asCodedError(error);
        results[index] = [
          fail(
            check.check,
            `The check could not finish: ${coded.message}`,
            'Run the doctor again; if it fails the same way, the log has the details.',
          ),
        ];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, checks.length) }, worker));
  return results.flat();
}

/** 0 when nothing is broken (warnings allowed), 1 when any row is ❌. */
export function doctorExitCode(rows: readonly DoctorRow[]): 0 | 1 {
  return rows.some((row) => row.status === 'fail') ? 1 : 0;
}

/** "2 problems, 1 warning" / "nothing to fix". */
export function summarizeRows(rows: readonly DoctorRow[]): string {
  const count = (status: DoctorStatus) => rows.filter((row) => row.status === status).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const failures = count('fail');
  const warnings = count('warn');
  if (failures === 0 && warnings === 0) return `all ${plural(rows.length, 'check')} fine`;
  const parts = [];
  if (failures > 0) parts.push(plural(failures, 'problem'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  return parts.join(', ');
}
