/**
 * In dev mode nobody authenticates the caller of /api/messages, so the serviceUrl an activity names (where the bot
 * sends its replies) is not to be trusted: replies go only to the web chat's own connector on this server
 * (loopback, this server's port, under /devchat/) or to the one configured DEV_CONNECTOR_URL. Any other activity
 * is refused before it is processed, so nothing is run and nothing is sent.
 */
import type express from 'express';
import type { Logger } from '../../common/logger';
import { isLoopbackHostName } from '../../common/loopback';

const webChatConnectorPath = '/devchat/';

export function isAllowedDevServiceUrl(serviceUrl: unknown, ownPort: number | undefined, devConnectorUrl?: string) {
  if (typeof serviceUrl !== 'string') return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (devConnectorUrl && isUnder(url, new URL(devConnectorUrl))) return true;
  return (
    url.protocol === 'http:' &&
    isLoopbackHostName(url.hostname) &&
    Number(url.port || 80) === ownPort &&
    url.pathname.startsWith(webChatConnectorPath)
  );
}

/** Same origin, and the path is the base path or below it (`/a` does not cover `/ab`). */
function isUnder(url: URL, base: URL): boolean {
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return url.origin === base.origin && (url.pathname === base.pathname || url.pathname.startsWith(basePath));
}

/** Express middleware for POST /api/messages in dev mode (after the JSON body parser). */
export function refuseForeignServiceUrl(devConnectorUrl: string | undefined, logger: Logger): express.RequestHandler {
  return (req, res, next) => {
    const serviceUrl: unknown = req.body?.serviceUrl;
    if (isAllowedDevServiceUrl(serviceUrl, req.socket.localPort, devConnectorUrl)) {
      next();
      return;
    }
    logger.warn(
      { serviceUrl: String(serviceUrl).slice(0, 200) },
      'dev mode: refused an activity whose serviceUrl is neither the web chat nor DEV_CONNECTOR_URL',
    );
    res.status(403).json({
      error:
        'In dev mode m365ops replies only to its own web chat or to DEV_CONNECTOR_URL, and this activity names another serviceUrl; nothing was run.',
    });
  };
}
