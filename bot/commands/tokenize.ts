/**
 * Splits a command line into words. A word that starts with a quote ("straight", “curly”, 'single' or ‘curly
 * single’) runs to the matching closing quote, may hold spaces, and a backslash escapes a quote inside it. A quote
 * inside a word (o'brien@contoso.com) is part of the word.
 */

export interface Token {
  text: string;
  quoted: boolean;
  /** Where the word starts in the line, for messages. */
  at: number;
}

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; message: string };

const closingQuotes: Record<string, string[]> = {
  '"': ['"', '”', '“'],
  '“': ['”', '“', '"'],
  '”': ['”', '“', '"'],
  '„': ['“', '”', '"'],
  "'": ["'", '’', '‘'],
  '‘': ['’', '‘', "'"],
  '’': ['’', '‘', "'"],
};

const whitespace = /\s/u;

export function tokenize(line: string): TokenizeResult {
  const tokens: Token[] = [];
  let index = 0;
  while (index < line.length) {
    const char = line[index]!;
    if (whitespace.test(char)) {
      index += 1;
      continue;
    }
    const closers = closingQuotes[char];
    if (closers) {
      const quoted = readQuoted(line, index + 1, closers);
      if (quoted === null) {
        return {
          ok: false,
          message: `The quote ${char} before "${line.slice(index + 1, index + 21).trim()}" is never closed: put the closing ${closers[0]} after the name.`,
        };
      }
      tokens.push({ text: quoted.text, quoted: true, at: index });
      index = quoted.end;
      continue;
    }
    let end = index;
    while (end < line.length && !whitespace.test(line[end]!)) end += 1;
    tokens.push({ text: line.slice(index, end), quoted: false, at: index });
    index = end;
  }
  return { ok: true, tokens };
}

/** Reads up to the closing quote; a closing quote only closes when followed by whitespace or the end. */
function readQuoted(line: string, start: number, closers: string[]): { text: string; end: number } | null {
  let text = '';
  let index = start;
  while (index < line.length) {
    const char = line[index]!;
    if (char === '\\' && index + 1 < line.length) {
      text += line[index + 1];
      index += 2;
      continue;
    }
    const next = line[index + 1];
    if (closers.includes(char) && (next === undefined || whitespace.test(next))) {
      return { text, end: index + 1 };
    }
    text += char;
    index += 1;
  }
  return null;
}
