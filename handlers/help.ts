/**
 * help: the catalog's rows the requester's role allows (only help itself for someone with no role), and at the end
 * what else exists for other roles and who grants them.
 */

import { roleOf } from '../core/authorize';
import {
  type CatalogEntry,
  commandCatalog,
  findCatalogEntry,
  listHelpEntries,
  roleLabel,
} from '../core/command-catalog';
import type { HelpReply } from '../core/reply';
import type { Command } from '../core/request';
import type { Invocation } from '../core/runtime';
import { countOf } from '../core/words';
import type { Role } from '../store/types';

export async function showHelp(
  invocation: Invocation,
  command: Extract<Command, { name: 'help' }>,
): Promise<HelpReply> {
  const role = await roleOf(invocation.runtime, invocation.request.context);
  const allowed = role ? listHelpEntries(role) : commandCatalog.filter((entry) => entry.listed && entry.open);
  const topic = command.topic?.trim().toLowerCase();
  const matching = topic ? commandCatalog.filter((entry) => entry.listed && matchesTopic(entry, topic)) : [];
  const entries = matching.length > 0 ? matching.map((entry) => findCatalogEntry(entry.name)) : allowed;
  const more = topic ? undefined : describeOtherRoles(role, allowed, invocation.request.context.identity);
  return {
    kind: 'help',
    commands: entries.map((entry) => ({
      usage: entry.usage,
      description: entry.description,
      example: entry.example,
      role: entry.role,
    })),
    ...(more ? { more } : {}),
  };
}

function matchesTopic(entry: CatalogEntry, topic: string): boolean {
  const words = entry.words.join(' ');
  return entry.name === topic || words === topic || words.startsWith(topic);
}

/** "8 more commands need the admin role; an m365ops admin gives it with `access admin add <you>`." */
const roleOrder: Role[] = ['helpdesk', 'approver', 'admin'];

function describeOtherRoles(role: Role | undefined, allowed: CatalogEntry[], identity: string): string | undefined {
  const shown = new Set(allowed.map((entry) => entry.name));
  const others = commandCatalog.filter((entry) => entry.listed && !shown.has(entry.name));
  if (others.length === 0) return undefined;
  const roles = roleOrder.filter((each) => others.some((entry) => entry.role === each)).map(roleLabel);
  const needed =
    roles.length === 1 ? `the ${roles[0]} role` : `the ${roles.slice(0, -1).join(', ')} or ${roles.at(-1)} role`;
  const grant = `an m365ops admin gives a role with \`access <role> add <identity>\`; yours is ${identity}.`;
  if (!role) {
    return `You have no m365ops role yet, so only help is open to you. ${countOf(others.length, 'command')} need ${needed}: ask an m365ops admin to run \`access helpdesk add ${identity}\`.`;
  }
  return `${countOf(others.length, 'more command')} ${others.length === 1 ? 'needs' : 'need'} ${needed}: ${grant}`;
}
