/**
 * The `state` of an admin-consent link: signed (HMAC-SHA256), expiring, bound to the customer and the requester,
 * with a nonce. Entra hands it back on the redirect; only a state we signed, unexpired, is believed, and only once:
 * its nonce is recorded when the link is made and consumed by the first callback (store ConsentLinkRepo).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ConsentClaims {
  customerId: string;
  requestedBy: string;
  nonce: string;
  expiresAt: number;
}

/** A fresh nonce for a link: recorded in the store, consumed by the one callback that may use it. */
export function newConsentNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function signConsentState(claims: ConsentClaims, key: string): string {
  const payload = Buffer.from(
    JSON.stringify({ c: claims.customerId, r: claims.requestedBy, n: claims.nonce, e: claims.expiresAt }),
  ).toString('base64url');
  return `${payload}.${mac(payload, key)}`;
}

export type ConsentStateCheck =
  | { ok: true; claims: ConsentClaims }
  | { ok: false; reason: 'invalid' | 'expired'; claims?: ConsentClaims };

export function readConsentState(state: string | undefined, key: string, now: Date): ConsentStateCheck {
  if (!state) return { ok: false, reason: 'invalid' };
  const [payload, signature, extra] = state.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(mac(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
  let parsed: { c?: unknown; r?: unknown; n?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' }; // signed by us yet unreadable: treat as forged
  }
  if (
    typeof parsed.c !== 'string' ||
    typeof parsed.r !== 'string' ||
    typeof parsed.n !== 'string' ||
    typeof parsed.e !== 'number'
  ) {
    return { ok: false, reason: 'invalid' };
  }
  const claims: ConsentClaims = { customerId: parsed.c, requestedBy: parsed.r, nonce: parsed.n, expiresAt: parsed.e };
  if (now.getTime() > claims.expiresAt) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

function mac(payload: string, key: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
