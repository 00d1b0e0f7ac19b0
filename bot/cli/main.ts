/**
 * Entry point of `npx m365ops <command text>` and `npm run cli -- <command text>`: the CLI's composition root,
 * which opens m365ops (the store, the Microsoft client) for run-cli.ts only when there is a command to run.
 */
import { type OpenM365ops, runCli } from './run-cli';

const open: OpenM365ops = async (env, logger) => {
  // Loaded only when there is a command to run, so usage errors answer at once.
  const { createApp } = await import('../server/app');
  return createApp({ env, logger });
};

// Anything left holding the event loop open (a socket being torn down) must not keep a finished CLI waiting.
const exitGraceMs = 3000;

runCli(process.argv.slice(2), { open }).then(
  (code) => finish(code),
  (error: unknown) => {
    process.stderr.write(`m365ops: ${error instanceof Error ? error.message : String(error)}\n`);
    finish(1);
  },
);

function finish(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), exitGraceMs).unref();
}
