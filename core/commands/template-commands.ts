/** Plan templates (issue 15): adding a user as a copy of one m365ops manages. */
import type { CommandSpec } from './command-spec';
import { customerOption, optionalText, text, upnArgument, withDefined } from './grammar';

export const addUserLike: CommandSpec<'add-user-like'> = {
  name: 'add-user-like',
  words: ['add', 'user'],
  usage: 'add user <upn> like <existing upn> [name "<display name>"]',
  description:
    "Adds the user as a copy of one m365ops manages: its plan, its security and Microsoft 365 groups, its usage location and the plan's shared mailboxes (never its admin role); says what it copied.",
  example: 'add user jane@contoso.com like john@contoso.com name "Jane Doe"',
  listed: true,
  action: 'Adding users',
  effects: ['user-create', 'user-link', 'licence-change'],
  text: {
    arguments: [upnArgument],
    options: [
      { word: 'like', key: 'like', kind: 'upn', label: 'the UPN of the user to copy', required: true },
      { word: 'name', key: 'displayName', kind: 'text', label: 'the display name in quotes' },
      customerOption,
    ],
    build: (v) =>
      withDefined({
        name: 'add-user-like',
        upn: text(v.upn),
        like: text(v.like),
        displayName: optionalText(v.displayName),
        customerId: optionalText(v.customerId),
      }),
  },
};
