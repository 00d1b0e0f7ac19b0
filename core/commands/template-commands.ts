/** Plan templates (issue 15): adding a user as a copy of one m365ops manages. */
import type { CommandSpec } from './command-spec';
import { customerOption, type OptionSpec, optionalText, text, upnArgument, withDefined } from './grammar';

const likeOption: OptionSpec = {
  word: 'like',
  key: 'like',
  kind: 'upn',
  label: 'the UPN of the user to copy',
  required: true,
};

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
      likeOption,
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

export const addUserNamedLike: CommandSpec<'add-user-named-like'> = {
  name: 'add-user-named-like',
  words: ['add', 'user'],
  usage: 'add user "<display name>" like <existing upn>',
  description:
    "The same copy without a UPN: the copied user's plan's username format and domain make it from the name, and the answer says so.",
  example: 'add user "Jane Doe" like john@contoso.com',
  listed: true,
  action: 'Adding users',
  effects: ['user-create', 'user-link', 'licence-change'],
  text: {
    arguments: [{ key: 'displayName', kind: 'display-name', label: 'the display name in quotes' }],
    options: [likeOption, customerOption],
    build: (v) =>
      withDefined({
        name: 'add-user-named-like',
        displayName: text(v.displayName),
        like: text(v.like),
        customerId: optionalText(v.customerId),
      }),
  },
};
