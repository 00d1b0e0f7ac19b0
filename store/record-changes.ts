/**
 * Applying partial updates the same way in both adapters: a key given with the value `undefined` removes the field
 * (MongoDB's $unset), so optional fields stay absent rather than null.
 */

export function applyChanges<T extends object>(record: T, changes: object): T {
  const result = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete result[key];
    else result[key] = value;
  }
  return result as T;
}

/** Splits changes into MongoDB's $set and $unset documents. */
export function splitChanges(changes: object): { set: Record<string, unknown>; unset: Record<string, ''> } {
  const set: Record<string, unknown> = {};
  const unset: Record<string, ''> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) unset[key] = '';
    else set[key] = value;
  }
  return { set, unset };
}

/** Drops keys whose value is undefined (what a caller passes for "absent"). */
export function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** UPNs are case-insensitive in Entra ID: this is how both adapters compare them. */
export function upnKey(upn: string): string {
  return upn.toLowerCase();
}

/** Operation step names become field paths in MongoDB, so they are plain words. */
export function assertStepName(step: string): void {
  if (step.length === 0 || step.includes('.') || step.startsWith('$')) {
    throw new TypeError(`Operation step name "${step}" must be non-empty, without dots, and not start with $.`);
  }
}
