/** Who may run what (design §4): roles are cumulative, the CLI is the local operator with the admin role. */
import type { Role } from '../store/types';
import { hasRole, highestRole, requiredRole, roleLabel } from './command-catalog';
import { HandlerError } from './handler-error';
import type { Command, CommandName, RequestContext } from './request';
import type { Runtime } from './runtime';

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
};

export async function roleOf(rt: Runtime, context: RequestContext): Promise<Role | undefined> {
  if (context.origin === 'cli' || context.origin === 'sync') return 'admin';
  return highestRole(await rt.store.access.rolesOf(context.identity));
}

/** Throws HandlerError('forbidden') naming the role needed and how to get it. */
export async function authorize(rt: Runtime, context: RequestContext, command: Command): Promise<Role | undefined> {
  const held = await roleOf(rt, context);
  const needed = requiredRole(command);
  if (hasRole(held, needed)) return held;
  const action = command.name === 'submit-form' ? actions[command.form] : actions[command.name];
  const label = roleLabel(needed);
  const has = held ? ` (you have the ${roleLabel(held)} role)` : '';
  throw new HandlerError(
    'forbidden',
    `${action} needs the ${label} role${has}; ask an m365ops admin to run \`access ${label} add ${context.identity}\`.`,
    { neededRole: label },
  );
}
