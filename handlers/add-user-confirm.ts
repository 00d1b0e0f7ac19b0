/**
 * add user with admin access asks first (design §9: granting an admin role asks for a confirmation naming it),
 * however it was asked: typed with `admin` or the add-user form with its toggle on. The confirmation is the form's
 * submission again, carrying the values and `confirmed`, so both paths end in the same checks.
 */
import { roleName } from '../core/admin-role';
import type { ConfirmReply } from '../core/reply';
import { possessive } from '../core/words';
import type { AddUserCommand, AddUserPlan } from './add-user-plan';

export function askBeforeGrantingAdmin(plan: AddUserPlan, command: AddUserCommand): ConfirmReply {
  const { customer, wanted } = plan;
  const role = roleName(customer.adminRole);
  return {
    kind: 'confirm',
    title: `Add ${wanted.address} as ${role}?`,
    summary: [
      `Adds ${wanted.address} to ${customer.name} on ${plan.enabled.plan.name} and gives them the ${role} role, with everything the role may do in ${possessive(customer.name)} tenant.`,
      'Leave the admin toggle off (or `admin` out) to add them without it.',
    ],
    confirmCommand: {
      name: 'submit-form',
      form: 'add-user',
      values: {
        customerId: customer.id,
        givenName: command.givenName,
        surname: command.surname,
        displayName: command.displayName,
        userName: wanted.local,
        domain: wanted.domain,
        planId: plan.enabled.plan.id,
        usageLocation: command.usageLocation,
        admin: true,
        aliases: command.aliases.join(', ') || undefined,
      },
      confirmed: true,
    },
    confirmLabel: `Add as ${role}`,
  };
}
