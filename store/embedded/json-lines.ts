/**
 * How the embedded store writes records to disk: JSON with dates tagged as `{ "$date": iso }` so that they come
 * back as Date objects, one record per line in the journal.
 */
import { types } from 'node:util';

export function encodeRecord(value: unknown): string {
  return JSON.stringify(value, function tagDates(this: Record<string, unknown>, key: string, encoded: unknown) {
    const raw = this[key];
    return types.isDate(raw) ? { $date: (raw as Date).toISOString() } : encoded;
  });
}

export function decodeRecord(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = value as { $date?: unknown };
      if (typeof tagged.$date === 'string' && Object.keys(tagged).length === 1) return new Date(tagged.$date);
    }
    return value;
  });
}
