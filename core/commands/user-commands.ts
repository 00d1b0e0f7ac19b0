/** The commands that change one user of a customer tenant. */
import type { CommandSpec } from './command-spec';
import { customerOption, optionalCustomer, optionalText, text, upnArgument, withDefined } from './grammar';

export const addUserForm: CommandSpec<'add-user-form'> = {
  name: 'add-user-form',
  words: ['add', 'user'],
  usage: 'add user [<customer>]',
  description: 'Opens the add-user form (with the customer, its domains and plans are offered at once).',
  example: 'add user contoso',
  listed: true,
  action: 'Adding users',
  effects: ['read'],
  button: true,
  text: {
    // `add user contoso` and `add user customer contoso` both open it for Contoso.
    arguments: [optionalCustomer],
    options: [customerOption],
    build: (v) => withDefined({ name: 'add-user-form', customerId: optionalText(v.customerId) }),
    fallback: true,
  },
};

export const addUser: CommandSpec<'add-user'> = {
  name: 'add-user',
  words: ['add', 'user'],
  usage: 'add user <upn> plan <plan> [name "<display name>"] [location <CC>] [admin] [alias <address>]...',
  description:
    'Creates the user in the customer tenant (or links the existing one, leaving its sign-in and roles as they are) and assigns the plan; `admin` needs the approver role and asks for confirmation.',
  example: 'add user jane@contoso.com plan business-premium name "Jane Doe" location GB alias j.doe@contoso.com',
  listed: true,
  action: 'Adding users',
  effects: ['user-create', 'user-link', 'licence-change'],
  confirms: true,
  submittedBy: 'add-user',
  text: {
    arguments: [upnArgument],
    options: [
      { word: 'plan', key: 'planId', kind: 'plan', label: 'a plan', required: true },
      { word: 'name', key: 'displayName', kind: 'text', label: 'the display name in quotes' },
      { word: 'location', key: 'usageLocation', kind: 'location', label: 'a two-letter country code' },
      { word: 'admin', key: 'admin', kind: 'flag', label: 'admin access' },
      { word: 'alias', key: 'aliases', kind: 'address', label: 'an email address', repeatable: true },
      customerOption,
    ],
    build: (v) =>
      withDefined({
        name: 'add-user',
        upn: text(v.upn),
        planId: text(v.planId),
        displayName: optionalText(v.displayName),
        usageLocation: optionalText(v.usageLocation),
        admin: v.admin === true,
        aliases: (v.aliases as string[] | undefined) ?? [],
        customerId: optionalText(v.customerId),
      }),
  },
};

export const addUserNamed: CommandSpec<'add-user-named'> = {
  name: 'add-user-named',
  words: ['add', 'user'],
  usage: 'add user "<display name>" plan <plan> [location <CC>] [admin] [alias <address>]...',
  description:
    "Adds the user like `add user <upn>`, with the UPN made from the name by the plan's username format and domain (Jane Doe → jane.doe@contoso.com with first.last); a UPN already taken is refused with the next free one.",
  example: 'add user "Jane Doe" plan business-premium location GB',
  listed: true,
  action: 'Adding users',
  effects: ['user-create', 'licence-change'],
  confirms: true,
  text: {
    arguments: [{ key: 'displayName', kind: 'display-name', label: 'the display name in quotes' }],
    options: [
      { word: 'plan', key: 'planId', kind: 'plan', label: 'a plan', required: true },
      { word: 'location', key: 'usageLocation', kind: 'location', label: 'a two-letter country code' },
      { word: 'admin', key: 'admin', kind: 'flag', label: 'admin access' },
      { word: 'alias', key: 'aliases', kind: 'address', label: 'an email address', repeatable: true },
      customerOption,
    ],
    build: (v) =>
      withDefined({
        name: 'add-user-named',
        displayName: text(v.displayName),
        planId: text(v.planId),
        usageLocation: optionalText(v.usageLocation),
        admin: v.admin === true,
        aliases: (v.aliases as string[] | undefined) ?? [],
        customerId: optionalText(v.customerId),
      }),
  },
};

export const changePlanForm: CommandSpec<'change-plan-form'> = {
  name: 'change-plan-form',
  words: ['change', 'plan'],
  usage: 'change plan',
  description: 'Opens the change-plan form.',
  example: 'change plan',
  listed: true,
  action: 'Changing plans',
  effects: ['read'],
  button: true,
  text: {
    // The UPN is optional to prefill the form; the usage shows no arguments at all.
    arguments: [{ ...upnArgument, optional: true }],
    options: [customerOption],
    build: (v) =>
      withDefined({ name: 'change-plan-form', upn: optionalText(v.upn), customerId: optionalText(v.customerId) }),
    fallback: true,
  },
};

export const changePlan: CommandSpec<'change-plan'> = {
  name: 'change-plan',
  words: ['change', 'plan'],
  usage: 'change plan <upn> <plan>',
  description: "Switches the user's licences to the plan's set in one change.",
  example: 'change plan jane@contoso.com business-basic',
  listed: true,
  action: 'Changing plans',
  effects: ['licence-change'],
  button: true,
  submittedBy: 'change-plan',
  text: {
    arguments: [upnArgument, { key: 'planId', kind: 'plan', label: 'the new plan' }],
    options: [customerOption],
    build: (v) =>
      withDefined({
        name: 'change-plan',
        upn: text(v.upn),
        planId: text(v.planId),
        customerId: optionalText(v.customerId),
      }),
  },
};

export const revokeAdmin: CommandSpec<'revoke-admin'> = {
  name: 'revoke-admin',
  words: ['revoke', 'admin'],
  usage: 'revoke admin <upn>',
  description: 'Removes the admin role from the user (asks for confirmation).',
  example: 'revoke admin jane@contoso.com',
  listed: true,
  action: 'Revoking admin access',
  effects: ['admin-revoke'],
  button: true,
  confirms: true,
  text: {
    arguments: [upnArgument],
    options: [customerOption],
    build: (v) => withDefined({ name: 'revoke-admin', upn: text(v.upn), customerId: optionalText(v.customerId) }),
  },
};

export const grantAdmin: CommandSpec<'grant-admin'> = {
  name: 'grant-admin',
  words: ['grant', 'admin'],
  usage: 'grant admin <upn> [for <duration>] [reason "<text>"] [ticket <ref>]',
  description:
    'Gives the user the admin role; `for` ends it by itself after the duration (30m, 4h, 2d). Asked by helpdesk, it becomes a request an approver decides.',
  example: 'grant admin jane@contoso.com for 2h reason "Mailbox migration" ticket INC-1234',
  listed: true,
  action: 'Granting admin access',
  effects: ['admin-grant'],
  button: true,
  confirms: true,
  text: {
    arguments: [upnArgument],
    options: [
      { word: 'for', key: 'durationMinutes', kind: 'duration', label: 'a duration such as 30m, 4h or 2d' },
      { word: 'reason', key: 'reason', kind: 'reason', label: 'the reason in quotes' },
      { word: 'ticket', key: 'ticket', kind: 'ticket', label: 'a ticket reference' },
      customerOption,
    ],
    build: (v) =>
      withDefined({
        name: 'grant-admin',
        upn: text(v.upn),
        durationMinutes: v.durationMinutes as number | undefined,
        reason: optionalText(v.reason),
        ticket: optionalText(v.ticket),
        customerId: optionalText(v.customerId),
      }),
  },
};

export const removeUserForm: CommandSpec<'remove-user-form'> = {
  name: 'remove-user-form',
  words: ['remove', 'user'],
  usage: 'remove user',
  description: 'Opens the remove-user form: choose the user from the customer’s users.',
  example: 'remove user',
  listed: true,
  action: 'Removing users',
  effects: ['read'],
  button: true,
  text: {
    // Like change plan's: the UPN is optional to prefill the form; the usage shows no arguments at all.
    arguments: [{ ...upnArgument, optional: true }],
    options: [customerOption],
    build: (v) =>
      withDefined({ name: 'remove-user-form', upn: optionalText(v.upn), customerId: optionalText(v.customerId) }),
    fallback: true,
  },
};

export const removeUser: CommandSpec<'remove-user'> = {
  name: 'remove-user',
  words: ['remove', 'user'],
  usage: 'remove user <upn> [delete]',
  description: 'Removes the licences and blocks sign-in; `delete` also deletes the user (restorable for 30 days).',
  example: 'remove user jane@contoso.com delete',
  listed: true,
  action: 'Removing users',
  effects: ['licence-removal', 'sign-in-block'],
  button: true,
  confirms: true,
  submittedBy: 'remove-user',
  text: {
    arguments: [upnArgument],
    options: [{ word: 'delete', key: 'delete', kind: 'flag', label: 'delete the user too' }, customerOption],
    build: (v) =>
      withDefined({
        name: 'remove-user',
        upn: text(v.upn),
        delete: v.delete === true,
        customerId: optionalText(v.customerId),
      }),
  },
};

export const restoreUser: CommandSpec<'restore-user'> = {
  name: 'restore-user',
  words: ['restore', 'user'],
  usage: 'restore user <upn>',
  description:
    "Brings a deleted user back (within 30 days of the deletion) and gives back their plan's licences if seats allow.",
  example: 'restore user jane@contoso.com',
  listed: true,
  action: 'Restoring deleted users',
  effects: ['user-restore', 'licence-change'],
  text: {
    arguments: [upnArgument],
    options: [customerOption],
    build: (v) => withDefined({ name: 'restore-user', upn: text(v.upn), customerId: optionalText(v.customerId) }),
  },
};

export const resetPassword: CommandSpec<'reset-password'> = {
  name: 'reset-password',
  words: ['reset', 'password'],
  usage: 'reset password <upn>',
  description:
    'Gives the user a new temporary password, shown once and only to you; they must change it at sign-in (asks for confirmation).',
  example: 'reset password jane@contoso.com',
  listed: true,
  action: 'Resetting passwords',
  effects: ['password-reset'],
  button: true,
  confirms: true,
  text: {
    arguments: [upnArgument],
    options: [customerOption],
    build: (v) => withDefined({ name: 'reset-password', upn: text(v.upn), customerId: optionalText(v.customerId) }),
  },
};
