/**
 * `add user "Jane Doe" plan <plan>`: the UPN is made by the plan's username format and domain
 * (core/plan-templates/derive-upn.ts), then it is `add user <upn>` with every step and check of that command, and
 * the answer says where the UPN came from. A repeat of the same request keeps the UPN its first run made (the user
 * that run created must not make the repeat look for the next free one).
 */
import { requireEffects } from '../core/authorize';
import { effectsOf } from '../core/command-catalog';
import { type EnabledPlan, getEnabledPlan } from '../core/licences';
import { type DerivedUpn, deriveUpn } from '../core/plan-templates/derive-upn';
import type { ConfirmReply, ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import { requireTenant, resolveCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import type { Customer } from '../store/types';
import { addUserWith } from './add-user';

type AddUserNamedCommand = Extract<Command, { name: 'add-user-named' }>;

export async function addUserNamed(
  invocation: Invocation,
  command: AddUserNamedCommand,
): Promise<ResultReply | ConfirmReply> {
  await requireEffects(invocation, effectsOf(command));
  const customer = await resolveCustomer(invocation, { customerId: command.customerId });
  const tenantId = requireTenant(customer);
  const enabled = await getEnabledPlan(invocation.runtime, customer, command.planId);
  const derived = await deriveUpnOnce(invocation, customer, tenantId, enabled, command.displayName);
  const note = derivedUpnNote(derived);
  const { name: _name, ...options } = command;
  const reply = await addUserWith(
    invocation,
    { ...options, name: 'add-user', upn: derived.upn, customerId: customer.id },
    { notes: [note] },
  );
  return reply.kind === 'confirm' ? { ...reply, summary: [note, ...reply.summary] } : reply;
}

/** The UPN the plan's format makes of the name, or the one this same request made before (a repeat). */
export async function deriveUpnOnce(
  invocation: Invocation,
  customer: Customer,
  tenantId: string,
  enabled: EnabledPlan,
  displayName: string,
  /** What follows the UPN in the command that would give it instead (`like <upn>`); the plan by default. */
  rest?: string,
): Promise<DerivedUpn> {
  const derived =
    (await derivedEarlier(invocation, customer)) ??
    (await deriveUpn(invocation.runtime, customer, tenantId, enabled, displayName, rest));
  await rememberDerived(invocation, customer, derived);
  return derived;
}

export function derivedUpnNote(derived: DerivedUpn): string {
  return `UPN ${derived.upn} from the plan's format ${derived.format} (${derived.domainFrom}).`;
}

function derivationKey(invocation: Invocation): string | undefined {
  const key = invocation.request.idempotencyKey;
  return key ? `add-user-named:request:${key}` : undefined;
}

async function derivedEarlier(invocation: Invocation, customer: Customer): Promise<DerivedUpn | undefined> {
  const key = derivationKey(invocation);
  const operation = key ? await invocation.runtime.store.operations.get(key) : null;
  if (!operation || operation.customerId !== customer.id) return undefined;
  return operation.steps.derived as DerivedUpn | undefined;
}

async function rememberDerived(invocation: Invocation, customer: Customer, derived: DerivedUpn): Promise<void> {
  const key = derivationKey(invocation);
  if (!key) return;
  const { operations } = invocation.runtime.store;
  const { created } = await operations.begin({
    key,
    type: 'add-user-named',
    customerId: customer.id,
    requestedBy: invocation.request.context.identity,
  });
  if (!created) return;
  await operations.recordStep(key, 'derived', derived);
  await operations.finish(key, 'done', {});
}
