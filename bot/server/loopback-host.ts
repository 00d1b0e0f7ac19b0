/**
 * Dev mode listens on 127.0.0.1 only, but a web page elsewhere can still reach it through the browser by DNS
 * rebinding (its own host name made to resolve to 127.0.0.1). Such requests carry that page's host name, so in dev
 * mode only requests addressed to this machine by a loopback name are answered.
 */
import type express from 'express';
import { hostNameOf, isLoopbackHostName } from '../../common/loopback';

export function refuseNonLoopbackHost(): express.RequestHandler {
  return (req, res, next) => {
    if (isLoopbackHostName(hostNameOf(req.headers.host))) {
      next();
      return;
    }
    res.status(403).json({
      error: 'In dev mode m365ops answers only requests addressed to this machine (localhost or 127.0.0.1).',
    });
  };
}
