/**
 * m365ops as `npm start` runs it: the App, the one HTTP server with the transports the configuration switches on,
 * and the background work. The start-up log says how Teams is served and why; dev mode against a real Microsoft
 * 365 is warned about loudly, at start and every hour, for as long as it runs.
 */
import { type App, type AppOptions, createApp } from './app';
import { startBackgroundWork } from './background';
import { createGraphNotifications } from './graph-notifications';
import { type RunningHttpServer, startHttpServer } from './http-server';
import { transportMounts } from './transports';

/** Runs `task` every `ms` until the returned function is called. */
export type Every = (ms: number, task: () => void) => () => void;

export interface StartServerOptions extends AppOptions {
  /** Default: PORT. */
  port?: number;
  /** The timer of the hourly dev-mode warning (default setInterval). */
  every?: Every;
}

export interface RunningServer {
  app: App;
  http: RunningHttpServer;
  close(): Promise<void>;
}

const hourMs = 60 * 60 * 1000;

const everyInterval: Every = (ms, task) => {
  const timer = setInterval(task, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const app = await createApp(options);
  try {
    // The process itself (CPU, memory, event loop) beside what m365ops counts, in this App's registry.
    app.metrics.collectProcessMetrics();
    const mounts = transportMounts(app.env, options.env ?? process.env);
    const urls = app.env.graphNotifications;
    const notifications = urls ? createGraphNotifications(app, urls) : undefined;
    if (notifications) mounts.push(notifications.mount);
    const http = await startHttpServer(app, { port: options.port, mounts });
    app.onClose(() => http.close());
    const background = startBackgroundWork(app);
    app.onClose(() => background.stop());
    if (notifications) {
      // After the server listens: Graph proves the notification URL by calling it before it subscribes.
      const stopUpkeep = notifications.startUpkeep(options.every ?? everyInterval);
      app.onClose(async () => {
        stopUpkeep();
        await notifications.receiver.idle();
      });
    }
    logTeamsMode(app, http, options.every ?? everyInterval);
    return { app, http, close: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}

function logTeamsMode(app: App, http: RunningHttpServer, every: Every): void {
  const { mode, why, devModeRealTenants } = app.env.teams;
  if (mode === 'off') {
    app.logger.info(`Teams is off: ${why}. POST /api/messages and the web chat are not served.`);
  } else if (mode === 'authenticated') {
    app.logger.info(`Teams is on: ${why}. Every request to POST /api/messages needs a Bot Framework token.`);
  } else if (!devModeRealTenants) {
    app.logger.warn(
      `Teams is in dev mode: ${why}. POST /api/messages needs no authentication and the web chat is on ${http.url}/; listening on 127.0.0.1 only.`,
    );
  } else {
    const warn = () => app.logger.warn(devModeWarning(why, http.url));
    warn();
    const stop = every(hourMs, warn);
    app.onClose(async () => stop());
  }
}

export function devModeWarning(why: string, url: string): string {
  return [
    `!!! DEV MODE AGAINST A REAL MICROSOFT 365 (${why}) !!!`,
    `POST /api/messages and the web chat on ${url}/ accept ANYONE as ANY identity, without authentication,`,
    'and act on real customer tenants. m365ops listens on 127.0.0.1 only. Never run this in production:',
    'unset M365OPS_DEV_MODE and set MicrosoftAppId.',
  ].join(' ');
}
