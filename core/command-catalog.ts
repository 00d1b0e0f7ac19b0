/**
 * The catalogue: every command's spec (core/commands) with the role its effects need. The text parser (bot/commands)
 * routes on `words`, `help` lists the rows, and the handlers' role check asks `effectsOf`. Card and button commands
 * (decide, submit-form) have rows too, but are not listed by `help`.
 */
import type { Role } from '../store/types';
import { isRequestable } from './approvals/requestable';
import { commandSpecs, orderedSpecs } from './commands';
import type { CommandSpec } from './commands/command-spec';
import { decisionEffects, type Effect, hasRole, requiredRoleOf } from './commands/effects';
import { effectsOfChoice, isOffboardOption } from './offboarding/options';
import type { Command, CommandName, FormName } from './request';

export { hasRole, highestRole } from './commands/effects';

export interface CatalogEntry extends CommandSpec {
  /** The role `effects` need: what `help` shows and lists by. */
  role: Role;
}

export const commandCatalog: readonly CatalogEntry[] = orderedSpecs.map((spec) => ({
  ...spec,
  role: requiredRoleOf(spec.effects),
}));

/** The command each form's submission runs. */
const formCommands = Object.fromEntries(
  orderedSpecs.filter((spec) => spec.submittedBy).map((spec) => [spec.submittedBy, spec.name]),
) as Record<FormName, CommandName>;

const roleLabels: Record<Role, string> = { helpdesk: 'helpdesk', approver: 'approver', admin: 'admin' };

export function findCatalogEntry(name: CommandName): CatalogEntry {
  const spec = commandSpecs[name];
  if (!spec) throw new Error(`The command catalog has no entry for "${name}".`);
  return { ...spec, role: requiredRoleOf(spec.effects) };
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
    case 'add-user-named':
      return command.admin ? ['admin-grant'] : [];
    case 'submit-form':
      // Anything but an unticked toggle counts as asking: a refusal too many, never a grant too many.
      if (command.form === 'remove-user') return isAsked(command.values.delete) ? ['user-delete'] : [];
      if (command.form === 'offboard') {
        return effectsOfChoice(
          Object.keys(command.values).filter((key) => isOffboardOption(key) && isAsked(command.values[key])) as never,
        );
      }
      return command.form === 'add-user' && isAsked(command.values.admin) ? ['admin-grant'] : [];
    case 'remove-user':
      return command.delete ? ['user-delete'] : [];
    case 'offboard':
      return effectsOfChoice(command.options);
    case 'decide-all':
      return decisionEffects(command.kind, command.action);
    case 'preview':
      // The previewed command's effects, but for those a request may carry: helpdesk previews what it would ask for.
      return effectsOf(command.command).filter((effect) => !isRequestable(effect));
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
