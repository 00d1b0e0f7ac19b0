/**
 * How the CLI asks: as the local operator (`cli:<os user>`), in private, with destructive commands already
 * confirmed (typing them at a shell is the confirmation). A changing command carries an idempotency key kept in
 * the store while it runs, so running the same command again after a crash resumes it instead of acting twice,
 * while running it again after it finished acts anew.
 */
import { createHash, randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { commandSpecs } from '../../core/commands';
import { readingEffects } from '../../core/commands/effects';
import type { RequestKeys } from '../../core/m365ops-port';
import type { Command, Request, RequestContext } from '../../core/request';

/** A command that only reads needs no key: running it twice is harmless. */
function onlyReads(command: Command): boolean {
  return commandSpecs[command.name].effects.every((effect) => readingEffects.has(effect));
}

/** A finished request leaves this value behind, so the next run of the same command gets a fresh key. */
const finishedMark = '';

export function buildCliContext(username = currentUsername()): RequestContext {
  return { identity: `cli:${username}`, displayName: username, origin: 'cli', channelName: 'CLI', isPersonal: true };
}

export function currentUsername(): string {
  try {
    return userInfo().username;
  } catch (error) {
    // No passwd entry (some containers): fall back to the environment, then to a fixed name.
    return process.env.USER ?? process.env.USERNAME ?? `uid-${(error as NodeJS.ErrnoException).code ?? 'unknown'}`;
  }
}

/** A command that asks for confirmation in chat (its spec `confirms`) is sent confirmed. */
export function confirmDestructive(command: Command): Command {
  return commandSpecs[command.name].confirms ? ({ ...command, confirmed: true } as Command) : command;
}

/** The same command (whatever the option order or spelling) by the same operator hashes the same. */
export function hashCommand(command: Command, identity: string): string {
  return createHash('sha256')
    .update(`${identity}\n${canonicalJson(command)}`)
    .digest('hex');
}

export interface PendingRequest {
  request: Request;
  /** Marks the request finished: the next run of the same command starts afresh. */
  finish(): Promise<void>;
}

/** Builds the Request, resuming the key of an unfinished run of the same command if there is one. */
export async function beginCliRequest(
  command: Command,
  context: RequestContext,
  settings: RequestKeys,
): Promise<PendingRequest> {
  if (onlyReads(command)) {
    return { request: { context, command }, finish: async () => {} };
  }
  const hash = hashCommand(command, context.identity);
  const slot = `cli-request:${hash}`;
  const fresh = `cli:${hash}:${randomUUID()}`;
  let key = await settings.setIfAbsent(slot, fresh);
  if (key === finishedMark) {
    await settings.set(slot, fresh);
    key = fresh;
  }
  return {
    request: { context, command, idempotencyKey: key },
    finish: () => settings.set(slot, finishedMark),
  };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
