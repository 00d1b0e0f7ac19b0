/**
 * Durations as people type them in commands and settings (design §9): `<n>m`, `<n>h`, `<n>d`, from one minute.
 * Kept in whole minutes: time-boxed admin, request lifetimes and policy limits are never finer than that.
 */

export type DurationCheck = { ok: true; minutes: number } | { ok: false; message: string };

const durationPattern = /^(\d{1,6})\s*(m|h|d)$/i;
const minutesPer = { m: 1, h: 60, d: 24 * 60 } as const;

/** The accepted forms, for error sentences. */
export const durationForms = 'a number followed by m, h or d, such as 30m, 4h or 2d';

export function parseDuration(raw: string): DurationCheck {
  const match = durationPattern.exec(raw.trim());
  if (!match) return { ok: false, message: `write ${durationForms}` };
  const minutes = Number(match[1]) * minutesPer[match[2].toLowerCase() as keyof typeof minutesPer];
  if (minutes < 1) return { ok: false, message: 'the shortest duration is 1m' };
  return { ok: true, minutes };
}

/** "2h", "1d 4h", "45m": the largest units first, nothing for zero parts. */
export function formatDuration(minutes: number): string {
  const days = Math.floor(minutes / minutesPer.d);
  const hours = Math.floor((minutes % minutesPer.d) / minutesPer.h);
  const rest = minutes % minutesPer.h;
  const parts = [days ? `${days}d` : '', hours ? `${hours}h` : '', rest ? `${rest}m` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : '0m';
}
