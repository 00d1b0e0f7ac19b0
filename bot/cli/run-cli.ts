/**
 * `npx m365ops <command text>`: parses the words as one chat command, runs it through the m365ops port as the local
 * operator and prints the reply (with `--dry-run`, its preview). Exit codes: 0 done, 1 refused or failed, 2 bad
 * usage. It composes nothing itself: main.ts (the CLI's composition root) says how to open m365ops.
 */

import { mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { renderCsv } from '../../cards/render-csv';
import { renderReplyText } from '../../cards/render-text';
import { asCodedError, CodedError, isCodedError } from '../../common/coded-error';
import { createLogger, type Logger } from '../../common/logger';
import { createPrettyDestination } from '../../common/pretty-log';
import { listHelpEntries } from '../../core/command-catalog';
import { doctorExitCode, fail, summarizeRows } from '../../core/doctor/doctor-row';
import type { M365ops } from '../../core/m365ops-port';
import type { DoctorReply } from '../../core/reply';
import { parseCommand } from '../commands';
import { readBulkFile } from './bulk-file';
import { beginCliRequest, buildCliContext, confirmDestructive } from './cli-request';

export const exitCodes = { ok: 0, failed: 1, badUsage: 2 } as const;

export interface CliOutput {
  write(text: string): void;
}

/** m365ops opened for one command, closed when it is done. */
export interface OpenedM365ops {
  m365ops: M365ops;
  close(): Promise<void>;
}

export type OpenM365ops = (env: Record<string, string | undefined>, logger: Logger) => Promise<OpenedM365ops>;

export interface CliOptions {
  /** Opens m365ops (the store, the Microsoft client); called only when there is a command to run. */
  open: OpenM365ops;
  env?: Record<string, string | undefined>;
  stdout?: CliOutput;
  stderr?: CliOutput;
  username?: string;
  logger?: Logger;
}

export async function runCli(argv: string[], options: CliOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const print = (out: CliOutput, text: string) => out.write(text.endsWith('\n') ? text : `${text}\n`);

  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    print(stdout, renderUsage());
    return exitCodes.ok;
  }
  const csv = argv.includes('--csv');
  const dryRun = argv.includes('--dry-run');
  const bulkFile = readBulkFile(argv);
  if (bulkFile && !bulkFile.ok) {
    print(stderr, bulkFile.message);
    return exitCodes.badUsage;
  }
  const typed = joinArguments(argv.filter((arg) => arg !== '--csv' && arg !== '--dry-run'));
  const text = asPreview(bulkFile ? bulkFile.text : typed, dryRun);
  if (text === '') {
    print(stderr, renderUsage());
    return exitCodes.badUsage;
  }
  const parsed = parseCommand(text);
  if (!parsed.ok) {
    print(stderr, renderReplyText(parsed.error));
    return exitCodes.badUsage;
  }
  if (csv && parsed.command.name !== 'audit') {
    print(stderr, '`--csv` exports the audit log: m365ops audit <customer> [since <date>] --csv');
    return exitCodes.badUsage;
  }

  const env = options.env ?? process.env;
  let logger: Logger;
  try {
    logger = options.logger ?? createCliLogger(env.LOG_LEVEL, (text) => stderr.write(text), env.LOG_FILE);
  } catch (error) {
    print(stderr, asCodedError(error).message);
    return exitCodes.badUsage;
  }
  let opened: OpenedM365ops;
  try {
    opened = await options.open(env, logger);
  } catch (error) {
    // The doctor's first check is that m365ops can start at all: its report says why not.
    if (parsed.command.name === 'doctor') print(stdout, renderReplyText(unstartableReport(error)));
    else print(stderr, describeFailure(error, logger));
    return exitCodes.failed;
  }
  try {
    // Parse again with the configured plan and customer ids, for "did you mean" on them.
    const withHints = parseCommand(text, await opened.m365ops.parseHints());
    if (!withHints.ok) {
      print(stderr, renderReplyText(withHints.error));
      return exitCodes.failed;
    }
    const context = buildCliContext(options.username);
    const pending = await beginCliRequest(confirmDestructive(withHints.command), context, opened.m365ops.requestKeys);
    const reply = await opened.m365ops.handle(pending.request, (progress) => print(stderr, progress));
    await pending.finish();
    if (reply.kind === 'error') {
      print(stderr, renderReplyText(reply));
      return exitCodes.failed;
    }
    if (csv && reply.kind === 'result' && reply.table) stdout.write(renderCsv(reply.table));
    else if (reply.kind === 'result' && reply.file) {
      // A report is the file itself on stdout (`> report.csv`); what it sums up goes to stderr.
      stdout.write(reply.file.content);
      print(stderr, renderReplyText(reply));
    } else print(stdout, renderReplyText(reply));
    if (reply.kind === 'preview' && reply.outcome === 'refused') return exitCodes.failed;
    return reply.kind === 'doctor' ? doctorExitCode(reply.rows) : exitCodes.ok;
  } catch (error) {
    print(stderr, describeFailure(error, logger));
    return exitCodes.failed;
  } finally {
    await opened.close();
  }
}

/**
 * One argument is the whole line (`m365ops "users contoso"`). Of several, the shell took the quotes off
 * `name "Jane Doe"`: put them back around any argument holding a space.
 */
export function joinArguments(argv: string[]): string {
  if (argv.length === 1) return argv[0]!.trim();
  return argv
    .map((arg) => (/\s/.test(arg.trim()) ? `"${arg.trim().replace(/["\\]/g, '\\$&')}"` : arg.trim()))
    .filter((arg) => arg !== '')
    .join(' ');
}

/** `--dry-run` is `preview <command>`: what the command would do, nothing written (a preview typed as such stays one). */
function asPreview(text: string, dryRun: boolean): string {
  if (!dryRun || text === '' || /^preview(\s|$)/i.test(text)) return text;
  return `preview ${text}`;
}

/** The doctor's report when m365ops cannot start: one ❌ row with the reason. */
function unstartableReport(error: unknown): DoctorReply {
  const rows = [
    fail(
      'Configuration',
      `m365ops cannot start: ${asCodedError(error).message}`,
      'Correct what the sentence names and run the doctor again; docs/setup.md names every setting.',
    ),
  ];
  return { kind: 'doctor', summary: summarizeRows(rows), rows };
}

function describeFailure(error: unknown, logger: Logger): string {
  const coded = asCodedError(error);
  // A sentence of ours is printed as it is, its details (the stack) left to LOG_LEVEL=debug; anything else is logged
  // with its own message, which the printed sentence refers to.
  if (isCodedError(error)) logger.debug({ err: error, code: coded.code }, 'the command failed');
  else logger.error({ err: error, code: coded.code }, 'the command failed');
  return coded.message;
}

export function renderUsage(): string {
  const lines = [
    'Usage: m365ops <command>',
    '',
    'Runs one m365ops command as the local operator, with the store and Microsoft 365 settings of the',
    'environment (MONGODB_URI or DATA_DIR, M365_* or the built-in simulator, M365OPS_CONFIG).',
    'Exit codes: 0 done, 1 refused or failed (doctor: a check failed), 2 bad usage.',
    '',
    'Commands:',
  ];
  for (const entry of listHelpEntries()) lines.push(`  ${entry.usage}`);
  lines.push('', 'Example: m365ops add user jane@contoso.com plan business-premium location GB');
  lines.push(
    'Dry run: m365ops remove user jane@contoso.com --dry-run (the checks and writes it would make, none made)',
  );
  lines.push('Export: m365ops audit contoso [since 2026-03-01] --csv (the whole audit log as CSV on stdout)');
  lines.push("Billing: m365ops report licences contoso [month 2026-11] (the month's seats as CSV on stdout)");
  lines.push(
    'Bulk: m365ops bulk users.csv (a preview), then m365ops bulk run <id> > results.csv (passwords on stderr only)',
  );
  return lines.join('\n');
}

/**
 * The CLI's logs go to stderr: warnings and errors as short sentences, or, with LOG_LEVEL=debug (or trace), every
 * entry as JSON with its stack traces, for a bug report. With LOG_FILE they are appended to that file instead, as
 * JSON lines from LOG_LEVEL (default info) up, and the terminal shows only the command's own answer.
 */
export function createCliLogger(level: string | undefined, write: (text: string) => void, logFile?: string): Logger {
  if (logFile) return createLogger({ level: level ?? 'info', destination: openLogFile(logFile) });
  const verbose = level === 'debug' || level === 'trace';
  if (verbose) return createLogger({ level, destination: { write } });
  return createLogger({ level: level ?? 'warn', destination: createPrettyDestination(write) });
}

/** The file LOG_FILE names, opened for appending (its directory made); a path that cannot be written says so. */
function openLogFile(file: string): { write(line: string): void } {
  let fd: number;
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fd = openSync(file, 'a');
  } catch (error) {
    throw new CodedError(
      'log-file',
      `LOG_FILE ${file} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); name a file in a writable directory, or unset LOG_FILE to log on stderr.`,
      {},
      { cause: error },
    );
  }
  return { write: (line) => writeSync(fd, line) };
}
