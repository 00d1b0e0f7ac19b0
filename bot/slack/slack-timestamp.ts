/**
 * Bolt refuses a request stamped more than 5 minutes in the past, not one stamped in the future: a captured
 * request stamped ahead could be replayed for as long as that. This refuses it too (401, as Bolt answers a bad
 * signature) before Bolt reads the body; Bolt still checks the signature and the past.
 */
import type express from 'express';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/logger';

const maxSkewSeconds = 5 * 60;

export function refuseFutureTimestamps(logger: Logger, clock: Clock): express.RequestHandler {
  return (request, response, next) => {
    const stamped = Number(request.get('x-slack-request-timestamp'));
    const now = Math.floor(clock.now().getTime() / 1000);
    if (Number.isFinite(stamped) && stamped > now + maxSkewSeconds) {
      logger.warn({ stamped, now }, 'refused a Slack request stamped more than 5 minutes in the future');
      response.status(401).send();
      return;
    }
    next();
  };
}
