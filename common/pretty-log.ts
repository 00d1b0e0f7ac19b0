/**
 * Logs for a person at a terminal: one short line per entry ("m365ops warn: could not read the tenant: …"), the
 * error's message without its stack, instead of pino's JSON. The CLI writes these to stderr unless LOG_LEVEL=debug
 * asks for everything as JSON.
 */
import type { DestinationStream } from 'pino';

const levelNames: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

export function createPrettyDestination(write: (text: string) => void): DestinationStream {
  return { write: (line: string) => write(formatLogLine(line)) };
}

/** One JSON log line as a sentence; a line that is not JSON is passed on as it is. */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = levelNames[Number(entry.level)] ?? 'log';
  const err = entry.err as { message?: unknown } | undefined;
  const detail = typeof err?.message === 'string' && err.message !== '' ? `: ${err.message}` : '';
  return `${String(entry.name ?? 'm365ops')} ${level}: ${String(entry.msg ?? '')}${detail}\n`;
}
