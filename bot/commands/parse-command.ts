/**
 * Turns a line of text (a Teams message, a Slack `/m365` command, a web chat line, CLI arguments) into a Command,
 * or an ErrorReply that says what was wrong and what would be right. Words are case-insensitive; arguments come
 * in order after the command words, options after them in any order; `customer <id>` may follow any command.
 */
import { commandCatalog, findCatalogEntry } from '../../core/command-catalog';
import { describeTooLong, echoInput, inputLimits } from '../../core/input-limits';
import type { ErrorReply } from '../../core/reply';
import type { Command } from '../../core/request';
import { type CheckResult, checkValue, type ParseHints, type ValueKind } from './check-values';
import { findClosest, findNearMisses } from './near-miss';
import { normaliseLine, readPastedCsv } from './normalise-line';
import { readCommand } from './read-command';
import {
  type ArgumentSpec,
  outranks,
  type Route,
  routes,
  typedItsRequired,
  typedRequiredFirst,
  type Values,
} from './routes';
import { type Token, tokenize } from './tokenize';

export type { ParseHints } from './check-values';

/** Kinds whose unquoted value runs on to the next option word (`name Jane Doe location GB`). */
const runsOn: readonly ValueKind[] = ['text', 'message', 'display-name', 'group-names'];

export type ParseResult = { ok: true; command: Command } | { ok: false; error: ErrorReply };

const helpHint = 'Type `help` to see every command.';

export function parseCommand(text: string, hints: ParseHints = {}): ParseResult {
  // A CSV pasted after `bulk` is a file's content, not words: it keeps its lines and has the file's limits.
  const pasted = readPastedCsv(text);
  if (pasted !== undefined) return { ok: true, command: { name: 'bulk', csv: pasted } };
  // Before anything else: no work is spent on a line longer than any command.
  if (text.length > inputLimits.command) {
    return failure(
      'too-long',
      `${describeTooLong('That command', text.length, inputLimits.command)} Nothing was done. ${helpHint}`,
    );
  }
  const tokenized = tokenize(normaliseLine(text));
  if (!tokenized.ok) return failure('bad-usage', tokenized.message);
  const tokens = tokenized.tokens;
  if (tokens.length === 0) {
    return failure('unknown-command', `Type a command, such as \`users contoso\` or \`add user\`. ${helpHint}`, [
      'help',
      'add user',
      'users',
    ]);
  }
  const candidates = typedRequiredFirst(matchRoutes(tokens), tokens);
  if (candidates.length === 0) return refuseUnknownCommand(tokens);

  let firstError: ErrorReply | undefined;
  let firstMeant = false;
  for (const route of candidates) {
    const parsed = parseArguments(route, tokens.slice(route.words.length), hints);
    if (parsed.ok) return parsed;
    // Of commands sharing words (the `policy` ones), the one that knew the option says what was wrong with it; a
    // form whose required words were not typed never speaks over one whose were (`add user jane plan …`).
    const opener = findCatalogEntry(route.name).text?.fallback === true;
    const meant = typedItsRequired(route, tokens);
    if (!firstError || (!opener && !(firstMeant && !meant) && outranks(parsed.error, firstError))) {
      firstError = parsed.error;
      firstMeant = meant;
    }
  }
  return { ok: false, error: firstError! };
}

/** Routes whose words begin the line, the longest match first. */
function matchRoutes(tokens: Token[]): Route[] {
  const matching = routes.filter(
    (route) =>
      route.words.length <= tokens.length &&
      route.words.every((word, i) => !tokens[i]!.quoted && tokens[i]!.text.toLowerCase() === word),
  );
  const longest = Math.max(0, ...matching.map((route) => route.words.length));
  return matching.filter((route) => route.words.length === longest);
}

function refuseUnknownCommand(tokens: Token[]): ParseResult {
  const phrases = [...new Set(commandCatalog.filter((entry) => entry.listed).map((entry) => entry.words.join(' ')))];
  const typedWords = tokens.map((token) => token.text.toLowerCase());
  const near = new Set<string>();
  for (const phrase of phrases) {
    const length = phrase.split(' ').length;
    const typed = typedWords.slice(0, length).join(' ');
    if (findNearMisses(typed, [phrase]).length > 0) near.add(phrase);
    else if (typedWords.length < length && phrase.startsWith(`${typedWords.join(' ')} `)) near.add(phrase);
    // The first word of a command with its second left out (`restore jane@contoso.com`): that command, not a
    // lookalike such as `remove user`.
    else if (length > 1 && phrase.startsWith(`${typedWords[0]} `)) near.add(phrase);
  }
  const shown = echoInput(tokens[0]!.text);
  if (near.size > 0) {
    const list = [...near];
    return failure(
      'unknown-command',
      `"${shown}" is not a command I know. Did you mean ${list.map((p) => `\`${p}\``).join(' or ')}? ${helpHint}`,
      list,
    );
  }
  const closest = findClosest(typedWords.slice(0, 2).join(' '), phrases, 3);
  return failure('unknown-command', `"${shown}" is not a command I know. ${helpHint}`, closest);
}

function parseArguments(route: Route, tokens: Token[], hints: ParseHints): ParseResult {
  const values: Values = {};
  const usage = findCatalogEntry(route.name).usage;
  const isKeyword = (token: Token | undefined) =>
    token !== undefined && !token.quoted && route.options.some((option) => option.word === token.text.toLowerCase());
  let index = 0;

  /** Reads the value at `index`; an unquoted name runs on to the next option word. */
  const readValue = (kind: ValueKind): CheckResult => {
    const first = tokens[index++]!;
    let raw = first.text;
    if (runsOn.includes(kind) && !first.quoted) {
      while (index < tokens.length && !isKeyword(tokens[index])) raw += ` ${tokens[index++]!.text}`;
    }
    // `at 2026-03-31 17:00`: the time is the second word.
    if (kind === 'date-time' && /^\d{1,2}:\d{2}$/.test(tokens[index]?.text ?? '')) raw += ` ${tokens[index++]!.text}`;
    return checkValue(kind, raw, hints);
  };
  const readArgument = (argument: ArgumentSpec): ErrorReply | undefined => {
    if (argument.kind === 'command') {
      const read = readCommand(tokens.slice(index), (rest) => parseCommand(rest, hints));
      index = tokens.length;
      if (!read.ok) return read.error;
      values[argument.key] = read.command;
      return undefined;
    }
    if (argument.kind === 'rest') {
      values[argument.key] = tokens
        .slice(index)
        .map((token) => token.text)
        .join(' ');
      index = tokens.length;
      return undefined;
    }
    const checked = readValue(argument.kind);
    if (!checked.ok) return checked.error;
    values[argument.key] = checked.value;
    return undefined;
  };

  for (const [position, argument] of route.arguments.entries()) {
    if (index >= tokens.length || isKeyword(tokens[index])) continue;
    if (fitsNextArgument(route.arguments, position, tokens[index]!, hints)) continue;
    const error = readArgument(argument);
    if (error) return { ok: false, error: alsoNotNext(route.arguments, position, tokens[index - 1]!, hints, error) };
  }

  while (index < tokens.length) {
    const token = tokens[index]!;
    const option = isKeyword(token) ? route.options.find((o) => o.word === token.text.toLowerCase()) : undefined;
    if (!option) {
      // An argument written after an option (`add user customer contoso jane@contoso.com …`) still counts.
      let position = route.arguments.findIndex((argument) => values[argument.key] === undefined);
      if (position === -1) return refuseUnknownOption(route, token, usage);
      if (fitsNextArgument(route.arguments, position, token, hints)) position += 1;
      const error = readArgument(route.arguments[position]!);
      if (error) return { ok: false, error: alsoNotNext(route.arguments, position, token, hints, error) };
      continue;
    }
    index += 1;
    if (values[option.key] !== undefined && !option.repeatable) {
      const what = option.key === 'customerId' ? 'The customer' : `\`${option.word}\``;
      return failure('bad-usage', `${what} was given twice; give it once. Usage: ${usage}`);
    }
    if (option.kind === 'flag') {
      values[option.key] = true;
      continue;
    }
    const valueToken = tokens[index];
    if (valueToken === undefined || isKeyword(valueToken)) {
      return failure(
        'missing-argument',
        `\`${option.word}\` needs ${option.label} after it, such as \`${exampleOf(route, option.word)}\`. Usage: ${usage}`,
      );
    }
    const checked = readValue(option.kind);
    if (!checked.ok) return { ok: false, error: checked.error };
    if (option.repeatable) {
      const list = (values[option.key] as string[] | undefined) ?? [];
      values[option.key] = [...list, checked.value as string];
    } else {
      values[option.key] = checked.value;
    }
  }

  return checkRequired(route, values, hints, usage) ?? { ok: true, command: route.build(values) };
}

/**
 * An optional argument is left out when the value fits the argument after it: in `discrepancies admin-granted`
 * the word is a kind, not a customer.
 */
function fitsNextArgument(specs: readonly ArgumentSpec[], position: number, token: Token, hints: ParseHints): boolean {
  const [argument, next] = [specs[position]!, specs[position + 1]];
  if (!argument.optional || !next || !isWordKind(next.kind) || next.kind === 'text' || !isWordKind(argument.kind)) {
    return false;
  }
  return checkValue(next.kind, token.text, hints).ok;
}

/** A kind read from one word or a few (not the rest of the line, nor a whole command). */
function isWordKind(kind: ArgumentSpec['kind']): kind is ValueKind {
  return kind !== 'rest' && kind !== 'command';
}

/** A value that fits neither an optional argument nor the one after it: both sentences, so either can be fixed. */
function alsoNotNext(
  specs: readonly ArgumentSpec[],
  position: number,
  token: Token,
  hints: ParseHints,
  error: ErrorReply,
): ErrorReply {
  const [argument, next] = [specs[position]!, specs[position + 1]];
  if (!argument.optional || !next || !isWordKind(next.kind) || next.kind === 'text' || !isWordKind(argument.kind)) {
    return error;
  }
  const other = checkValue(next.kind, token.text, hints);
  if (other.ok) return error;
  const suggestions = [...(error.suggestions ?? []), ...(other.error.suggestions ?? [])];
  return {
    ...error,
    message: `${error.message} ${other.error.message}`,
    ...(suggestions.length > 0 ? { suggestions } : {}),
  };
}

/** A refusal naming the first required argument or option that is missing, if one is. */
function checkRequired(route: Route, values: Values, hints: ParseHints, usage: string): ParseResult | undefined {
  const commandWords = route.words.join(' ');
  for (const argument of route.arguments) {
    if (!argument.optional && values[argument.key] === undefined) {
      if (argument.kind === 'customer') return missingCustomer(commandWords, hints, usage);
      return failure('missing-argument', `\`${commandWords}\` needs ${argument.label}. Usage: ${usage}`);
    }
  }
  for (const option of route.options) {
    if (option.required && values[option.key] === undefined) {
      return failure(
        'missing-argument',
        `\`${commandWords}\` needs \`${option.word} <${option.key === 'planId' ? 'plan' : option.word}>\`: ${option.label}${listHint(option.kind, hints)}. Usage: ${usage}`,
        option.kind === 'plan' ? hints.planIds : undefined,
      );
    }
  }
  return undefined;
}

function refuseUnknownOption(route: Route, token: Token, usage: string): ParseResult {
  const words = route.options.map((option) => option.word);
  const commandWords = route.words.join(' ');
  if (words.length === 0) {
    return failure(
      'unknown-option',
      `\`${commandWords}\` takes nothing more than its arguments, so "${echoInput(token.text)}" is one too many. Usage: ${usage}`,
    );
  }
  const near = token.quoted ? [] : findNearMisses(token.text, words);
  const hint = near.length > 0 ? ` Did you mean \`${near[0]}\`?` : ` The options are: ${words.join(', ')}.`;
  return failure(
    'unknown-option',
    `"${echoInput(token.text)}" is not an option of \`${commandWords}\`.${hint} Usage: ${usage}`,
    near.length > 0 ? near : words,
  );
}

function exampleOf(route: Route, word: string): string {
  const example = findCatalogEntry(route.name).example;
  const match = new RegExp(`\\b${word}\\s+("[^"]*"|\\S+)`, 'i').exec(example);
  return match ? match[0] : `${word} …`;
}

/**
 * A command that needs a customer and was given none names the customers there are (`notify here` in a chat with
 * several is ambiguous), each as a command to run.
 */
function missingCustomer(commandWords: string, hints: ParseHints, usage: string): ParseResult {
  const ids = hints.customerIds ?? [];
  const known = ids.length > 0 ? ` The customers are ${ids.join(', ')}.` : '';
  const suggestions = ids.slice(0, maxCustomerSuggestions).map((id) => `${commandWords} ${id}`);
  return failure('missing-argument', `\`${commandWords}\` needs the customer id.${known} Usage: ${usage}`, suggestions);
}

const maxCustomerSuggestions = 5;

function listHint(kind: string, hints: ParseHints): string {
  if (kind === 'plan' && hints.planIds && hints.planIds.length > 0) return ` (${hints.planIds.join(', ')})`;
  return '';
}

function failure(code: string, message: string, suggestions?: string[]): ParseResult {
  const error: ErrorReply = { kind: 'error', code, message };
  if (suggestions && suggestions.length > 0) error.suggestions = [...suggestions];
  return { ok: false, error };
}
