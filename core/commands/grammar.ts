/**
 * The words of the text grammar: what kind of value each argument and option takes, and the arguments many
 * commands share. The parser (bot/commands) reads these from the command specs and checks the values.
 */
import type { Command } from '../request';

export type ValueKind =
  | 'upn'
  | 'address'
  | 'plan'
  | 'customer'
  | 'new-id'
  | 'text'
  /** A new user's display name: text, never an address (that is a UPN). */
  | 'display-name'
  /** Group display names or ids: `"Sales","All Staff"`, or none. */
  | 'group-names'
  | 'username-format'
  | 'domain'
  | 'location'
  | 'number'
  | 'role'
  | 'access-op'
  | 'identity'
  | 'tenant'
  | 'skus'
  | 'kinds'
  | 'kind'
  | 'page'
  | 'duration'
  | 'reason'
  | 'ticket'
  | 'allow-deny'
  | 'request-id'
  | 'discrepancy-id'
  | 'operation-id'
  | 'approval-effects'
  | 'date'
  /** `YYYY-MM`, such as 2026-11. */
  | 'month'
  /** `weekly` or `off`. */
  | 'schedule'
  /** A customer's id, or `all`. */
  | 'customer-or-all'
  /** An offboarding preset's name. */
  | 'preset'
  /** A message people will read (an out-of-office reply): quoted, or running on to the next option word. */
  | 'message'
  /** `YYYY-MM-DD HH:MM`, two words. */
  | 'date-time'
  /** Offboarding options without values, separated by commas, or none. */
  | 'offboard-options';

export interface ArgumentSpec {
  key: string;
  /** 'rest': the words left on the line; 'command': those words read as a whole command (`preview <command>`). */
  kind: ValueKind | 'rest' | 'command';
  /** How the argument is named in messages: "the user's UPN". */
  label: string;
  optional?: boolean;
}

export interface OptionSpec {
  word: string;
  key: string;
  /** 'flag' takes no value. */
  kind: ValueKind | 'flag';
  label: string;
  required?: boolean;
  repeatable?: boolean;
}

export type ArgumentValue = string | number | boolean | string[] | Command;

export type Values = Record<string, ArgumentValue | undefined>;

export const upnArgument: ArgumentSpec = { key: 'upn', kind: 'upn', label: "the user's UPN (name@domain)" };
export const customerArgument: ArgumentSpec = { key: 'customerId', kind: 'customer', label: 'the customer id' };
export const optionalCustomer: ArgumentSpec = { ...customerArgument, optional: true };
export const customerOption: OptionSpec = {
  word: 'customer',
  key: 'customerId',
  kind: 'customer',
  label: 'the customer id',
};

export const text = (value: ArgumentValue | undefined) => value as string;
export const optionalText = (value: ArgumentValue | undefined) => value as string | undefined;

/** Optional fields are absent, not undefined, so Commands compare and serialise cleanly. */
export function withDefined<T extends object>(command: T): T {
  return Object.fromEntries(Object.entries(command).filter(([, value]) => value !== undefined)) as T;
}
