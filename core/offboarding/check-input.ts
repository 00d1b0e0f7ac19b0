/**
 * The offboarding input checks that need nothing but the text (the parser's and the form's): a time as
 * `YYYY-MM-DD HH:MM` in the process's time zone (UTC unless TZ is set, design §9), and the options a customer's
 * defaults may hold. Sentences say what would be right and list what is known.
 */
import { isOffboardOption, type OffboardOptionName, offboardOptionNames, valuedOffboardOptions } from './options';

export type InputCheck<T> = { ok: true; value: T } | { ok: false; message: string; known?: readonly string[] };

const timePattern = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/;

/** The instant `YYYY-MM-DD HH:MM` names in the process's time zone, or undefined when it names none. */
export function parseOffboardTime(text: string): Date | undefined {
  const match = timePattern.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const at = new Date(year, month - 1, day, hour, minute);
  const same =
    at.getFullYear() === year &&
    at.getMonth() === month - 1 &&
    at.getDate() === day &&
    at.getHours() === hour &&
    at.getMinutes() === minute;
  return same ? at : undefined;
}

export function checkOffboardTime(raw: string): InputCheck<string> {
  const at = parseOffboardTime(raw);
  if (at) return { ok: true, value: raw.trim().replace('T', ' ') };
  return {
    ok: false,
    message: `"${raw}" is not a date and time: write it as YYYY-MM-DD HH:MM (24-hour, ${zoneName()}), such as 2026-03-31 17:00.`,
  };
}

/** The process's time zone as replies name it: "UTC", or TZ's name (Europe/London). */
export function zoneName(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone === 'Etc/UTC' || zone === 'UTC' || !zone ? 'UTC' : zone;
}

/** "2026-03-31 17:00 Europe/London": a time in the process's zone, as it was typed, with the zone. */
export function formatInZone(at: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  return `${date} ${pad(at.getHours())}:${pad(at.getMinutes())} ${zoneName()}`;
}

/** `policy <customer> offboard …`: options without values, or none. */
export function checkOffboardDefaults(raw: string): InputCheck<OffboardOptionName[]> {
  if (raw.trim().toLowerCase() === 'none') return { ok: true, value: [] };
  const names = raw
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const allowed = offboardOptionNames.filter((name) => !valuedOffboardOptions.includes(name));
  for (const name of names) {
    if (!isOffboardOption(name)) return unknownOption(name, allowed);
    if (valuedOffboardOptions.includes(name)) {
      return {
        ok: false,
        message: `${name} needs a value for each leaver, so it cannot be a default; put it in a preset, or tick it on the form. Defaults may be: ${allowed.join(', ')}.`,
        known: allowed,
      };
    }
  }
  if (names.length === 0)
    return { ok: false, message: 'Name at least one offboarding option, or none.', known: allowed };
  return { ok: true, value: offboardOptionNames.filter((name) => names.includes(name)) };
}

/** "xyz is not an offboarding option. The options are: …". */
export function unknownOption(name: string, known: readonly string[] = offboardOptionNames): InputCheck<never> {
  return { ok: false, message: `"${name}" is not an offboarding option. The options are: ${known.join(', ')}.`, known };
}
