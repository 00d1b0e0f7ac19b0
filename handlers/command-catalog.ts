/**
 * One table of every command: the words that name it, how it is written, what it does, an example and the role
 * it needs. The text parser (bot/commands) routes on `words`, `help` lists the rows, and the handlers' role check
 * asks `requiredRole`. Card and button commands (decide, submit-form) have rows too, but are not listed by `help`.
 */
import { identityForms, slackIdentityExample } from '../common/identity';
import type { Role } from '../store/types';
import type { Command, CommandName, FormName } from './request';

export interface CatalogEntry {
  name: CommandName;
  /** The command words, lower case, as typed: ['add', 'user']. Empty for commands only cards and buttons send. */
  words: string[];
  usage: string;
  description: string;
  example: string;
  role: Role;
  /** Shown by `help`; false for what only cards and buttons send. */
  listed: boolean;
}

export const commandCatalog: readonly CatalogEntry[] = [
  {
    name: 'help',
    words: ['help'],
    usage: 'help [<command>]',
    description: 'Lists the commands, or explains one.',
    example: 'help add user',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'add-user-form',
    words: ['add', 'user'],
    usage: 'add user',
    description: 'Opens the add-user form.',
    example: 'add user',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'add-user',
    words: ['add', 'user'],
    usage: 'add user <upn> plan <plan> [name "<display name>"] [location <CC>] [admin] [alias <address>]...',
    description: 'Creates the user in the customer tenant (or links the existing one) and assigns the plan.',
    example: 'add user jane@contoso.com plan business-premium name "Jane Doe" location GB alias j.doe@contoso.com',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'change-plan-form',
    words: ['change', 'plan'],
    usage: 'change plan',
    description: 'Opens the change-plan form.',
    example: 'change plan',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'change-plan',
    words: ['change', 'plan'],
    usage: 'change plan <upn> <plan>',
    description: "Switches the user's licences to the plan's set in one change.",
    example: 'change plan jane@contoso.com business-basic',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'revoke-admin',
    words: ['revoke', 'admin'],
    usage: 'revoke admin <upn>',
    description: 'Removes the admin role from the user (asks for confirmation).',
    example: 'revoke admin jane@contoso.com',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'grant-admin',
    words: ['grant', 'admin'],
    usage: 'grant admin <upn>',
    description: 'Gives the user the admin role.',
    example: 'grant admin jane@contoso.com',
    role: 'approver',
    listed: true,
  },
  {
    name: 'remove-user',
    words: ['remove', 'user'],
    usage: 'remove user <upn> [delete]',
    description: 'Removes the licences and blocks sign-in; `delete` also deletes the user (restorable for 30 days).',
    example: 'remove user jane@contoso.com delete',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'consent-link',
    words: ['consent', 'link'],
    usage: 'consent link <customer>',
    description: "Makes an admin-consent link for the customer's Office 365 administrator.",
    example: 'consent link northwind',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'verify-consent',
    words: ['verify', 'consent'],
    usage: 'verify consent <customer>',
    description: 'Proves the consent by signing in to the customer tenant.',
    example: 'verify consent northwind',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'sync',
    words: ['sync'],
    usage: 'sync [<customer>]',
    description: 'Compares the customer tenant with our records now and reports what it found.',
    example: 'sync contoso',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'users',
    words: ['users'],
    usage: 'users [<customer>]',
    description: "Lists the customer's service users with their plans.",
    example: 'users contoso',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'status',
    words: ['status'],
    usage: 'status [<customer>]',
    description: 'Shows consent, users, open discrepancies, last sync and licences per customer.',
    example: 'status contoso',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'plans',
    words: ['plans'],
    usage: 'plans [<customer>]',
    description: 'Lists the plans, with limits and free licences for a customer.',
    example: 'plans fabrikam',
    role: 'helpdesk',
    listed: true,
  },
  {
    name: 'notify-here',
    words: ['notify', 'here'],
    usage: 'notify here <customer>',
    description: "Makes this channel receive the customer's discrepancy notifications.",
    example: 'notify here contoso',
    role: 'admin',
    listed: true,
  },
  {
    name: 'customer-add',
    words: ['customer', 'add'],
    usage: 'customer add <id> "<name>" [tenant <tenantId>]',
    description: 'Adds a customer.',
    example: 'customer add tailspin "Tailspin Toys" tenant 2b7f0c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
    role: 'admin',
    listed: true,
  },
  {
    name: 'customer-plan',
    words: ['customer'],
    usage: 'customer <id> plan <plan> [limit <n>]',
    description: 'Enables a plan for the customer, with an optional limit of users.',
    example: 'customer contoso plan business-basic limit 10',
    role: 'admin',
    listed: true,
  },
  {
    name: 'plan-add',
    words: ['plan', 'add'],
    usage: 'plan add <id> "<name>" skus <SKU>[,<SKU>]',
    description: 'Adds a plan: a set of licence SKUs (skuPartNumber).',
    example: 'plan add e3 "Office 365 E3" skus ENTERPRISEPACK',
    role: 'admin',
    listed: true,
  },
  {
    name: 'access',
    words: ['access'],
    usage: 'access <helpdesk|approver|admin> add|remove <identity>',
    description: `Gives or takes a role: identities are ${identityForms}.`,
    example: `access approver add ${slackIdentityExample}`,
    role: 'admin',
    listed: true,
  },
  {
    name: 'policy-auto',
    words: ['policy'],
    usage: 'policy <customer> auto <kind>[,<kind>]',
    description: 'Discrepancy kinds the sync applies without asking (`none` to always ask).',
    example: 'policy contoso auto upn-changed,admin-revoked',
    role: 'admin',
    listed: true,
  },
  {
    name: 'decide',
    words: [],
    usage: 'Approve / Revoke button on a discrepancy',
    description: 'Decides one discrepancy.',
    example: '',
    role: 'approver',
    listed: false,
  },
  {
    name: 'decide-all',
    words: [],
    usage: 'Approve all / Revoke all button on a sync digest',
    description: 'Decides every open discrepancy of one kind for a customer.',
    example: '',
    role: 'approver',
    listed: false,
  },
  {
    name: 'submit-form',
    words: [],
    usage: 'Submit button of a form',
    description: 'Runs the command a form was filled in for.',
    example: '',
    role: 'helpdesk',
    listed: false,
  },
];

const formCommands: Record<FormName, CommandName> = {
  'add-user': 'add-user',
  'change-plan': 'change-plan',
};

const roleRank: Record<Role, number> = { helpdesk: 1, approver: 2, admin: 3 };

const roleLabels: Record<Role, string> = { helpdesk: 'helpdesk', approver: 'approver', admin: 'admin' };

export function findCatalogEntry(name: CommandName): CatalogEntry {
  const entry = commandCatalog.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`The command catalog has no entry for "${name}".`);
  return entry;
}

/** The role a command needs; a submitted form needs the role of the command it was filled in for. */
export function requiredRole(command: Command): Role {
  if (command.name === 'submit-form') return findCatalogEntry(formCommands[command.form]).role;
  return findCatalogEntry(command.name).role;
}

/** Roles are cumulative: an admin may do what an approver may, an approver what helpdesk may. */
export function hasRole(held: Role | undefined, needed: Role): boolean {
  return held !== undefined && roleRank[held] >= roleRank[needed];
}

/** The highest of several roles (an identity may be listed more than once), or undefined. */
export function highestRole(held: readonly Role[]): Role | undefined {
  return [...held].sort((a, b) => roleRank[b] - roleRank[a])[0];
}

/** How a role is named to people ("needs the approver role"). */
export function roleLabel(role: Role): string {
  return roleLabels[role];
}

/** The rows `help` shows to someone with `role` (all rows when no role is given). */
export function listHelpEntries(role?: Role): CatalogEntry[] {
  return commandCatalog.filter((entry) => entry.listed && (role === undefined || hasRole(role, entry.role)));
}
