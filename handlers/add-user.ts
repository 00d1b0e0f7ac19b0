/**
 * add user: create the user in the customer tenant (or link the one already there), licence it with the plan,
 * optionally give admin access and aliases, and record the service user. Idempotent and resumable: an operation
 * record keyed by the request keeps what each step produced, an intent recorded before the create marks the user
 * as m365ops's own (create-tenant-user.ts), and every step first checks the tenant, so a repeat or a re-run after
 * a crash never makes a second user or a second licence change, and a user m365ops created is shown with a
 * password even when the first run died before saying so. A user that was there already is linked as found: its
 * sign-in is never unblocked, and it gets an admin role only when `admin` is asked by an approver.
 */

import { checkAliases, mailNickname, type ParsedAddress, parseUpn } from '../core/addresses';
import { adminRoleOf, grantAdminRole } from '../core/admin-role';
import { requireEffects } from '../core/authorize';
import { effectsOf } from '../core/command-catalog';
import { fail } from '../core/errors';
import {
  checkFreeUnits,
  checkPlanLimit,
  type EnabledPlan,
  getEnabledPlan,
  missingLicences,
  resolvePlanLicences,
} from '../core/licences';
import type { ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import { requireTenant, resolveCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { saveServiceUser } from '../core/service-users';
import { initialDomain, verifiedDomains } from '../core/tenant-domains';
import { applyAliasesNowOrLater } from '../jobs/alias-job';
import type { AssignedLicense, NewTenantUser, TenantClient, TenantUser } from '../m365/types';
import type { Customer, Operation, ServiceUser } from '../store/types';
import { answerAddUser } from './add-user-reply';
import { provideTenantUser, type RecordStep } from './add-user-tenant';
import { checkUsageLocation, mostUsedLocation } from './usage-locations';

export type AddUserCommand = Extract<Command, { name: 'add-user' }>;

interface Plan {
  customer: Customer;
  tenantId: string;
  enabled: EnabledPlan;
  wanted: ParsedAddress;
  /** The UPN the user gets now: the wanted one, or <user>@<tenant>.onmicrosoft.com while the domain is unverified. */
  upn: string;
  /** Set while the wanted domain is unverified. */
  intendedUpn?: string;
  fallbackUpn?: string;
  usageLocation?: string;
  aliases: string[];
  key: string;
}

export async function addUser(invocation: Invocation, command: AddUserCommand): Promise<ResultReply> {
  // However it was asked (text, a form, a button): `admin` needs the approver role, checked before any tenant call.
  await requireEffects(invocation, effectsOf(command));
  const { runtime, request } = invocation;
  const wanted = parseUpn(command.upn);
  invocation.target = wanted.address;
  const customer = await resolveCustomer(invocation, { upn: wanted.address, customerId: command.customerId });
  const tenantId = requireTenant(customer);
  const enabled = await getEnabledPlan(runtime, customer, command.planId);
  const usageLocation = command.usageLocation ? checkUsageLocation(command.usageLocation) : undefined;

  const domains = await runtime.domains.list(tenantId);
  const verified = verifiedDomains(domains);
  const domain = domains.find((candidate) => candidate.id.toLowerCase() === wanted.domain);
  if (!domain) {
    throw fail(
      'foreign-domain',
      `${wanted.domain} is not a domain of ${customer.name}'s tenant; use one of ${verified.map((d) => d.id).join(', ')}.`,
      { suggestions: verified.map((d) => `${wanted.local}@${d.id}`), field: 'domain' },
    );
  }
  const initial = initialDomain(domains);
  const fallbackUpn = initial ? `${wanted.local}@${initial.id.toLowerCase()}` : undefined;
  let upn = wanted.address;
  let intendedUpn: string | undefined;
  if (!domain.isVerified) {
    if (!fallbackUpn)
      throw fail(
        'foreign-domain',
        `${wanted.domain} is not verified in ${customer.name}'s tenant, and the tenant has no onmicrosoft.com domain to use instead.`,
        { field: 'domain' },
      );
    upn = fallbackUpn;
    intendedUpn = wanted.address;
  }
  const aliases = checkAliases(command.aliases, upn, verified);
  const key = request.idempotencyKey
    ? `add-user:request:${request.idempotencyKey}`
    : `add-user:${customer.id}:${wanted.address}`;
  const plan: Plan = {
    customer,
    tenantId,
    enabled,
    wanted,
    upn,
    intendedUpn,
    fallbackUpn,
    usageLocation,
    aliases,
    key,
  };
  return runtime.lock(`add-user:${customer.id}:${wanted.address}`, () => provision(invocation, command, plan));
}

async function provision(invocation: Invocation, command: AddUserCommand, plan: Plan): Promise<ResultReply> {
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
    const reply = await runSteps(invocation, command, plan, operation, recordStep);
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
  plan: Plan,
  operation: Operation,
  recordStep: RecordStep,
): Promise<ResultReply> {
  const { runtime, request } = invocation;
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

  let admin = record?.admin ?? false;
  if (command.admin) {
    await grantAdminRole(tenant, customer, user.id);
    await recordStep('admin', { role: adminRoleOf(customer) });
    admin = true;
  }

  const saved = await saveServiceUser(runtime, {
    customerId: customer.id,
    objectId: user.id,
    upn: plan.upn,
    displayName: user.displayName || (command.displayName ?? nameFrom(command, plan.wanted.local)),
    planId: enabled.plan.id,
    admin,
    usageLocation,
    aliases: [...new Set([...(record?.aliases ?? []), ...plan.aliases])],
    status: 'active',
    intendedUpn: plan.intendedUpn,
    createdBy: request.context.identity,
  });
  await recordStep('recorded', { objectId: saved.objectId });

  let aliasState: 'applied' | 'queued' | undefined;
  if (plan.aliases.length > 0) {
    aliasState = await applyAliasesNowOrLater(
      runtime,
      { customerId: customer.id, tenantId, objectId: saved.objectId, upn: saved.upn, aliases: saved.aliases },
      request.context.identity,
    );
    await recordStep('aliases', { state: aliasState });
  }

  return answerAddUser(invocation, {
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
    secret: provided.secret,
    notes: provided.notes,
  });
}

/** The plan limit, the free licences and the usage location, checked before anything is written. */
async function checkProvisioning(
  invocation: Invocation,
  plan: Plan,
  user: TenantUser | null,
  record: ServiceUser | null,
): Promise<{ licences: AssignedLicense[]; usageLocation: string }> {
  const { runtime } = invocation;
  const { customer, enabled } = plan;
  if (!(record?.status === 'active' && record.planId === enabled.plan.id))
    await checkPlanLimit(runtime, customer, enabled);
  const skus = await runtime.gateway.forTenant(plan.tenantId).listSkus();
  const licences = resolvePlanLicences(customer, enabled.plan, skus);
  const toAssign = user ? missingLicences(user.assignedLicenses, licences) : licences;
  await checkFreeUnits(runtime, customer, enabled.plan, skus, toAssign);
  const usageLocation =
    plan.usageLocation ??
    user?.usageLocation ??
    record?.usageLocation ??
    (await mostUsedLocation(invocation, customer));
  if (!usageLocation) {
    throw fail(
      'missing-usage-location',
      `Say where ${plan.wanted.address} will use Microsoft 365: add \`location <CC>\`, a two-letter country code such as GB, US, DE (licences need it).`,
      { field: 'usageLocation' },
    );
  }
  return { licences, usageLocation };
}

function newTenantUser(command: AddUserCommand, plan: Plan, usageLocation: string, password: string): NewTenantUser {
  return {
    userPrincipalName: plan.upn,
    displayName: command.displayName ?? nameFrom(command, plan.wanted.local),
    mailNickname: mailNickname(plan.wanted.local),
    givenName: command.givenName,
    surname: command.surname,
    usageLocation,
    accountEnabled: true,
    password,
    forceChangePasswordNextSignIn: true,
  };
}

function replay(operation: Operation): ResultReply {
  const stored = (operation.result?.reply ?? {}) as ResultReply;
  const notes = [...(stored.notes ?? []).filter((note) => !note.startsWith('The temporary password'))];
  notes.push(
    'This request was already done; this is its first answer again (a temporary password is only ever shown once).',
  );
  return { ...stored, kind: 'result', title: stored.title ?? 'Already done', facts: stored.facts ?? [], notes };
}

/** Our record of the user: under the wanted UPN, or under the fallback UPN it was created with. */
async function findRecord(invocation: Invocation, plan: Plan): Promise<ServiceUser | null> {
  const users = invocation.runtime.store.serviceUsers;
  const direct = await users.findByUpn(plan.customer.id, plan.wanted.address);
  if (direct) return direct;
  if (!plan.fallbackUpn) return null;
  const fallback = await users.findByUpn(plan.customer.id, plan.fallbackUpn);
  return fallback && (fallback.intendedUpn === plan.wanted.address || plan.upn === plan.fallbackUpn) ? fallback : null;
}

async function findTenantUser(
  tenant: TenantClient,
  plan: Plan,
  record: ServiceUser | null,
  createdEarlier: string | undefined,
): Promise<TenantUser | null> {
  for (const id of [record?.objectId, createdEarlier]) {
    if (!id) continue;
    const user = await tenant.getUser(id);
    if (user) return user;
  }
  const byUpn = await tenant.findUserByUpn(plan.upn);
  if (byUpn) return byUpn;
  return null;
}

/** "jane.doe" → "Jane Doe" when no name is given. */
function nameFrom(command: AddUserCommand, local: string): string {
  const parts = [command.givenName, command.surname].filter((part): part is string => Boolean(part?.trim()));
  if (parts.length > 0) return parts.join(' ');
  return local
    .split(/[._-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
