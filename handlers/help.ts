/** help: the catalog's rows, the ones the requester may run (all of them, marked with roles, for someone with none). */

import { roleOf } from '../core/authorize';
import { commandCatalog, findCatalogEntry, listHelpEntries } from '../core/command-catalog';
import type { HelpReply } from '../core/reply';
import type { Command } from '../core/request';
import type { Invocation } from '../core/runtime';

export async function showHelp(
  invocation: Invocation,
  command: Extract<Command, { name: 'help' }>,
): Promise<HelpReply> {
  const role = await roleOf(invocation.runtime, invocation.request.context);
  let entries = listHelpEntries(role);
  if (entries.length === 0) entries = listHelpEntries();
  const topic = command.topic?.trim().toLowerCase();
  if (topic) {
    const matching = commandCatalog.filter(
      (entry) =>
        entry.listed &&
        (entry.name === topic || entry.words.join(' ') === topic || entry.words.join(' ').startsWith(topic)),
    );
    if (matching.length > 0) entries = matching.map((entry) => findCatalogEntry(entry.name));
  }
  return {
    kind: 'help',
    commands: entries.map((entry) => ({
      usage: entry.usage,
      description: entry.description,
      example: entry.example,
      role: entry.role,
    })),
  };
}
