/**
 * What a Markdown renderer makes of a TextBlock's text, as Teams renders it (CommonMark rules for the subset Teams
 * shows — links, emphasis, strikethrough, code, inline HTML and autolinks, entities, list and heading markers —
 * with backslash escapes): the text a person sees and the markup that was interpreted instead of shown. A test
 * oracle, written from the CommonMark spec rather than from our escaping, not a renderer.
 */

export interface MarkdownReading {
  /** The characters shown, escapes removed. */
  shown: string;
  /** What was read as markup: 'link', 'emphasis', 'html', … (empty when the text is shown as written). */
  markup: string[];
}

interface Char {
  c: string;
  /** Preceded by a backslash: always literal. */
  escaped: boolean;
}

const asciiPunctuation = /[!-/:-@[-`{-~]/;
const space = /\s/;
const wordChar = /[\p{L}\p{N}]/u;

export function readTeamsMarkdown(text: string): MarkdownReading {
  const chars = readEscapes(text);
  const markup = new Set<string>();
  for (const line of splitLines(chars)) {
    if (startsBlock(line)) markup.add('block');
    for (let i = 0; i < line.length; i += 1) {
      const { c, escaped } = line[i]!;
      if (escaped) continue;
      if (c === '[' && closesLink(line, i)) markup.add('link');
      if (c === '<' && /[A-Za-z/!?]/.test(line[i + 1]?.c ?? '')) markup.add('html');
      if (c === '&' && /^#?[A-Za-z0-9]+;/.test(plain(line.slice(i + 1, i + 12)))) markup.add('entity');
      if (c === '`' && line.slice(i + 1).some((next) => next.c === '`' && !next.escaped)) markup.add('code');
      if (c === '~' && line[i + 1]?.c === '~' && !line[i + 1]!.escaped && closes(line, i + 2, '~~')) {
        markup.add('strikethrough');
      }
      if ((c === '*' || c === '_') && opensEmphasis(line, i) && closesEmphasis(line, i, c)) markup.add('emphasis');
    }
  }
  return { shown: plain(chars), markup: [...markup] };
}

function readEscapes(text: string): Char[] {
  const chars: Char[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const next = text[i + 1];
    if (text[i] === '\\' && next !== undefined && asciiPunctuation.test(next)) {
      chars.push({ c: next, escaped: true });
      i += 1;
    } else {
      chars.push({ c: text[i]!, escaped: false });
    }
  }
  return chars;
}

function splitLines(chars: Char[]): Char[][] {
  const lines: Char[][] = [[]];
  for (const char of chars) {
    if (char.c === '\n' && !char.escaped) lines.push([]);
    else lines[lines.length - 1]!.push(char);
  }
  return lines;
}

function plain(chars: Char[]): string {
  return chars.map((char) => char.c).join('');
}

/** A heading, quote, bullet or ordered list marker opening the line. */
function startsBlock(line: Char[]): boolean {
  const start = line.findIndex((char) => char.c !== ' ' && char.c !== '\t');
  if (start < 0) return false;
  const first = line[start]!;
  if (first.escaped) return false;
  if ('#>'.includes(first.c)) return true;
  if ('-+*'.includes(first.c)) return line[start + 1] === undefined || space.test(line[start + 1]!.c);
  let i = start;
  while (i < line.length && /\d/.test(line[i]!.c) && !line[i]!.escaped) i += 1;
  return i > start && (line[i]?.c === '.' || line[i]?.c === ')') && !line[i]!.escaped;
}

/** `[text](destination)`: an unescaped `]` followed at once by an unescaped `(`. */
function closesLink(line: Char[], open: number): boolean {
  for (let i = open + 1; i < line.length - 1; i += 1) {
    if (line[i]!.c === ']' && !line[i]!.escaped) return line[i + 1]!.c === '(' && !line[i + 1]!.escaped;
  }
  return false;
}

function closes(line: Char[], from: number, marker: string): boolean {
  for (let i = from; i < line.length - marker.length + 1; i += 1) {
    if ([...marker].every((m, k) => line[i + k]!.c === m && !line[i + k]!.escaped)) return true;
  }
  return false;
}

/** Left-flanking: not followed by a space; `_` also not inside a word. */
function opensEmphasis(line: Char[], i: number): boolean {
  const before = line[i - 1];
  const after = line[i + 1];
  if (after === undefined || space.test(after.c)) return false;
  return line[i]!.c === '*' || before === undefined || !wordChar.test(before.c);
}

/** A later unescaped run of the same character that is right-flanking (not preceded by a space). */
function closesEmphasis(line: Char[], open: number, marker: string): boolean {
  let i = open;
  while (line[i + 1]?.c === marker && !line[i + 1]!.escaped) i += 1;
  for (let j = i + 2; j < line.length; j += 1) {
    const char = line[j]!;
    if (char.c !== marker || char.escaped || space.test(line[j - 1]!.c)) continue;
    const after = line[j + 1];
    if (marker === '*' || after === undefined || !wordChar.test(after.c)) return true;
  }
  return false;
}
