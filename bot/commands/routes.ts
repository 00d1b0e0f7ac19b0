/**
 * The grammar of every text command, derived from the command specs (core/commands): a route is a spec's words,
 * its arguments in order, the options that may follow in any order, and how the values become a Command. Routes
 * sharing words are tried in order: the full form first, a `fallback` (the form opener) after it.
 */
import { orderedSpecs } from '../../core/commands';
import type { ArgumentSpec, OptionSpec, Values } from '../../core/commands/grammar';
import type { ErrorReply } from '../../core/reply';
import type { Command, CommandName } from '../../core/request';
import type { Token } from './tokenize';

export type { ArgumentSpec, OptionSpec, Values };

export interface Route {
  name: CommandName;
  words: string[];
  arguments: ArgumentSpec[];
  options: OptionSpec[];
  build(values: Values): Command;
}

function textRoutes(): Route[] {
  const typed = orderedSpecs.flatMap((spec) =>
    spec.text ? [{ spec, text: spec.text, phrase: spec.words.join(' ') }] : [],
  );
  const ordered = typed.filter((entry) => !entry.text.fallback);
  for (const fallback of typed.filter((entry) => entry.text.fallback)) {
    const last = ordered.map((entry) => entry.phrase).lastIndexOf(fallback.phrase);
    ordered.splice(last === -1 ? ordered.length : last + 1, 0, fallback);
  }
  return ordered.map(({ spec, text }) => ({
    name: spec.name,
    words: spec.words,
    arguments: text.arguments,
    options: text.options,
    build: text.build,
  }));
}

export const routes: readonly Route[] = textRoutes();

/**
 * Of routes sharing words, those whose required option words were all typed go first (`add user … like …` is the
 * copy, not an add user missing its plan), so a refusal speaks of the command that was meant.
 */
export function typedRequiredFirst(candidates: Route[], tokens: Token[]): Route[] {
  const meant = (route: Route) => typedItsRequired(route, tokens);
  return [...candidates.filter(meant), ...candidates.filter((route) => !meant(route))];
}

/** Whether every required option word of the route was typed (and it has some). */
export function typedItsRequired(route: Route, tokens: Token[]): boolean {
  const typed = new Set(tokens.filter((token) => !token.quoted).map((token) => token.text.toLowerCase()));
  const required = route.options.filter((option) => option.required);
  return required.length > 0 && required.every((option) => typed.has(option.word));
}

/**
 * Of two refusals by commands sharing words, whether the later says better what was wrong: one that knew the option
 * over "not an option"; never a value that only shows the line is the other form (`wrong-form`); and a form that
 * read its arguments and misses an option over one that could not read them (`add user "Jane Doe"` needs a plan).
 */
export function outranks(later: ErrorReply, first: ErrorReply): boolean {
  const weaker = ['unknown-option', 'wrong-form'];
  if (weaker.includes(first.code)) return !weaker.includes(later.code);
  return first.code === 'bad-upn' && later.code === 'missing-argument';
}
