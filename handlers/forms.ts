/**
 * The add-user, change-plan and remove-user forms (card / modal): their choices (customers, the customer's plans
 * with free licences, the tenant's verified domains, usage locations, the customer's users) for the customer
 * chosen, drawn again with every value kept when the customer changes or a submission is refused
 * (handlers/form-submit.ts).
 */

import { roleName } from '../core/admin-role';
import { freeLicencesOf } from '../core/licences';
import type { Choice, FormReply } from '../core/reply';
import type { Command, FormName, FormValues } from '../core/request';
import { boundCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { verifiedDomains } from '../core/tenant-domains';
import { possessive } from '../core/words';
import type { TenantDomain, TenantSku } from '../m365/types';
import type { Customer } from '../store/types';
import { orderUsageLocations } from './usage-locations';

const titles: Record<FormName, string> = {
  'add-user': 'Add a user',
  'change-plan': 'Change a plan',
  'remove-user': 'Remove a user',
  offboard: 'Offboard a user',
};

/** How many of the customer's users a form lists before anything is typed (Teams shows at most 15). */
export const listedUsers = 15;

export async function openAddUserForm(
  invocation: Invocation,
  command: Extract<Command, { name: 'add-user-form' }>,
): Promise<FormReply> {
  return buildForm(invocation, 'add-user', { customerId: command.customerId }, {});
}

export async function openChangePlanForm(
  invocation: Invocation,
  command: Extract<Command, { name: 'change-plan-form' }>,
): Promise<FormReply> {
  return buildForm(invocation, 'change-plan', { customerId: command.customerId, upn: command.upn }, {});
}

export async function openRemoveUserForm(
  invocation: Invocation,
  command: Extract<Command, { name: 'remove-user-form' }>,
): Promise<FormReply> {
  return buildForm(invocation, 'remove-user', { customerId: command.customerId, upn: command.upn }, {});
}

/** The form again for the customer now chosen: its choices follow the customer, the values typed stay. */
export async function refreshForm(
  invocation: Invocation,
  command: Extract<Command, { name: 'refresh-form' }>,
): Promise<FormReply> {
  return buildForm(invocation, command.form, command.values, {});
}

export async function buildForm(
  invocation: Invocation,
  form: FormName,
  given: FormValues,
  errors: Record<string, string>,
): Promise<FormReply> {
  const { store } = invocation.runtime;
  const customers = (await store.customers.list()).filter((customer) => customer.tenantId);
  const customerId =
    textOf(given.customerId) ||
    (await boundCustomer(invocation))?.id ||
    (customers.length === 1 ? customers[0]?.id : undefined);
  const customer = customerId ? customers.find((candidate) => candidate.id === customerId.toLowerCase()) : undefined;
  const values: FormValues = { ...given, customerId: customer?.id ?? customerId };
  const choices: Record<string, Choice[]> = {
    customerId: customers.map((candidate) => ({ value: candidate.id, title: candidate.name })),
  };
  const info: string[] = [];
  if (customer) await addCustomerChoices(invocation, { form, customer, values, choices, info, errors });
  return {
    kind: 'form',
    form,
    title: customer ? `${titles[form]} at ${customer.name}` : titles[form],
    customerId: customer?.id,
    customerName: customer?.name,
    values,
    choices,
    errors,
    info,
    // The admin toggle names the role it grants: the customer's own, or Global Administrator.
    ...(form === 'add-user' ? { toggleTitles: { admin: `Make ${roleName(customer?.adminRole)}` } } : {}),
  };
}

interface FormDraft {
  form: FormName;
  customer: Customer;
  values: FormValues;
  choices: Record<string, Choice[]>;
  info: string[];
  errors: Record<string, string>;
}

async function addCustomerChoices(invocation: Invocation, draft: FormDraft): Promise<void> {
  const { form, customer, values, choices, info, errors } = draft;
  const { store } = invocation.runtime;
  if (form !== 'add-user') choices.upn = await userChoices(invocation, customer);
  if (form === 'remove-user' || form === 'offboard') return;
  const tenant = await readTenant(invocation, customer);
  if (!tenant)
    info.push(`${possessive(customer.name)} tenant cannot be read right now, so free licences are not shown.`);
  const plans = await planChoices(invocation, customer, tenant?.skus);
  choices.planId = plans.choices;
  info.push(...plans.info);
  if (form !== 'add-user') return;
  const domains = tenant ? verifiedDomains(tenant.domains) : [];
  choices.domain = domains.map((domain) => ({ value: domain.id, title: domain.id }));
  // A domain kept from another customer is not this one's: the first of this tenant's is offered instead (a refused
  // one stays, beside its error).
  if (!errors.domain && !domains.some((domain) => domain.id === textOf(values.domain))) values.domain = domains[0]?.id;
  const used = (await store.serviceUsers.list(customer.id)).map((user) => user.usageLocation);
  const locations = orderUsageLocations(used);
  choices.usageLocation = locations.map((code) => ({ value: code, title: code }));
  values.usageLocation ??= used.find(Boolean) ? locations[0] : undefined;
}

/** The first of the customer's users m365ops manages (not deleted); the rest are found by typing. */
async function userChoices(invocation: Invocation, customer: Customer): Promise<Choice[]> {
  const users = await invocation.runtime.store.serviceUsers.list(customer.id);
  return users
    .filter((user) => user.status !== 'deleted')
    .sort((a, b) => a.upn.localeCompare(b.upn))
    .slice(0, listedUsers)
    .map((user) => ({ value: user.upn, title: user.displayName ? `${user.displayName} (${user.upn})` : user.upn }));
}

async function readTenant(
  invocation: Invocation,
  customer: Customer,
): Promise<{ skus: TenantSku[]; domains: TenantDomain[] } | undefined> {
  if (!customer.tenantId) return undefined;
  try {
    const [skus, domains] = await Promise.all([
      invocation.runtime.skus.list(customer.tenantId),
      invocation.runtime.domains.list(customer.tenantId),
    ]);
    return { skus, domains };
  } catch (error) {
    invocation.runtime.logger.warn({ err: error, customerId: customer.id }, 'could not read the tenant for a form');
    return undefined;
  }
}

async function planChoices(
  invocation: Invocation,
  customer: Customer,
  skus: TenantSku[] | undefined,
): Promise<{ choices: Choice[]; info: string[] }> {
  const choices: Choice[] = [];
  const info: string[] = [];
  for (const entry of customer.plans) {
    const plan = await invocation.runtime.store.plans.get(entry.planId);
    if (!plan) continue;
    const free = skus ? freeLicencesOf(plan, skus) : undefined;
    const used = await invocation.runtime.store.serviceUsers.countOnPlan(customer.id, plan.id);
    const freeText = free === undefined ? '' : ` — ${free} free`;
    choices.push({ value: plan.id, title: `${plan.name}${freeText}` });
    const limit = entry.limit === undefined ? '' : `, ${used} of ${entry.limit} allowed users`;
    info.push(`${plan.name}: ${free === undefined ? 'free licences unknown' : `${free} licences free`}${limit}`);
  }
  return { choices, info };
}

export function textOf(value: string | boolean | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}
