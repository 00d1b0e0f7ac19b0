/**
 * One description per command: its words and grammar, the effects that decide the role it needs, its help text
 * and example, and whether a button may carry it. The parser's routes, help, authorisation, dispatch, the button
 * schemas and the CLI's rules are all derived from these; only the handler function is bound elsewhere
 * (handlers/dispatch.ts, typed over every command name, so a spec without a handler does not compile).
 */
import type { Command, CommandName, FormName } from '../request';
import type { Effect } from './effects';
import type { ArgumentSpec, OptionSpec, Values } from './grammar';

export type CommandOf<N extends CommandName> = Extract<Command, { name: N }>;

export interface TextForm<N extends CommandName> {
  /** In order after the command words. */
  arguments: ArgumentSpec[];
  /** In any order after the arguments. */
  options: OptionSpec[];
  /** (`Command & { name: N }` rather than CommandOf<N>, so a spec of one command is a spec of any.) */
  build(values: Values): Command & { name: N };
  /** Tried after the specs with the same words (the form opener after its full command). */
  fallback?: boolean;
}

export interface CommandSpec<N extends CommandName = CommandName> {
  name: N;
  /** The command words, lower case, as typed: ['add', 'user']. Empty for commands only cards and buttons send. */
  words: string[];
  usage: string;
  description: string;
  example: string;
  /** Shown by `help`; false for what only cards and buttons send. */
  listed: boolean;
  /** How a refusal names what was asked: "Adding users needs the helpdesk role". */
  action: string;
  /** What the command always does (core/commands/effects.ts gives each its role); options may add more. */
  effects: readonly Effect[];
  /** Anyone may run it, even with no role (help). */
  open?: boolean;
  /** The text grammar; absent for what only cards and buttons send. */
  text?: TextForm<N>;
  /** A `run` button may carry it; its strict shape is derived from `text` (core/commands/button-commands.ts). */
  button?: boolean;
  /** Chat asks for a confirmation first and the command then carries `confirmed`; the CLI sends it confirmed. */
  confirms?: boolean;
  /** The form whose submission runs it: a submitted form is authorised and audited as this command. */
  submittedBy?: FormName;
}

export type CommandSpecs = { readonly [N in CommandName]: CommandSpec<N> };
