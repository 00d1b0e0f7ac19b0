/** Request ids people type (`cancel request K7M2QX`): six letters and digits, none that read alike (0/O, 1/I/L). */
import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newRequestId(): string {
  return Array.from(randomBytes(6), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** How both adapters key an id: as typed, in any case. */
export function requestIdKey(id: string): string {
  return id.trim().toUpperCase();
}
