/** The commands of time-boxed admin access: extending a grant, who holds the role, and the customer's limits. */
import type { CommandSpec } from './command-spec';
import { customerArgument, customerOption, optionalText, text, upnArgument, withDefined } from './grammar';

export const extendAdmin: CommandSpec<'extend-admin'> = {
  name: 'extend-admin',
  words: ['extend', 'admin'],
  usage: 'extend admin <upn> for <duration>',
  description:
    "Moves the end of the user's time-boxed admin access later by the duration, within the customer's limit. Asked by helpdesk, it becomes a request an approver decides.",
  example: 'extend admin jane@contoso.com for 1h',
  listed: true,
  action: 'Extending admin access',
  effects: ['admin-grant'],
  button: true,
  text: {
    arguments: [upnArgument],
    options: [
      {
        word: 'for',
        key: 'durationMinutes',
        kind: 'duration',
        label: 'a duration such as 30m, 1h or 2d',
        required: true,
      },
      customerOption,
    ],
    build: (v) =>
      withDefined({
        name: 'extend-admin',
        upn: text(v.upn),
        durationMinutes: v.durationMinutes as number,
        customerId: optionalText(v.customerId),
      }),
  },
};

export const admins: CommandSpec<'admins'> = {
  name: 'admins',
  words: ['admins'],
  usage: 'admins <customer>',
  description:
    "Who holds the customer's admin role now: since when, until when, who approved it, and who holds it outside m365ops.",
  example: 'admins contoso',
  listed: true,
  action: 'Reading customers, users and plans',
  effects: ['read'],
  button: true,
  text: {
    arguments: [customerArgument],
    options: [],
    build: (v) => ({ name: 'admins', customerId: text(v.customerId) }),
  },
};

export const policyMaxAdmin: CommandSpec<'policy-max-admin'> = {
  name: 'policy-max-admin',
  words: ['policy'],
  usage: 'policy <customer> max-admin <duration>',
  description: 'The longest time-boxed admin access for the customer (8h unless set); a longer `for` is refused.',
  example: 'policy contoso max-admin 4h',
  listed: true,
  action: "Changing a customer's admin policy",
  effects: ['config-change'],
  text: {
    arguments: [customerArgument],
    options: [
      { word: 'max-admin', key: 'durationMinutes', kind: 'duration', label: 'a duration such as 4h', required: true },
    ],
    build: (v) => ({
      name: 'policy-max-admin',
      customerId: text(v.customerId),
      durationMinutes: v.durationMinutes as number,
    }),
  },
};

export const policyPermanentAdmin: CommandSpec<'policy-permanent-admin'> = {
  name: 'policy-permanent-admin',
  words: ['policy'],
  usage: 'policy <customer> permanent-admin allow|deny',
  description:
    'Whether an approver may grant admin access without `for` (allowed unless denied); requests are always time-boxed.',
  example: 'policy contoso permanent-admin deny',
  listed: true,
  action: "Changing a customer's admin policy",
  effects: ['config-change'],
  text: {
    arguments: [customerArgument],
    options: [
      { word: 'permanent-admin', key: 'permanentAdmin', kind: 'allow-deny', label: 'allow or deny', required: true },
    ],
    build: (v) => ({
      name: 'policy-permanent-admin',
      customerId: text(v.customerId),
      permanentAdmin: v.permanentAdmin === 'deny' ? 'deny' : 'allow',
    }),
  },
};
