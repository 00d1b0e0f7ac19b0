/**
 * One table of every command: the words that name it, how it is written, what it does, an example and the effects
 * it carries (handlers/effects.ts), from which the role it needs follows. The text parser (bot/commands) routes on
 * `words`, `help` lists the rows, and the handlers' role check asks `effectsOf`. Card and button commands (decide,
 * submit-form) have rows too, but are not listed by `help`.
 */
import { identityForms, slackIdentityExample } from '../common/identity';
import type { Role } from '../store/types';
import { decisionEffects, type Effect, hasRole, requiredRoleOf } from './effects';
import type { Command, CommandName, FormName } from './request';

export { hasRole, highestRole } from './effects';

interface CatalogRow {
  name: CommandName;
  /** The command words, lower case, as typed: ['add', 'user']. Empty for commands only cards and buttons send. */
  words: string[];
  usage: string;
  description: string;
  example: string;
  /** What the command always does; its options may add more (`effectsOf`). */
  effects: readonly Effect[];
  /** Shown by `help`; false for what only cards and buttons send. */
  listed: boolean;
}

export interface CatalogEntry extends CatalogRow {
  /** The role `effects` need: what `help` shows and lists by. */
  role: Role;
}

const rows: readonly CatalogRow[] = [
  {
    name: 'help',
    words: ['help'],
    usage: 'help [<command>]',
    description: 'Lists the commands, or explains one.',
    example: 'help add user',
    effects: ['read'],
    listed: true,
  },
  {
    name: 'add-user-form',
    words: ['add', 'user'],
    usage: 'add user',
    description: 'Opens the add-user form.',
    example: 'add user',
    effects: ['read'],
    listed: true,
  },
  {
    name: 'add-user',
    words: ['add', 'user'],
    usage: 'add user <upn> plan <plan> [name "<display name>"] [location <CC>] [admin] [alias <address>]...',
    description:
      'Creates the user in the customer tenant (or links the existing one, leaving its sign-in and roles as they are) and assigns the plan; `admin` needs the approver role.',
    example: 'add user jane@contoso.com plan business-premium name "Jane Doe" location GB alias j.doe@contoso.com',
    effects: ['user-create', 'user-link', 'licence-change'],
    listed: true,
  },
  {
    name: 'change-plan-form',
    words: ['change', 'plan'],
    usage: 'change plan',
    description: 'Opens the change-plan form.',
    example: 'change plan',
    effects: ['read'],
    listed: true,
  },
  {
    name: 'change-plan',
    words: ['change', 'plan'],
    usage: 'change plan <upn> <plan>',
    description: "Switches the user's licences to the plan's set in one change.",
    example: 'change plan jane@contoso.com business-basic',
    effects: ['licence-change'],
    listed: true,
  },
  {
    name: 'revoke-admin',
    words: ['revoke', 'admin'],
    usage: 'revoke admin <upn>',
    description: 'Removes the admin role from the user (asks for confirmation).',
    example: 'revoke admin jane@contoso.com',
    effects: ['admin-revoke'],
    listed: true,
  },
  {
    name: 'grant-admin',
    words: ['grant', 'admin'],
    usage: 'grant admin <upn>',
    description: 'Gives the user the admin role.',
    example: 'grant admin jane@contoso.com',
    effects: ['admin-grant'],
    listed: true,
  },
  {
    name: 'remove-user',
    words: ['remove', 'user'],
    usage: 'remove user <upn> [delete]',
    description: 'Removes the licences and blocks sign-in; `delete` also deletes the user (restorable for 30 days).',
    example: 'remove user jane@contoso.com delete',
    effects: ['licence-removal', 'sign-in-block'],
    listed: true,
  },
  {
    name: 'consent-link',
    words: ['consent', 'link'],
    usage: 'consent link <customer>',
    description: "Makes an admin-consent link for the customer's Office 365 administrator.",
    example: 'consent link northwind',
    effects: ['consent'],
    listed: true,
  },
  {
    name: 'verify-consent',
    words: ['verify', 'consent'],
    usage: 'verify consent <customer>',
    description: 'Proves the consent by signing in to the customer tenant.',
    example: 'verify consent northwind',
    effects: ['consent'],
    listed: true,
  },
  {
    name: 'confirm-consent',
    words: ['confirm', 'consent'],
    usage: 'confirm consent <customer> <tenant>',
    description:
      'Binds the tenant a consent link proved to a customer that had none, once you have checked its organisation.',
    example: 'confirm consent northwind b3a1c2d4-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
    effects: ['tenant-binding'],
    listed: true,
  },
  {
    name: 'sync',
    words: ['sync'],
    usage: 'sync [<customer>]',
    description: 'Compares the customer tenant with our records now and reports what it found.',
    example: 'sync contoso',
    effects: ['sync-run'],
    listed: true,
  },
  {
    name: 'users',
    words: ['users'],
    usage: 'users [<customer>]',
    description: "Lists the customer's service users with their plans.",
    example: 'users contoso',
    effects: ['read'],
    listed: true,
  },
  {
    name: 'status',
    words: ['status'],
    usage: 'status [<customer>]',
    description: 'Shows consent, users, open discrepancies, last sync and licences per customer.',
    example: 'status contoso',
    effects: ['read'],
    listed: true,
  },
  {
    name: 'plans',
    words: ['plans'],
    usage: 'plans [<customer>]',
    description: 'Lists the plans, with limits and free licences for a customer.',
    example: 'plans fabrikam',
    effects: ['read'],
    listed: true,
  },
  {
    name: 'notify-here',
    words: ['notify', 'here'],
    usage: 'notify here <customer>',
    description: "Makes this channel receive the customer's discrepancy notifications.",
    example: 'notify here contoso',
    effects: ['channel-binding'],
    listed: true,
  },
  {
    name: 'customer-add',
    words: ['customer', 'add'],
    usage: 'customer add <id> "<name>" [tenant <tenantId>]',
    description: 'Adds a customer.',
    example: 'customer add tailspin "Tailspin Toys" tenant 2b7f0c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
    effects: ['config-change'],
    listed: true,
  },
  {
    name: 'customer-plan',
    words: ['customer'],
    usage: 'customer <id> plan <plan> [limit <n>]',
    description: 'Enables a plan for the customer, with an optional limit of users.',
    example: 'customer contoso plan business-basic limit 10',
    effects: ['config-change'],
    listed: true,
  },
  {
    name: 'plan-add',
    words: ['plan', 'add'],
    usage: 'plan add <id> "<name>" skus <SKU>[,<SKU>]',
    description: 'Adds a plan: a set of licence SKUs (skuPartNumber).',
    example: 'plan add e3 "Office 365 E3" skus ENTERPRISEPACK',
    effects: ['config-change'],
    listed: true,
  },
  {
    name: 'access',
    words: ['access'],
    usage: 'access <helpdesk|approver|admin> add|remove <identity>',
    description: `Gives or takes a role: identities are ${identityForms}.`,
    example: `access approver add ${slackIdentityExample}`,
    effects: ['access-change'],
    listed: true,
  },
  {
    name: 'policy-auto',
    words: ['policy'],
    usage: 'policy <customer> auto <kind>[,<kind>]',
    description: 'Discrepancy kinds the sync applies without asking (`none` to always ask).',
    example: 'policy contoso auto upn-changed,admin-revoked',
    effects: ['config-change'],
    listed: true,
  },
  {
    name: 'doctor',
    words: ['doctor'],
    usage: 'doctor',
    description:
      'Checks the configuration, the store, each customer’s consent, permissions, Exchange role, domains and licences, Teams and Slack, and says what to fix.',
    example: 'doctor',
    effects: ['diagnose'],
    listed: true,
  },
  {
    name: 'decide',
    words: [],
    usage: 'Approve / Revoke button on a discrepancy',
    description: 'Decides one discrepancy.',
    example: '',
    effects: ['decision'],
    listed: false,
  },
  {
    name: 'decide-all',
    words: [],
    usage: 'Approve all / Revoke all button on a sync digest',
    description: 'Decides every open discrepancy of one kind for a customer.',
    example: '',
    effects: ['decision'],
    listed: false,
  },
  {
    name: 'submit-form',
    words: [],
    usage: 'Submit button of a form',
    description: 'Runs the command a form was filled in for.',
    example: '',
    effects: ['read'],
    listed: false,
  },
];

export const commandCatalog: readonly CatalogEntry[] = rows.map((row) => ({
  ...row,
  role: requiredRoleOf(row.effects),
}));

const formCommands: Record<FormName, CommandName> = {
  'add-user': 'add-user',
  'change-plan': 'change-plan',
};

const roleLabels: Record<Role, string> = { helpdesk: 'helpdesk', approver: 'approver', admin: 'admin' };

export function findCatalogEntry(name: CommandName): CatalogEntry {
  const entry = commandCatalog.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`The command catalog has no entry for "${name}".`);
  return entry;
}

/** The row a command is authorised by: a submitted form is the command it was filled in for. */
export function catalogEntryOf(command: Command): CatalogEntry {
  return findCatalogEntry(command.name === 'submit-form' ? formCommands[command.form] : command.name);
}

/** Every effect a command carries: its row's, and those its options add (`admin`, `delete`, a decision's kind). */
export function effectsOf(command: Command): Effect[] {
  return [...new Set([...catalogEntryOf(command).effects, ...optionEffects(command)])];
}

function optionEffects(command: Command): Effect[] {
  switch (command.name) {
    case 'add-user':
      return command.admin ? ['admin-grant'] : [];
    case 'submit-form':
      // Anything but an unticked toggle counts as asking: a refusal too many, never a grant too many.
      return command.form === 'add-user' && isAsked(command.values.admin) ? ['admin-grant'] : [];
    case 'remove-user':
      return command.delete ? ['user-delete'] : [];
    case 'decide-all':
      return decisionEffects(command.kind, command.action);
    default:
      return [];
  }
}

function isAsked(value: string | boolean | undefined): boolean {
  return value !== undefined && value !== false && value !== '' && value !== 'false';
}

/** The role a command needs: the one that allows every effect it carries. */
export function requiredRole(command: Command): Role {
  return requiredRoleOf(effectsOf(command));
}

/** How a role is named to people ("needs the approver role"). */
export function roleLabel(role: Role): string {
  return roleLabels[role];
}

/** The rows `help` shows to someone with `role` (all rows when no role is given). */
export function listHelpEntries(role?: Role): CatalogEntry[] {
  return commandCatalog.filter((entry) => entry.listed && (role === undefined || hasRole(role, entry.role)));
}
