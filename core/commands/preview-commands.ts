/**
 * `preview <command>` (the CLI's `--dry-run`): what the command would do, written nowhere. The parser reads the
 * words after `preview` as the command itself (bot/commands/read-command.ts); the role is the command's
 * (handlers/preview.ts authorises the previewed command as the command would be).
 */
import type { Command } from '../request';
import type { CommandSpec } from './command-spec';

/** The commands a preview can describe, as typed. */
export const previewableUsages = [
  'add user <upn> plan <plan> …',
  'add user "<name>" plan <plan> …',
  'add user <upn> like <upn>',
  'add user "<name>" like <upn>',
  'change plan <upn> <plan>',
  'remove user <upn> [delete]',
  'grant admin <upn> …',
  'revoke admin <upn>',
  'offboard <upn> <option>… | preset <name>',
  'reset password <upn>',
] as const;

export const preview: CommandSpec<'preview'> = {
  name: 'preview',
  words: ['preview'],
  usage: 'preview <command>',
  description:
    'Shows what the command would do without doing it: the checks, the Microsoft 365 writes in order, and what would be refused and why. Needs the role the command needs; the CLI has `--dry-run`.',
  example: 'preview add user jane@contoso.com plan business-premium location GB',
  listed: true,
  action: 'Previewing changes',
  // The previewed command's own effects are added to these (core/command-catalog.ts).
  effects: ['read'],
  text: {
    arguments: [
      {
        key: 'command',
        kind: 'command',
        label: 'the command to preview, such as `preview remove user jane@contoso.com`',
      },
    ],
    options: [],
    build: (v) => ({ name: 'preview', command: v.command as Command }),
  },
};
