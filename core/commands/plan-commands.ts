/** The commands that make a plan a template (design §9): groups, username format and domain, shared mailboxes. */
import type { UsernameFormat } from '../../store/types';
import type { CommandSpec } from './command-spec';
import { type ArgumentSpec, optionalText, text, withDefined } from './grammar';

const planArgument: ArgumentSpec = { key: 'planId', kind: 'plan', label: 'the plan id' };

export const planGroups: CommandSpec<'plan-groups'> = {
  name: 'plan-groups',
  words: ['plan'],
  usage: 'plan <id> groups "<name>"[,"<name>"]',
  description:
    "The groups a new user on the plan joins (display names or ids, checked in each customer's tenant; `none` for no group).",
  example: 'plan business-premium groups "Sales","All Staff"',
  listed: true,
  action: "Changing a plan's template",
  effects: ['config-change'],
  text: {
    arguments: [planArgument],
    options: [
      {
        word: 'groups',
        key: 'groups',
        kind: 'group-names',
        label: 'group names in quotes, separated by commas',
        required: true,
      },
    ],
    build: (v) => ({ name: 'plan-groups', planId: text(v.planId), groups: (v.groups as string[] | undefined) ?? [] }),
  },
};

export const planFormat: CommandSpec<'plan-format'> = {
  name: 'plan-format',
  words: ['plan'],
  usage: 'plan <id> format <first.last|f.last|firstl|first> [domain <domain>]',
  description:
    'How `add user "<name>" plan <id>` makes the UPN: the username format and, optionally, its domain (else the tenant\'s default).',
  example: 'plan business-premium format first.last domain contoso.com',
  listed: true,
  action: "Changing a plan's template",
  effects: ['config-change'],
  text: {
    arguments: [planArgument],
    options: [
      { word: 'format', key: 'format', kind: 'username-format', label: 'a username format', required: true },
      { word: 'domain', key: 'domain', kind: 'domain', label: 'a domain such as contoso.com' },
    ],
    build: (v) =>
      withDefined({
        name: 'plan-format',
        planId: text(v.planId),
        format: v.format as UsernameFormat,
        domain: optionalText(v.domain),
      }),
  },
};

export const planSharedMailbox: CommandSpec<'plan-shared-mailbox'> = {
  name: 'plan-shared-mailbox',
  words: ['plan'],
  usage: 'plan <id> shared-mailbox <address> full-access|send-as|remove',
  description: 'A shared mailbox a new user on the plan is given Full Access or Send As to (`remove` stops it).',
  example: 'plan business-premium shared-mailbox sales.team@contoso.com full-access',
  listed: true,
  action: "Changing a plan's template",
  effects: ['config-change'],
  text: {
    arguments: [planArgument],
    options: [
      { word: 'shared-mailbox', key: 'mailbox', kind: 'address', label: 'the shared mailbox', required: true },
      { word: 'full-access', key: 'fullAccess', kind: 'flag', label: 'Full Access' },
      { word: 'send-as', key: 'sendAs', kind: 'flag', label: 'Send As' },
      { word: 'remove', key: 'remove', kind: 'flag', label: 'no grant any more' },
    ],
    build: (v) => ({
      name: 'plan-shared-mailbox',
      planId: text(v.planId),
      mailbox: text(v.mailbox).toLowerCase(),
      fullAccess: v.fullAccess === true,
      sendAs: v.sendAs === true,
      remove: v.remove === true,
    }),
  },
};

export const planShow: CommandSpec<'plan-show'> = {
  name: 'plan-show',
  words: ['plan'],
  usage: 'plan <id>',
  description:
    "Shows the plan's template: licences, groups, username format and domain, usage location, shared mailboxes.",
  example: 'plan business-premium',
  listed: true,
  action: 'Reading customers, users and plans',
  effects: ['read'],
  text: {
    arguments: [planArgument],
    options: [],
    build: (v) => ({ name: 'plan-show', planId: text(v.planId) }),
    fallback: true,
  },
};
