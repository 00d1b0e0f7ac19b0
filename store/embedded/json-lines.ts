/**
 * How the embedded store writes records to disk: JSON with dates tagged as `{ "$date": iso }` so that they come
 * back as Date objects, one record per line in the journal and the snapshot. Dates are tagged and restored by a
 * walk of the record rather than a replacer or reviver function, which JSON calls for every value and which made
 * encoding and decoding three times slower.
 */
import { types } from 'node:util';

export function encodeRecord(value: unknown): string {
  return JSON.stringify(tagDates(value));
}

export function decodeRecord(text: string): unknown {
  return restoreDates(JSON.parse(text));
}

/** A copy with every Date replaced by its tag; only objects and arrays holding one are copied. */
function tagDates(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (types.isDate(value)) return { $date: (value as Date).toISOString() };
  if (Array.isArray(value)) {
    const tagged = value.map(tagDates);
    return tagged.some((item, i) => item !== value[i]) ? tagged : value;
  }
  // Anything else JSON would turn into something of its own choosing stays as it is.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const tagged = tagDates(item);
    if (tagged === item) continue;
    // Spread defines own properties, so a key named __proto__ stays a plain key (and is then assigned as one).
    copy ??= { ...(value as Record<string, unknown>) };
    copy[key] = tagged;
  }
  return copy ?? value;
}

/** Replaces, in place, every `{ "$date": iso }` (that key alone) of freshly parsed JSON with a Date. */
function restoreDates(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const restored = restoreDates(value[i]);
      if (restored !== value[i]) value[i] = restored;
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === '$date' && typeof record.$date === 'string') return new Date(record.$date);
  for (const key of keys) {
    const restored = restoreDates(record[key]);
    // Only Dates are new: assigning the same value back would be wasted work.
    if (restored !== record[key]) record[key] = restored;
  }
  return value;
}
