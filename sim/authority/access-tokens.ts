import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID, sign, verify } from 'node:crypto';

/**
 * RS256 access tokens signed by a key made at start, shaped like Entra's app-only tokens (tid, aud, roles,
 * appid, iat, nbf, exp, iss), and their verification for the Graph and Exchange endpoints.
 */

export interface AccessClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  azp: string;
  oid: string;
  sub: string;
  idtyp: 'app';
  roles?: string[];
  iat: number;
  nbf: number;
  exp: number;
  uti: string;
  ver: '1.0';
}

export type TokenCheck = { ok: true; claims: AccessClaims } | { ok: false; message: string };

export interface TokenIssuer {
  issue(claims: Omit<AccessClaims, 'iat' | 'nbf' | 'exp' | 'uti' | 'ver' | 'idtyp'>, lifetimeSeconds: number): string;
  check(token: string | undefined, audience: string): TokenCheck;
  jwks(): { keys: object[] };
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function createTokenIssuer(now: () => number): TokenIssuer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(12).toString('base64url');
  const publicJwk = publicKey.export({ format: 'jwk' }) as { n: string; e: string };

  const verifyWith = (key: KeyObject, data: string, signature: string) =>
    verify('RSA-SHA256', Buffer.from(data), key, Buffer.from(signature, 'base64url'));

  return {
    issue(claims, lifetimeSeconds) {
      const issuedAt = Math.floor(now() / 1000);
      const header = encode({ typ: 'JWT', alg: 'RS256', kid, x5t: kid });
      const payload = encode({
        ...claims,
        idtyp: 'app',
        ver: '1.0',
        iat: issuedAt,
        nbf: issuedAt,
        exp: issuedAt + lifetimeSeconds,
        uti: randomUUID().replace(/-/g, '').slice(0, 22),
      });
      const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
    check(token, audience) {
      if (!token) return { ok: false, message: 'Access token is empty.' };
      const parts = token.split('.');
      if (parts.length !== 3) return { ok: false, message: 'IDX14100: JWT is not well formed, there are no dots (.).' };
      const [header, payload, signature] = parts as [string, string, string];
      if (!verifyWith(publicKey, `${header}.${payload}`, signature)) {
        return { ok: false, message: 'Access token validation failure. Invalid signature.' };
      }
      let claims: AccessClaims;
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AccessClaims;
      } catch {
        return { ok: false, message: 'Access token validation failure.' };
      }
      const seconds = Math.floor(now() / 1000);
      if (claims.exp <= seconds || claims.nbf > seconds + 300) {
        return { ok: false, message: 'Lifetime validation failed, the token is expired.' };
      }
      if (claims.aud !== audience) return { ok: false, message: 'Access token validation failure. Invalid audience.' };
      return { ok: true, claims };
    },
    jwks() {
      return { keys: [{ kty: 'RSA', use: 'sig', kid, x5t: kid, n: publicJwk.n, e: publicJwk.e, alg: 'RS256' }] };
    },
  };
}
