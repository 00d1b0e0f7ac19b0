/**
 * `npm start`: the bot with its HTTP server, background jobs and sync schedule. With no settings it uses the
 * embedded store in ./data and the built-in simulated tenants, and serves the local web chat.
 */
import { isCodedError } from '../../common/coded-error';
import { createApp } from './app';
import { startBackgroundWork } from './background';
import { type Mount, startHttpServer } from './http-server';
import { transportMounts } from './transports';

async function main(): Promise<void> {
  const app = await createApp();
  const mounts: Mount[] = transportMounts(app.env);
  const http = await startHttpServer(app, { mounts });
  app.onClose(() => http.close());
  const background = startBackgroundWork(app);
  app.onClose(() => background.stop());

  const lines = [`m365ops is listening on ${http.url} (store: ${app.store.kind})`];
  if (!app.env.teams.authEnabled) lines.push(`Local web chat: ${http.url}/`);
  if (app.simulator)
    lines.push(`Simulated Microsoft 365 tenants: ${app.simulator.tenants.map((t) => t.domains[0]).join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'stopping');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (isCodedError(error)) {
    process.stderr.write(`m365ops cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(
      `m365ops cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
