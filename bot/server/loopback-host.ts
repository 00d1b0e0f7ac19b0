/**
 * Dev mode listens on 127.0.0.1 only, but a web page elsewhere can still reach it through the browser by DNS
 * rebinding (its own host name made to resolve to 127.0.0.1). Such requests carry that page's host name, so in dev
 * mode only requests addressed to this machine by a loopback name are answered.
 */
import type express from 'express';

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host name of a Host header, without its port: "localhost:3978" → "localhost", "[::1]:3978" → "[::1]". */
export function hostNameOf(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

export function refuseNonLoopbackHost(): express.RequestHandler {
  return (req, res, next) => {
    if (loopbackNames.has(hostNameOf(req.headers.host))) {
      next();
      return;
    }
    res.status(403).json({
      error: 'In dev mode m365ops answers only requests addressed to this machine (localhost or 127.0.0.1).',
    });
  };
}
