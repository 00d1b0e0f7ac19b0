/**
 * Who may run what (design §4): a request is allowed when the requester's role allows every effect its command
 * carries (core/effects.ts), and refused as a whole otherwise, before anything is read from or written to a
 * tenant. Roles are cumulative; the CLI is the local operator with the admin role, and so is the sync job.
 */
import type { Role } from '../store/types';
import { catalogEntryOf, effectsOf, roleLabel } from './command-catalog';
import { type Effect, effectRules, effectsBeyond, highestRole, strongestEffect } from './commands/effects';
import { HandlerError } from './handler-error';
import type { Command, RequestContext } from './request';
import type { Invocation, Runtime } from './runtime';

export async function roleOf(runtime: Runtime, context: RequestContext): Promise<Role | undefined> {
  if (context.origin === 'cli' || context.origin === 'sync') return 'admin';
  return highestRole(await runtime.store.access.rolesOf(context.identity));
}

/**
 * Throws HandlerError('forbidden') naming the role needed and how to get it. The refusal names the command
 * ("Adding users needs the helpdesk role"), or the effect an option added ("Granting admin access needs the
 * approver role") when that is what the requester's role does not allow.
 */
export async function authorize(
  runtime: Runtime,
  context: RequestContext,
  command: Command,
): Promise<Role | undefined> {
  const held = await roleOf(runtime, context);
  const refused = strongestEffect(effectsBeyond(held, effectsOf(command)));
  if (!refused) return held;
  // The command's own name for what it always does ("Adding users"), or the effect an option added.
  const spec = catalogEntryOf(command);
  const action = spec.effects.includes(refused) ? spec.action : effectRules[refused].action;
  throw forbidden(context, held, action, effectRules[refused].role);
}

/**
 * The same check where a use case carries out an effect, whatever asked for it (a form, a button, a sync
 * decision whose effects are known only once its discrepancy is read): refuses unless the role allows `effects`.
 */
export async function requireEffects(invocation: Invocation, effects: readonly Effect[]): Promise<void> {
  const { runtime, request } = invocation;
  const held = await roleOf(runtime, request.context);
  const refused = strongestEffect(effectsBeyond(held, effects));
  if (refused) throw forbidden(request.context, held, effectRules[refused].action, effectRules[refused].role);
}

function forbidden(context: RequestContext, held: Role | undefined, action: string, needed: Role): HandlerError {
  const label = roleLabel(needed);
  const has = held ? ` (you have the ${roleLabel(held)} role)` : '';
  return new HandlerError(
    'forbidden',
    `${action} needs the ${label} role${has}; ask an m365ops admin to run \`access ${label} add ${context.identity}\`.`,
    { neededRole: label },
  );
}
