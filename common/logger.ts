import pino from 'pino';
import { currentRequestId } from './request-scope';

/**
 * Structured JSON logs. Redaction is a safety net: code must still never pass a password or a secret to a
 * log call, but if one slips into a known field it is censored rather than written.
 */
export const redactedPaths = [
  'password',
  '*.password',
  '*.*.password',
  'passwordProfile',
  '*.passwordProfile',
  'temporaryPassword',
  '*.temporaryPassword',
  'clientSecret',
  '*.clientSecret',
  'client_secret',
  'access_token',
  '*.access_token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'token',
  '*.token',
];

export type Logger = pino.Logger;

export function createLogger(
  options: { level?: string; name?: string; destination?: pino.DestinationStream } = {},
): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  return pino(
    {
      name: options.name ?? 'm365ops',
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      // Every line written while a request is handled names it (common/request-scope.ts).
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    options.destination,
  );
}
