/** Offboarding (design §9): `offboard`, `cancel offboard` and the customer's default options. */
import type { OffboardChoice, OffboardOptionName } from '../offboarding/options';
import { offboardOptionNames, valuedOffboardOptions } from '../offboarding/options';
import type { CommandSpec } from './command-spec';
import {
  customerArgument,
  customerOption,
  type OptionSpec,
  optionalText,
  text,
  upnArgument,
  type Values,
  withDefined,
} from './grammar';

const flagOptions: OptionSpec[] = offboardOptionNames
  .filter((name) => !valuedOffboardOptions.includes(name))
  .map((name) => ({ word: name, key: name, kind: 'flag', label: name }));

export const offboard: CommandSpec<'offboard'> = {
  name: 'offboard',
  words: ['offboard'],
  usage:
    'offboard <upn> [preset <name>] [block-sign-in] [revoke-sessions] [reset-password] [remove-licences] [remove-groups] [convert-to-shared] [forward-to <upn> [keep-copy]] [grant-mailbox <upn>] [out-of-office "<text>"] [hide-from-gal] [remove-devices] [delete] [at <YYYY-MM-DD HH:MM>]',
  description:
    'Offboards a leaver step by step. Alone it opens a form with the customer’s defaults ticked; a preset or options run after a confirmation naming each step; `delete` leaves out what it makes moot. `at` schedules it (UTC unless TZ is set).',
  example: 'offboard jane@contoso.com convert-to-shared forward-to john@contoso.com keep-copy remove-licences',
  listed: true,
  action: 'Offboarding users',
  effects: ['offboard'],
  button: true,
  confirms: true,
  submittedBy: 'offboard',
  text: {
    arguments: [upnArgument],
    options: [
      { word: 'preset', key: 'preset', kind: 'preset', label: 'a preset name' },
      ...flagOptions,
      { word: 'forward-to', key: 'forwardTo', kind: 'upn', label: 'the address mail goes to' },
      { word: 'keep-copy', key: 'keepCopy', kind: 'flag', label: 'keep a copy' },
      { word: 'grant-mailbox', key: 'grantMailbox', kind: 'upn', label: 'the user who gets the mailbox' },
      { word: 'out-of-office', key: 'outOfOffice', kind: 'message', label: 'the reply in quotes' },
      { word: 'at', key: 'at', kind: 'date-time', label: 'a date and time such as 2026-03-31 17:00' },
      customerOption,
    ],
    build: (v) =>
      withDefined({
        name: 'offboard',
        upn: text(v.upn),
        customerId: optionalText(v.customerId),
        preset: optionalText(v.preset),
        at: optionalText(v.at),
        ...choiceOf(v),
      }),
  },
};

/** The options typed, in the grammar's order, with the values of those that take one. */
function choiceOf(v: Values): OffboardChoice {
  const options = offboardOptionNames.filter((name) => {
    if (name === 'forward-to') return v.forwardTo !== undefined;
    if (name === 'grant-mailbox') return v.grantMailbox !== undefined;
    if (name === 'out-of-office') return v.outOfOffice !== undefined;
    return v[name] === true;
  });
  return {
    options,
    forwardTo: optionalText(v.forwardTo),
    keepCopy: v.keepCopy === true ? true : undefined,
    grantMailbox: optionalText(v.grantMailbox),
    outOfOffice: optionalText(v.outOfOffice),
  };
}

export const cancelOffboard: CommandSpec<'cancel-offboard'> = {
  name: 'cancel-offboard',
  words: ['cancel', 'offboard'],
  usage: 'cancel offboard <upn>',
  description: 'Cancels the user’s scheduled offboarding before it runs.',
  example: 'cancel offboard jane@contoso.com',
  listed: true,
  action: 'Cancelling offboardings',
  effects: ['offboard-cancel'],
  text: {
    arguments: [upnArgument],
    options: [customerOption],
    build: (v) => withDefined({ name: 'cancel-offboard', upn: text(v.upn), customerId: optionalText(v.customerId) }),
  },
};

export const policyOffboard: CommandSpec<'policy-offboard'> = {
  name: 'policy-offboard',
  words: ['policy'],
  usage: 'policy <customer> offboard <option>[,<option>]',
  description:
    'The options ticked when the offboarding form opens for the customer (`none` for no defaults); options that need a user or a text go in presets.',
  example: 'policy contoso offboard block-sign-in,revoke-sessions,convert-to-shared,remove-licences',
  listed: true,
  action: "Changing a customer's offboarding defaults",
  effects: ['config-change'],
  text: {
    arguments: [customerArgument],
    options: [
      {
        word: 'offboard',
        key: 'options',
        kind: 'offboard-options',
        label: 'offboarding options separated by commas',
        required: true,
      },
    ],
    build: (v) => ({
      name: 'policy-offboard',
      customerId: text(v.customerId),
      options: v.options as OffboardOptionName[],
    }),
  },
};
