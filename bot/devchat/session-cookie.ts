/**
 * The web chat's session cookie: HttpOnly (the page's scripts never hold the token) and SameSite=Strict (no other
 * site can make a browser send it), scoped to the whole origin because the page and its endpoints share it.
 */
import type express from 'express';

export const sessionCookieName = 'devchat_session';

export function readSessionToken(req: express.Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const cut = part.indexOf('=');
    if (cut !== -1 && part.slice(0, cut).trim() === sessionCookieName) return part.slice(cut + 1).trim() || undefined;
  }
  return undefined;
}

export function setSessionCookie(res: express.Response, token: string): void {
  res.cookie(sessionCookieName, token, { httpOnly: true, sameSite: 'strict', path: '/' });
}
