/** A real logger whose lines the test can read: what an operator would find in the log. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../common/logger';

export interface LogLine {
  level: number;
  msg: string;
  err?: { stack?: string };
  [field: string]: unknown;
}

/** pino's numeric levels: 50 is error, 60 fatal. */
export const errorLevel = 50;

export interface CapturedLogs {
  logger: Logger;
  lines: LogLine[];
}

export function captureLogs(level = 'info'): CapturedLogs {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines };
}
