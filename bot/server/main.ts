/**
 * `npm start`: the bot with its HTTP server, background jobs and sync schedule (bot/server/start-server.ts). With
 * no settings it uses the embedded store in ./data and the built-in simulated tenants, and serves the local web
 * chat in dev mode, on loopback only.
 */
import { isCodedError } from '../../common/coded-error';
import { startServer } from './start-server';

async function main(): Promise<void> {
  const { app, http } = await startServer();

  const lines = [`m365ops is listening on ${http.url} (store: ${app.store.kind})`];
  if (app.env.teams.mode === 'dev') lines.push(`Local web chat (dev mode): ${http.url}/`);
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
