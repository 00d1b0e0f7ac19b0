import { CodedError } from '../common/coded-error';

/** A bad setting: the message names the key, the value and what is allowed. The process stops on it. */
export class ConfigError extends CodedError<'bad-config'> {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('bad-config', message, details);
  }
}

/** Values are shown in messages, but never the value of a secret. */
export function describeValue(key: string, value: unknown): string {
  if (/secret|password|token|uri/i.test(key) && typeof value === 'string' && value !== '') return '(hidden)';
  return JSON.stringify(value);
}
