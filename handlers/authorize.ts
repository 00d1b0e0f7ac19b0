/**
 * Who may run what (design §4): a request is allowed when the requester's role allows every effect its command
 * carries (handlers/effects.ts), and refused as a whole otherwise, before anything is read from or written to a
 * tenant. Roles are cumulative; the CLI is the local operator with the admin role, and so is the sync job.
 */
import type { Role } from '../store/types';
import { catalogEntryOf, effectsOf, roleLabel } from './command-catalog';
import { type Effect, effectRules, effectsBeyond, highestRole, strongestEffect } from './effects';
import { HandlerError } from './handler-error';
import type { Command, CommandName, RequestContext } from './request';
import type { Invocation, Runtime } from './runtime';

/** How the refusal names what was asked: "Adding users needs the helpdesk role". */
const actions: Record<CommandName, string> = {
  help: 'Listing the commands',
  'add-user-form': 'Adding users',
  'add-user': 'Adding users',
  'submit-form': 'Submitting this form',
  'change-plan-form': 'Changing plans',
  'change-plan': 'Changing plans',
  'revoke-admin': 'Revoking admin access',
  'grant-admin': 'Granting admin access',
  'remove-user': 'Removing users',
  'consent-link': 'Making consent links',
  'verify-consent': 'Verifying consent',
  'confirm-consent': "Confirming a customer's tenant",
  sync: 'Running a sync',
  users: 'Listing users',
  status: 'Showing the status',
  plans: 'Listing plans',
  'notify-here': 'Choosing the notification channel',
  'customer-add': 'Adding customers',
  'customer-plan': "Changing a customer's plans",
  'plan-add': 'Adding plans',
  access: 'Changing access',
  'policy-auto': "Changing a customer's sync policy",
  decide: 'Deciding discrepancies',
  'decide-all': 'Deciding discrepancies',
  doctor: 'Running the doctor',
};

export async function roleOf(rt: Runtime, context: RequestContext): Promise<Role | undefined> {
  if (context.origin === 'cli' || context.origin === 'sync') return 'admin';
  return highestRole(await rt.store.access.rolesOf(context.identity));
}

/**
 * Throws HandlerError('forbidden') naming the role needed and how to get it. The refusal names the command
 * ("Adding users needs the helpdesk role"), or the effect an option added ("Granting admin access needs the
 * approver role") when that is what the requester's role does not allow.
 */
export async function authorize(rt: Runtime, context: RequestContext, command: Command): Promise<Role | undefined> {
  const held = await roleOf(rt, context);
  const refused = strongestEffect(effectsBeyond(held, effectsOf(command)));
  if (!refused) return held;
  const always = catalogEntryOf(command).effects.includes(refused);
  const action = !always
    ? effectRules[refused].action
    : command.name === 'submit-form'
      ? actions[command.form]
      : actions[command.name];
  throw forbidden(context, held, action, effectRules[refused].role);
}

/**
 * The same check where a use case carries out an effect, whatever asked for it (a form, a button, a sync
 * decision whose effects are known only once its discrepancy is read): refuses unless the role allows `effects`.
 */
export async function requireEffects(invocation: Invocation, effects: readonly Effect[]): Promise<void> {
  const { rt, request } = invocation;
  const held = await roleOf(rt, request.context);
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
