/**
 * add user: create the user in the customer tenant (or link the one already there), licence it with the plan,
 * optionally give admin access and aliases, and record the service user. Idempotent and resumable: an operation
 * record keyed by the request keeps what each step produced, an intent recorded before the create marks the user
 * as m365ops's own (add-user-tenant.ts), and every step first checks the tenant, so a repeat or a re-run after
 * a crash never makes a second user or a second licence change, and a user m365ops created is shown with a
 * password even when the first run died before saying so. A user that was there already is linked as found: its
 * sign-in is never unblocked, and it gets an admin role only when `admin` is asked by an approver, who confirms it
 * first (add-user-confirm.ts). The steps: plan
 * and checks (add-user-plan.ts, add-user-account.ts), create or link (add-user-tenant.ts), role, record and aliases
 * (add-user-finish.ts), the answer (add-user-reply.ts), shown as a tracked operation's card (add-user-track.ts).
 */

import { requireEffects } from '../core/authorize';
import { effectsOf } from '../core/command-catalog';
import { type ProvisioningTemplate, templateOfPlan } from '../core/provisioning/template-steps';
import type { ConfirmReply, ResultReply } from '../core/reply';
import type { Invocation } from '../core/runtime';
import type { Operation } from '../store/types';
import { checkProvisioning, findRecord, findTenantUser, newTenantUser } from './add-user-account';
import { askBeforeGrantingAdmin } from './add-user-confirm';
import { finishAddUser } from './add-user-finish';
import { type AddUserCommand, type AddUserPlan, planAddUser } from './add-user-plan';
import { answerAddUser } from './add-user-reply';
import { provideTenantUser, type RecordStep } from './add-user-tenant';
import { trackAddUser } from './add-user-track';

export type { AddUserCommand };

export function addUser(invocation: Invocation, command: AddUserCommand): Promise<ResultReply | ConfirmReply> {
  return addUserWith(invocation, command);
}

/** How add user is asked besides its command: `add user … like` copies the groups from another user and says so. */
export interface AddUserExtras {
  /** The groups and shared mailboxes the user gets, when not the plan's own. */
  template?: ProvisioningTemplate;
  /** Said first on the card ("Copied from …"). */
  notes?: string[];
  /** The user copied (`add user … like`), kept in the audit. */
  copiedFrom?: string;
}

export async function addUserWith(
  invocation: Invocation,
  command: AddUserCommand,
  extras: AddUserExtras = {},
): Promise<ResultReply | ConfirmReply> {
  // However it was asked (text, a form, a button): `admin` needs the approver role, checked before any tenant call.
  await requireEffects(invocation, effectsOf(command));
  const plan = await planAddUser(invocation, command);
  if (command.admin && !command.confirmed) return askBeforeGrantingAdmin(plan, command);
  return invocation.runtime.lock(`add-user:${plan.customer.id}:${plan.wanted.address}`, () =>
    provision(invocation, command, plan, {
      template: extras.template ?? templateOfPlan(plan.enabled.plan),
      notes: extras.notes ?? [],
      copiedFrom: extras.copiedFrom,
    }),
  );
}

async function provision(
  invocation: Invocation,
  command: AddUserCommand,
  plan: AddUserPlan,
  { template, notes, copiedFrom }: AddUserExtras & Pick<Required<AddUserExtras>, 'template' | 'notes'>,
): Promise<ResultReply> {
  const { runtime, request } = invocation;
  const { customer } = plan;
  const { operation, created } = await runtime.store.operations.begin({
    key: plan.key,
    type: 'add-user',
    customerId: customer.id,
    requestedBy: request.context.identity,
  });
  if (!created && operation.state === 'done' && request.idempotencyKey) return replay(operation);
  const live = created || operation.state !== 'done';
  const recordStep = async (step: string, output: unknown) => {
    if (live) await runtime.store.operations.recordStep(plan.key, step, output);
  };

  try {
    const {
      reply: answer,
      objectId,
      aliasState,
    } = await runSteps(invocation, command, plan, operation, {
      recordStep,
      copiedFrom,
    });
    const told = { ...answer, notes: [...notes, ...(answer.notes ?? [])] };
    const reply = await trackAddUser(invocation, plan, told, { objectId, aliasState, template });
    // Recorded: from now on the user is m365ops's by its record, and a later run is no longer a resumed create.
    await runtime.store.creationIntents.clear(customer.id, plan.upn);
    if (live)
      await runtime.store.operations.finish(plan.key, 'done', { result: { reply: { ...reply, secret: undefined } } });
    return reply;
  } catch (error) {
    if (live) {
      const message = error instanceof Error ? error.message : String(error);
      await runtime.store.operations.finish(plan.key, 'failed', { error: message });
    }
    throw error;
  }
}

async function runSteps(
  invocation: Invocation,
  command: AddUserCommand,
  plan: AddUserPlan,
  operation: Operation,
  { recordStep, copiedFrom }: { recordStep: RecordStep; copiedFrom?: string },
): Promise<{ reply: ResultReply; objectId: string; aliasState?: 'applied' | 'queued' }> {
  const { runtime } = invocation;
  const { customer, tenantId, enabled } = plan;
  const tenant = runtime.gateway.forTenant(tenantId);

  const record = await findRecord(invocation, plan);
  const createdEarlier = (operation.steps.created as { objectId?: string } | undefined)?.objectId;
  const intent = await runtime.store.creationIntents.find(customer.id, plan.upn);
  const existing = await findTenantUser(tenant, plan, record, createdEarlier);
  const { licences, usageLocation } = await checkProvisioning(invocation, plan, existing, record);
  const provided = await provideTenantUser(
    invocation,
    tenant,
    { customer, upn: plan.upn, wantedDomain: plan.wanted.domain, key: plan.key },
    { existing, record, createdEarlier, intent, done: operation.state === 'done' },
    { licences, usageLocation, newUser: (password) => newTenantUser(command, plan, usageLocation, password) },
    recordStep,
  );
  const { user } = provided;
  const { saved, admin, aliasState } = await finishAddUser(
    invocation,
    command,
    plan,
    { tenant, user, record, usageLocation },
    recordStep,
  );

  const reply = await answerAddUser(invocation, {
    customer,
    tenantId,
    enabled,
    upn: plan.upn,
    objectId: saved.objectId,
    linked: provided.origin === 'linked',
    found: provided.found,
    adminAsked: command.admin,
    admin,
    usageLocation,
    aliases: plan.aliases,
    aliasState,
    intendedUpn: plan.intendedUpn,
    resumedOperation: provided.origin === 'created' && intent ? intent.operationKey : undefined,
    copiedFrom,
    secret: provided.secret,
    notes: provided.notes,
  });
  return { reply, objectId: saved.objectId, aliasState };
}

function replay(operation: Operation): ResultReply {
  const stored = (operation.result?.reply ?? {}) as ResultReply;
  const notes = [...(stored.notes ?? []).filter((note) => !note.startsWith('The temporary password'))];
  notes.push(
    'This request was already done; this is its first answer again (a temporary password is only ever shown once).',
  );
  return { ...stored, kind: 'result', title: stored.title ?? 'Already done', facts: stored.facts ?? [], notes };
}
