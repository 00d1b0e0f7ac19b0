/** The commands that read: help, a sync on demand, and the listings. */
import type { DiscrepancyKind } from '../../store/types';
import type { CommandSpec } from './command-spec';
import { customerOption, optionalCustomer, optionalText, withDefined } from './grammar';

export const help: CommandSpec<'help'> = {
  name: 'help',
  words: ['help'],
  usage: 'help [<command>]',
  description: 'Lists the commands, or explains one.',
  example: 'help add user',
  listed: true,
  action: 'Listing the commands',
  effects: ['read'],
  open: true,
  button: true,
  text: {
    arguments: [{ key: 'topic', kind: 'rest', label: 'a command', optional: true }],
    options: [],
    build: (v) => withDefined({ name: 'help', topic: optionalText(v.topic) }),
  },
};

type CustomerListing = 'sync' | 'status' | 'plans';

/** `<words> [<customer>]`, or `customer <id>` after the words. */
function customerListing<N extends CustomerListing>(name: N): NonNullable<CommandSpec<N>['text']> {
  return {
    arguments: [optionalCustomer],
    options: [customerOption],
    build: (v) => withDefined({ name, customerId: optionalText(v.customerId) }) as never,
  };
}

export const sync: CommandSpec<'sync'> = {
  name: 'sync',
  words: ['sync'],
  usage: 'sync [<customer>]',
  description: 'Compares the customer tenant with our records now and reports what it found.',
  example: 'sync contoso',
  listed: true,
  action: 'Running a sync',
  effects: ['sync-run'],
  button: true,
  text: customerListing('sync'),
};

export const users: CommandSpec<'users'> = {
  name: 'users',
  words: ['users'],
  usage: 'users [<customer>] [deleted]',
  description: "Lists the customer's service users with their plans; `deleted` lists the deleted ones instead.",
  example: 'users contoso',
  listed: true,
  action: 'Listing users',
  effects: ['read'],
  button: true,
  text: {
    arguments: [optionalCustomer],
    options: [customerOption, { word: 'deleted', key: 'deleted', kind: 'flag', label: 'deleted' }],
    build: (v) =>
      withDefined({
        name: 'users',
        customerId: optionalText(v.customerId),
        deleted: v.deleted === true ? true : undefined,
      }),
  },
};

export const status: CommandSpec<'status'> = {
  name: 'status',
  words: ['status'],
  usage: 'status [<customer>]',
  description: 'Shows consent, users, open discrepancies, last sync and licences per customer.',
  example: 'status contoso',
  listed: true,
  action: 'Showing the status',
  effects: ['read'],
  button: true,
  text: customerListing('status'),
};

export const plans: CommandSpec<'plans'> = {
  name: 'plans',
  words: ['plans'],
  usage: 'plans [<customer>]',
  description: 'Lists the plans, with limits and free licences for a customer.',
  example: 'plans fabrikam',
  listed: true,
  action: 'Listing plans',
  effects: ['read'],
  button: true,
  text: customerListing('plans'),
};

export const doctor: CommandSpec<'doctor'> = {
  name: 'doctor',
  words: ['doctor'],
  usage: 'doctor',
  description:
    'Checks the configuration, the store, each customer’s consent, permissions, Exchange role, domains and licences, Teams and Slack, and says what to fix.',
  example: 'doctor',
  listed: true,
  action: 'Running the doctor',
  effects: ['diagnose'],
  text: { arguments: [], options: [], build: () => ({ name: 'doctor' }) },
};

/** The open discrepancies, page by page, with their buttons; the kind may come without a customer. */
export const discrepancies: CommandSpec<'discrepancies'> = {
  name: 'discrepancies',
  words: ['discrepancies'],
  usage: 'discrepancies [<customer>] [<kind>] [page <n> | after <id>]',
  description:
    'Lists the open discrepancies with their buttons, 10 a page (every customer, or the channel’s, unless one is named); More (`after <id>`) starts after the last row shown, whatever was decided since.',
  example: 'discrepancies contoso admin-granted',
  listed: true,
  action: 'Reading customers, users and plans',
  effects: ['read'],
  button: true,
  text: {
    arguments: [optionalCustomer, { key: 'kind', kind: 'kind', label: 'a discrepancy kind', optional: true }],
    options: [
      customerOption,
      { word: 'page', key: 'page', kind: 'page', label: 'a page number such as 2' },
      // What More carries: the rows after the last one of the page before, whatever was decided on it since.
      { word: 'after', key: 'after', kind: 'discrepancy-id', label: 'the last discrepancy of the page before' },
    ],
    build: (v) =>
      withDefined({
        name: 'discrepancies',
        customerId: optionalText(v.customerId),
        kind: v.kind as DiscrepancyKind | undefined,
        page: v.page as number | undefined,
        after: optionalText(v.after),
      }),
  },
};
