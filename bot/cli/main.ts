/** Entry point of `npx m365ops <command text>` and `npm run cli -- <command text>`. */
import { runCli } from './run-cli';

// Anything left holding the event loop open (a socket being torn down) must not keep a finished CLI waiting.
const exitGraceMs = 3000;

runCli(process.argv.slice(2)).then(
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
