/**
 * The offboarding options of design §9 (`offboard <upn> [preset <name>] [<option>…] [at <date time>]`): their names,
 * what each does in plain words, the effect it carries (core/commands/effects.ts), and the rule that `delete` makes
 * the mailbox and account options moot. A choice of options is plain data, carried by the command and the job.
 */
import type { Effect } from '../commands/effects';

export const offboardOptionNames = [
  'block-sign-in',
  'revoke-sessions',
  'reset-password',
  'remove-licences',
  'remove-groups',
  'convert-to-shared',
  'forward-to',
  'grant-mailbox',
  'out-of-office',
  'hide-from-gal',
  'remove-devices',
  'delete',
] as const;

export type OffboardOptionName = (typeof offboardOptionNames)[number];

/** The options that take a value (`forward-to <upn> [keep-copy]`, `grant-mailbox <upn>`, `out-of-office "<text>"`). */
export const valuedOffboardOptions: readonly OffboardOptionName[] = ['forward-to', 'grant-mailbox', 'out-of-office'];

/** What was chosen: the options in the grammar's order, and the values of those that take one. */
export interface OffboardChoice {
  options: OffboardOptionName[];
  forwardTo?: string;
  /** With forward-to: a copy stays in the mailbox. */
  keepCopy?: boolean;
  grantMailbox?: string;
  outOfOffice?: string;
}

export const offboardOptionEffects: Record<OffboardOptionName, Effect> = {
  'block-sign-in': 'sign-in-block',
  'revoke-sessions': 'session-revoke',
  'reset-password': 'password-reset',
  'remove-licences': 'licence-removal',
  'remove-groups': 'group-removal',
  'convert-to-shared': 'mailbox-change',
  'forward-to': 'mailbox-change',
  'grant-mailbox': 'mailbox-change',
  'out-of-office': 'mailbox-change',
  'hide-from-gal': 'mailbox-change',
  'remove-devices': 'device-removal',
  delete: 'user-delete',
};

/** How the form and the confirmation name each option. */
export const offboardOptionTitles: Record<OffboardOptionName, string> = {
  'block-sign-in': 'Block sign-in',
  'revoke-sessions': 'Sign out everywhere (revoke sessions)',
  'reset-password': 'Reset the password',
  'remove-licences': 'Remove all licences',
  'remove-groups': 'Remove from all groups',
  'convert-to-shared': 'Convert the mailbox to shared',
  'forward-to': 'Forward mail',
  'grant-mailbox': 'Give mailbox access (Full Access)',
  'out-of-office': 'Set an out-of-office reply',
  'hide-from-gal': 'Hide from the address book',
  'remove-devices': 'Remove mobile devices',
  delete: 'Delete the user (restorable for 30 days)',
};

/** What `delete` makes moot: the deleted account's mailbox, licences, groups and devices go with it. */
export const mootWithDelete: readonly OffboardOptionName[] = offboardOptionNames.filter(
  (name) => name !== 'block-sign-in' && name !== 'revoke-sessions' && name !== 'delete',
);

export function isOffboardOption(value: string): value is OffboardOptionName {
  return (offboardOptionNames as readonly string[]).includes(value);
}

/** The options in the grammar's order, once each. */
export function orderOptions(options: readonly OffboardOptionName[]): OffboardOptionName[] {
  return offboardOptionNames.filter((name) => options.includes(name));
}

/** The effects a choice carries. */
export function effectsOfChoice(options: readonly OffboardOptionName[]): Effect[] {
  return [...new Set(options.map((option) => offboardOptionEffects[option]))];
}

/** Two choices as one: `extra` adds to `base` and its values win (a preset with options typed after it). */
export function mergeChoices(base: OffboardChoice, extra: OffboardChoice): OffboardChoice {
  return dropUndefined({
    options: orderOptions([...base.options, ...extra.options]),
    forwardTo: extra.forwardTo ?? base.forwardTo,
    keepCopy: extra.forwardTo ? extra.keepCopy : (extra.keepCopy ?? base.keepCopy),
    grantMailbox: extra.grantMailbox ?? base.grantMailbox,
    outOfOffice: extra.outOfOffice ?? base.outOfOffice,
  });
}

/** With `delete`, the moot options are cleared: the choice that runs, and what was cleared (to say so). */
export function applyDeleteRule(choice: OffboardChoice): { choice: OffboardChoice; cleared: OffboardOptionName[] } {
  if (!choice.options.includes('delete')) return { choice, cleared: [] };
  const cleared = choice.options.filter((option) => mootWithDelete.includes(option));
  if (cleared.length === 0) return { choice, cleared };
  return { choice: { options: choice.options.filter((option) => !cleared.includes(option)) }, cleared };
}

/** "block-sign-in, forward-to a@b.com (keep a copy), delete": a choice as the grammar writes it. */
export function describeChoice(choice: OffboardChoice): string {
  return choice.options
    .map((option) => {
      if (option === 'forward-to') return `forward-to ${choice.forwardTo}${choice.keepCopy ? ' keep-copy' : ''}`;
      if (option === 'grant-mailbox') return `grant-mailbox ${choice.grantMailbox}`;
      if (option === 'out-of-office') return 'out-of-office';
      return option;
    })
    .join(', ');
}

function dropUndefined(choice: OffboardChoice): OffboardChoice {
  return Object.fromEntries(Object.entries(choice).filter(([, value]) => value !== undefined)) as OffboardChoice;
}
