import { types } from 'node:util';

/**
 * Records handed out never share references with the store's memory. A plain deep copy of JSON-like data and
 * Dates; structuredClone is not used because its Dates come from Node's own realm, which `instanceof Date` in
 * another realm (a jest sandbox, a vm) does not recognise.
 */
export function copyOf<T>(value: T): T {
  return copyValue(value) as T;
}

function copyValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (types.isDate(value)) return new Date((value as Date).getTime());
  if (Array.isArray(value)) return value.map(copyValue);
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) copy[key] = copyValue(entry);
  return copy;
}

export function byTime(a: Date, b: Date): number {
  return a.getTime() - b.getTime();
}
