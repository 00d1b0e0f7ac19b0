/**
 * `preview <command>`: the rest of the line is the command, parsed as if typed alone (its quotes kept) and wrapped in
 * a preview. A preview of a preview is refused: it would show nothing more.
 */
import { findCatalogEntry } from '../../core/command-catalog';
import type { ErrorReply } from '../../core/reply';
import type { Command } from '../../core/request';
import type { Token } from './tokenize';

type Parsed = { ok: true; command: Command } | { ok: false; error: ErrorReply };

export function parsePreview(line: string, tokens: Token[], parse: (text: string) => Parsed): Parsed {
  const usage = findCatalogEntry('preview').usage;
  if (tokens.length === 1) {
    return refuse(
      'missing-argument',
      `\`preview\` needs the command to preview, such as \`preview remove user jane@contoso.com\`. Usage: ${usage}`,
    );
  }
  if (isWord(tokens[1], 'preview')) return refuse('bad-usage', `Preview the command itself, once. Usage: ${usage}`);
  const inner = parse(line.slice(tokens[1]!.at));
  return inner.ok ? { ok: true, command: { name: 'preview', command: inner.command } } : inner;
}

/** The token is this word, typed (not quoted), in any case. */
export function isWord(token: Token | undefined, word: string): boolean {
  return token !== undefined && !token.quoted && token.text.toLowerCase() === word;
}

function refuse(code: string, message: string): Parsed {
  return { ok: false, error: { kind: 'error', code, message } };
}
