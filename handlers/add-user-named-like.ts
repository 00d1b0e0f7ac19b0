/**
 * `add user "<display name>" like <existing upn>` (design §9): the copied user's plan's username format and domain
 * make the UPN from the name (as `add user "<name>" plan <plan>` does), then it is `add user <upn> like <upn>`, and
 * the answer says where the UPN came from before what was copied.
 */
import { parseUpn } from '../core/addresses';
import { requireEffects } from '../core/authorize';
import { effectsOf } from '../core/command-catalog';
import { getEnabledPlan } from '../core/licences';
import type { ConfirmReply, ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import { requireTenant, resolveCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { addUserLikeWith, managedModel } from './add-user-like';
import { derivedUpnNote, deriveUpnOnce } from './add-user-named';

type AddUserNamedLikeCommand = Extract<Command, { name: 'add-user-named-like' }>;

export async function addUserNamedLike(
  invocation: Invocation,
  command: AddUserNamedLikeCommand,
): Promise<ResultReply | ConfirmReply> {
  await requireEffects(invocation, effectsOf(command));
  const { model, customer, tenantId, enabled, rest } = await copiedPlanOf(invocation, command);
  const derived = await deriveUpnOnce(invocation, customer, tenantId, enabled, command.displayName, rest);
  return addUserLikeWith(
    invocation,
    {
      name: 'add-user-like',
      upn: derived.upn,
      like: model,
      displayName: command.displayName,
      customerId: customer.id,
    },
    [derivedUpnNote(derived)],
  );
}

/** The user to copy, their customer and plan: what the new user's UPN is made by (its preview reads the same). */
export async function copiedPlanOf(invocation: Invocation, command: AddUserNamedLikeCommand) {
  const model = parseUpn(command.like, 'like').address;
  const customer = await resolveCustomer(invocation, { upn: model, customerId: command.customerId });
  const tenantId = requireTenant(customer);
  const record = await managedModel(invocation, customer, model, `"${command.displayName}"`);
  const enabled = await getEnabledPlan(invocation.runtime, customer, record.planId);
  // How the refusal of a plan without a username format says to give the UPN instead.
  return { model, customer, tenantId, enabled, rest: `like ${model}` };
}
