/**
 * An argument that is a whole command (`preview <command>`): the words left on the line, their quotes put back, parsed
 * as if typed alone, so the command is refused exactly as it would be. A preview of a preview is refused: it would
 * show nothing more.
 */

import type { ErrorReply } from '../../core/reply';
import type { Command } from '../../core/request';
import type { Token } from './tokenize';

type Parsed = { ok: true; command: Command } | { ok: false; error: ErrorReply };

export function readCommand(tokens: readonly Token[], parse: (line: string) => Parsed): Parsed {
  const line = tokens.map((token) => (token.quoted ? `"${token.text.replace(/["\\]/g, '\\$&')}"` : token.text));
  const parsed = parse(line.join(' '));
  if (parsed.ok && parsed.command.name === 'preview') {
    return {
      ok: false,
      error: { kind: 'error', code: 'bad-usage', message: 'Preview the command itself, once: `preview <command>`.' },
    };
  }
  return parsed;
}
