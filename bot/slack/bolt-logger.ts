/** Bolt and its WebClient log through our pino logger (with its redaction), not to the console. */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../common/logger';

export function createBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  // Bolt passes printf-like pieces; errors keep their stack in `err`.
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...pieces: unknown[]) => {
      const error = pieces.find((piece) => piece instanceof Error);
      const text = pieces
        .filter((piece) => !(piece instanceof Error))
        .map(String)
        .join(' ');
      if (error) child[level]({ err: error }, text);
      else child[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined, // the level is LOG_LEVEL's, set once for the whole process
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}
