/**
 * add user: create the user in the customer tenant (or link the one already there), licence it with the plan,
 * optionally give admin access and aliases, and record the service user. Idempotent and resumable: an operation
 * record keyed by the request keeps what each step produced, and every step first checks the tenant, so a repeat
 * or a re-run after a crash never makes a second user or a second licence change.
 */
import { M365Error } from '../m365/errors';
import type { TenantClient, TenantUser, TenantUserPatch } from '../m365/types';
import type { Customer, Operation, ServiceUser } from '../store/types';
import { checkAliases, type ParsedAddress, parseUpn } from './addresses';
import { adminRoleOf } from './admin-role';
import { applyAliasesNowOrLater } from './aliases';
import { recordAudit } from './audit';
import { fail } from './errors';
import { HandlerError } from './handler-error';
import {
  checkFreeUnits,
  checkPlanLimit,
  type EnabledPlan,
  getEnabledPlan,
  missingLicences,
  resolvePlanLicences,
} from './licences';
import type { ResultReply } from './reply';
import type { Command } from './request';
import { requireTenant, resolveCustomer } from './resolve-customer';
import type { Invocation } from './runtime';
import { saveServiceUser } from './service-users';
import { createTemporaryPassword } from './temporary-password';
import { initialDomain, verifiedDomains } from './tenant-domains';
import { checkUsageLocation } from './usage-locations';
import { checkUserNames } from './user-names';

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
  const { rt, request } = invocation;
  checkUserNames(command);
  const wanted = parseUpn(command.upn);
  invocation.target = wanted.address;
  const customer = await resolveCustomer(invocation, { upn: wanted.address, customerId: command.customerId });
  const tenantId = requireTenant(customer);
  const enabled = await getEnabledPlan(rt, customer, command.planId);
  const usageLocation = command.usageLocation ? checkUsageLocation(command.usageLocation) : undefined;

  const domains = await rt.domains.list(tenantId);
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
  return rt.lock(`add-user:${customer.id}:${wanted.address}`, () => provision(invocation, command, plan));
}

async function provision(invocation: Invocation, command: AddUserCommand, plan: Plan): Promise<ResultReply> {
  const { rt, request } = invocation;
  const { customer } = plan;
  const { operation, created } = await rt.store.operations.begin({
    key: plan.key,
    type: 'add-user',
    customerId: customer.id,
    requestedBy: request.context.identity,
  });
  if (!created && operation.state === 'done' && request.idempotencyKey) return replay(operation);
  const live = created || operation.state !== 'done';
  const recordStep = async (step: string, output: unknown) => {
    if (live) await rt.store.operations.recordStep(plan.key, step, output);
  };

  try {
    const reply = await runSteps(invocation, command, plan, operation, recordStep);
    if (live)
      await rt.store.operations.finish(plan.key, 'done', { result: { reply: { ...reply, secret: undefined } } });
    return reply;
  } catch (error) {
    if (live) {
      const message = error instanceof Error ? error.message : String(error);
      await rt.store.operations.finish(plan.key, 'failed', { error: message });
    }
    throw error;
  }
}

async function runSteps(
  invocation: Invocation,
  command: AddUserCommand,
  plan: Plan,
  operation: Operation,
  recordStep: (step: string, output: unknown) => Promise<void>,
): Promise<ResultReply> {
  const { rt, request } = invocation;
  const { customer, tenantId, enabled } = plan;
  const tenant = rt.gateway.forTenant(tenantId);
  const notes: string[] = [];

  const record = await findRecord(invocation, plan);
  const createdEarlier = (operation.steps.created as { objectId?: string } | undefined)?.objectId;
  let user = await findTenantUser(tenant, plan, record, createdEarlier);
  const linked = user !== null && record === null && user.id !== createdEarlier;

  if (!(record?.status === 'active' && record.planId === enabled.plan.id)) await checkPlanLimit(rt, customer, enabled);
  const skus = await tenant.listSkus();
  const licences = resolvePlanLicences(customer, enabled.plan, skus);
  const toAssign = user ? missingLicences(user.assignedLicenses, licences) : licences;
  await checkFreeUnits(rt, customer, enabled.plan, skus, toAssign);
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

  const displayName = command.displayName ?? nameFrom(command, plan.wanted.local);
  let secret: ResultReply['secret'];
  let assignedNow = false;
  if (!user) {
    const password = createTemporaryPassword();
    try {
      user = await tenant.createLicensedUser({
        user: {
          userPrincipalName: plan.upn,
          displayName,
          mailNickname: mailNickname(plan.wanted.local),
          givenName: command.givenName,
          surname: command.surname,
          usageLocation,
          accountEnabled: true,
          password,
          forceChangePasswordNextSignIn: true,
        },
        licenses: licences,
      });
      await recordStep('created', { objectId: user.id, upn: plan.upn, licensed: true });
      assignedNow = true;
      secret = { label: `Temporary password for ${plan.upn}`, value: password };
    } catch (error) {
      const userId = error instanceof M365Error ? error.details.userId : undefined;
      if (typeof userId === 'string') {
        // Created, but the licence step failed: remember the user so a re-run licenses it (and resets the password).
        await recordStep('created', { objectId: userId, upn: plan.upn, licensed: false });
        throw new HandlerError(
          error instanceof M365Error ? error.code : 'unexpected',
          `${(error as Error).message} Run the same command again to finish; it continues where this stopped.`,
          { cause: error, details: { userId } },
        );
      }
      if (!(error instanceof M365Error && error.code === 'duplicate-upn')) throw error;
      // Someone (or an earlier attempt whose answer was lost) created it meanwhile: link it.
      user = await tenant.findUserByUpn(plan.upn);
      if (!user) throw error;
    }
  }

  if (!assignedNow) {
    const patch: TenantUserPatch = {};
    if (user.accountEnabled === false) patch.accountEnabled = true;
    if (user.usageLocation !== usageLocation) patch.usageLocation = usageLocation;
    if (user.userPrincipalName.toLowerCase() !== plan.upn) {
      patch.userPrincipalName = plan.upn;
      notes.push(`Moved ${user.userPrincipalName} to ${plan.upn}, now that ${plan.wanted.domain} is verified.`);
    }
    if (createdEarlier === user.id && operation.state !== 'done') {
      // The first attempt created the user but its password was never shown: set a new one to show now.
      const password = createTemporaryPassword();
      patch.passwordProfile = { password, forceChangePasswordNextSignIn: true };
      secret = { label: `Temporary password for ${plan.upn}`, value: password };
    }
    if (Object.keys(patch).length > 0) {
      await tenant.updateUser(user.id, patch);
      await recordStep('updated', { fields: Object.keys(patch).filter((field) => field !== 'passwordProfile') });
    }
    const missing = missingLicences(user.assignedLicenses, licences);
    if (missing.length > 0) {
      user = await tenant.assignLicenses(user.id, missing, []);
      await recordStep('licensed', { skuIds: missing.map((licence) => licence.skuId) });
    }
  }

  let admin = record?.admin ?? false;
  if (command.admin) {
    await grantAdminRole(tenant, customer, user.id);
    await recordStep('admin', { role: adminRoleOf(customer) });
    admin = true;
  }

  const saved = await saveServiceUser(rt, {
    customerId: customer.id,
    objectId: user.id,
    upn: plan.upn,
    displayName: user.displayName || displayName,
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
      rt,
      { customerId: customer.id, tenantId, objectId: saved.objectId, upn: saved.upn, aliases: saved.aliases },
      request.context.identity,
    );
    await recordStep('aliases', { state: aliasState });
  }

  if (linked)
    notes.unshift(
      `${plan.upn} already existed in the tenant, so m365ops linked that user instead of creating another.`,
    );
  if (plan.intendedUpn) {
    notes.push(
      `${plan.wanted.domain} is not verified in the tenant yet, so the user was created as ${plan.upn}; run the same \`add user ${plan.intendedUpn} …\` again once it is verified to move them.`,
    );
  }
  if (aliasState === 'queued') {
    notes.push(
      'The mailbox does not exist yet (Exchange creates it minutes to hours after licensing); the aliases will be added when it does, and you will be told.',
    );
  }
  if (secret) notes.push('The temporary password is shown only this once; the user must change it at first sign-in.');

  const audit = await recordAudit(invocation, {
    action: 'add-user',
    result: 'ok',
    target: plan.upn,
    details: {
      objectId: saved.objectId,
      planId: enabled.plan.id,
      skus: enabled.plan.skus,
      linked,
      created: secret !== undefined && !linked,
      usageLocation,
      admin,
      aliases: plan.aliases,
      aliasState,
      intendedUpn: plan.intendedUpn,
    },
  });

  const title = linked
    ? `Linked ${plan.upn} to ${customer.name}`
    : secret
      ? `Added ${plan.upn} to ${customer.name}`
      : `${plan.upn} is on ${enabled.plan.name} at ${customer.name}`;
  const facts = [
    { label: 'User', value: plan.upn },
    { label: 'Customer', value: customer.name },
    { label: 'Plan', value: `${enabled.plan.name} (${enabled.plan.skus.join(' + ')})` },
    { label: 'Usage location', value: usageLocation },
    { label: 'Admin access', value: admin ? 'yes' : 'no' },
  ];
  if (plan.aliases.length > 0) {
    facts.push({
      label: 'Aliases',
      value: `${plan.aliases.join(', ')}${aliasState === 'queued' ? ' (waiting for the mailbox)' : ''}`,
    });
  }
  return {
    kind: 'result',
    title,
    facts,
    notes,
    customerId: customer.id,
    customerName: customer.name,
    tenantId,
    auditId: audit.id,
    ...(secret ? { secret } : {}),
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
  const users = invocation.rt.store.serviceUsers;
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

/** Gives the customer's admin role unless the user already holds it; says whether it was given now. */
export async function grantAdminRole(tenant: TenantClient, customer: Customer, userId: string): Promise<boolean> {
  const role = adminRoleOf(customer);
  const members = await tenant.listRoleMembers(role);
  if (members.includes(userId)) return false;
  try {
    await tenant.addRoleMember(role, userId);
  } catch (error) {
    if (!(error instanceof M365Error && error.code === 'already-member')) throw error;
  }
  return true;
}

async function mostUsedLocation(invocation: Invocation, customer: Customer): Promise<string | undefined> {
  const counts = new Map<string, number>();
  for (const user of await invocation.rt.store.serviceUsers.list(customer.id)) {
    if (user.usageLocation) counts.set(user.usageLocation, (counts.get(user.usageLocation) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
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

/** mailNickname allows letters, digits and . - _ only (no spaces, no @). */
function mailNickname(local: string): string {
  const cleaned = local.replace(/[^A-Za-z0-9._-]/g, '');
  return cleaned.length > 0 ? cleaned.slice(0, 64) : 'user';
}
