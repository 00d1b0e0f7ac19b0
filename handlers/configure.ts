/**
 * Admin configuration commands (design §5): customers, plans, access, sync policy and the notification channel,
 * persisted in the store, checked, and audited.
 */

import { readIdentity } from '../common/identity';
import { recordAudit } from '../core/audit';
import { fail, nearestFirst, unknownPlan } from '../core/errors';
import { idPattern, skuPattern, tenantIdPattern } from '../core/identifiers';
import { echoInput } from '../core/input-limits';
import { describeLicences, describePlanLicences } from '../core/licence-names';
import type { ResultReply } from '../core/reply';
import type { Command } from '../core/request';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { StoreError } from '../store/errors';
import { type DiscrepancyKind, discrepancyKinds, roles } from '../store/types';

type CommandOf<N extends Command['name']> = Extract<Command, { name: N }>;

function checkId(id: string, what: string): string {
  if (!idPattern.test(id)) {
    throw fail(
      'bad-id',
      `"${echoInput(id)}" cannot be a ${what} id; use lowercase letters, digits and dashes, such as contoso or business-premium.`,
    );
  }
  return id;
}

function checkName(name: string, what: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 120) {
    throw fail('bad-name', `Give the ${what} a name of 1 to 120 characters, in quotes: "Contoso Ltd".`);
  }
  return trimmed;
}

function result(
  invocation: Invocation,
  title: string,
  facts: ResultReply['facts'],
  auditId: string,
  notes: string[] = [],
): ResultReply {
  const { customer } = invocation;
  return {
    kind: 'result',
    title,
    facts,
    notes,
    auditId,
    customerId: customer?.id,
    customerName: customer?.name,
    tenantId: customer?.tenantId,
  };
}

export async function addCustomer(invocation: Invocation, command: CommandOf<'customer-add'>): Promise<ResultReply> {
  const { store } = invocation.runtime;
  const id = checkId(command.id.toLowerCase(), 'customer');
  const name = checkName(command.customerName, 'customer');
  invocation.target = id;
  let tenantId: string | undefined;
  if (command.tenantId !== undefined) {
    if (!tenantIdPattern.test(command.tenantId)) {
      throw fail(
        'bad-tenant-id',
        `"${echoInput(command.tenantId)}" is not a tenant id; a tenant id is a GUID such as 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60 (leave it out and the consent link will tell us).`,
      );
    }
    tenantId = command.tenantId.toLowerCase();
    const owner = await store.customers.findByTenantId(tenantId);
    if (owner) throw fail('tenant-taken', `The tenant ${tenantId} already belongs to ${owner.name} (${owner.id}).`);
  }
  if (await store.customers.get(id)) throw fail('duplicate', `The customer ${id} already exists; choose another id.`);
  let customer: Awaited<ReturnType<typeof store.customers.create>>;
  try {
    customer = await store.customers.create({
      id,
      name,
      tenantId,
      plans: [],
      syncPolicy: { autoApprove: [] },
      consent: { status: 'none' },
    });
  } catch (error) {
    if (error instanceof StoreError && error.code === 'duplicate')
      throw fail('duplicate', `The customer ${id} already exists; choose another id.`);
    throw error;
  }
  invocation.customer = customer;
  const audit = await recordAudit(invocation, { action: 'customer-add', result: 'ok', details: { name, tenantId } });
  return result(
    invocation,
    `Added the customer ${name}`,
    [
      { label: 'Id', value: id },
      { label: 'Tenant', value: tenantId ?? 'not known yet' },
    ],
    audit.id,
    [
      tenantId
        ? `Enable plans with \`customer ${id} plan <plan>\`, then check consent with \`verify consent ${id}\`.`
        : `Enable plans with \`customer ${id} plan <plan>\`, then send \`consent link ${id}\` to its administrator.`,
    ],
  );
}

export async function setCustomerPlan(
  invocation: Invocation,
  command: CommandOf<'customer-plan'>,
): Promise<ResultReply> {
  const { store } = invocation.runtime;
  const customer = await getCustomer(invocation, command.customerId);
  const planId = command.planId.toLowerCase();
  const plan = await store.plans.get(planId);
  if (!plan) throw unknownPlan(command.planId, undefined, await store.plans.list());
  if (command.limit !== undefined && (!Number.isInteger(command.limit) || command.limit < 0)) {
    throw fail('bad-id', `The limit must be a whole number of users, 0 or more (you gave ${command.limit}).`);
  }
  invocation.target = planId;
  const plans = customer.plans.filter((entry) => entry.planId !== planId);
  plans.push(command.limit === undefined ? { planId } : { planId, limit: command.limit });
  plans.sort((a, b) => a.planId.localeCompare(b.planId));
  await store.customers.update(customer.id, { plans });
  const used = await store.serviceUsers.countOnPlan(customer.id, planId);
  const notes =
    command.limit !== undefined && used > command.limit
      ? [
          `${customer.name} already has ${used} users on it: nobody is removed, but no one can be added until fewer than ${command.limit} remain.`,
        ]
      : [];
  const audit = await recordAudit(invocation, {
    action: 'customer-plan',
    result: 'ok',
    details: { planId, limit: command.limit },
  });
  return result(
    invocation,
    `${plan.name} is enabled for ${customer.name}`,
    [
      { label: 'Plan', value: describePlanLicences(plan) },
      { label: 'Limit', value: command.limit === undefined ? 'none' : `${command.limit} users` },
      { label: 'Users on it', value: String(used) },
    ],
    audit.id,
    notes,
  );
}

export async function addPlan(invocation: Invocation, command: CommandOf<'plan-add'>): Promise<ResultReply> {
  const { store } = invocation.runtime;
  const id = checkId(command.id.toLowerCase(), 'plan');
  const name = checkName(command.planName, 'plan');
  invocation.target = id;
  if (command.skus.length === 0)
    throw fail('bad-sku', "Name the plan's licences: `skus SPB` or `skus SPB,EXCHANGESTANDARD` (skuPartNumbers).");
  const skus = [...new Set(command.skus.map((sku) => sku.trim().toUpperCase()))];
  const bad = skus.find((sku) => !skuPattern.test(sku));
  if (bad) {
    throw fail(
      'bad-sku',
      `"${echoInput(bad)}" does not look like a SKU; use skuPartNumbers such as SPB, O365_BUSINESS_ESSENTIALS or ENTERPRISEPACK.`,
    );
  }
  if (await store.plans.get(id)) throw fail('duplicate', `The plan ${id} already exists; choose another id.`);
  await store.plans.create({ id, name, skus, disabledPlans: {} });
  const audit = await recordAudit(invocation, { action: 'plan-add', result: 'ok', details: { name, skus } });
  return result(
    invocation,
    `Added the plan ${name}`,
    [
      { label: 'Id', value: id },
      { label: 'Licences', value: describeLicences(skus) },
    ],
    audit.id,
    [`Enable it for a customer with \`customer <id> plan ${id}\`.`],
  );
}

export async function changeAccess(invocation: Invocation, command: CommandOf<'access'>): Promise<ResultReply> {
  const { store } = invocation.runtime;
  if (!roles.includes(command.role)) {
    throw fail('bad-kind', `"${echoInput(command.role)}" is not a role; the roles are ${roles.join(', ')}.`, {
      suggestions: [...roles],
    });
  }
  const reading = readIdentity(command.identity, { slackTeamId: invocation.runtime.settings.slackTeamId });
  if (!reading.ok) {
    throw fail(
      'bad-identity',
      `"${echoInput(command.identity)}" is not an identity m365ops can use: it must be ${reading.mustBe}.`,
    );
  }
  const { identity } = reading;
  invocation.target = identity;
  const actor = invocation.request.context.identity;
  let title: string;
  const notes: string[] = [];
  if (command.op === 'add') {
    await store.access.grant(identity, command.role, actor);
    title = `${identity} now has the ${command.role} role`;
  } else {
    const had = await store.access.revoke(identity, command.role);
    title = had
      ? `${identity} no longer has the ${command.role} role`
      : `${identity} did not have the ${command.role} role`;
  }
  const remaining = await store.access.rolesOf(identity);
  if (remaining.length > 0) notes.push(`Roles now: ${remaining.join(', ')}.`);
  const audit = await recordAudit(invocation, {
    action: `access-${command.op}`,
    result: 'ok',
    details: { role: command.role },
  });
  return result(
    invocation,
    title,
    [
      { label: 'Identity', value: identity },
      { label: 'Role', value: command.role },
    ],
    audit.id,
    notes,
  );
}

export async function setAutoApprove(invocation: Invocation, command: CommandOf<'policy-auto'>): Promise<ResultReply> {
  const customer = await getCustomer(invocation, command.customerId);
  const unknown = command.kinds.find((kind) => !discrepancyKinds.includes(kind));
  if (unknown) {
    throw fail(
      'bad-kind',
      `"${echoInput(unknown)}" is not a discrepancy kind; the kinds are ${discrepancyKinds.join(', ')} (or none).`,
      {
        suggestions: nearestFirst(unknown, discrepancyKinds),
      },
    );
  }
  const kinds = [...new Set(command.kinds)] as DiscrepancyKind[];
  await invocation.runtime.store.customers.update(customer.id, {
    syncPolicy: { ...customer.syncPolicy, autoApprove: kinds },
  });
  const audit = await recordAudit(invocation, {
    action: 'policy-auto',
    result: 'ok',
    target: customer.id,
    details: { autoApprove: kinds },
  });
  return result(
    invocation,
    `Sync policy of ${customer.name} changed`,
    [
      {
        label: 'Applied without asking',
        value: kinds.length > 0 ? kinds.join(', ') : 'nothing (every discrepancy is asked)',
      },
    ],
    audit.id,
  );
}
