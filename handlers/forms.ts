/**
 * The add-user and change-plan forms (card / modal): their choices (customers, the customer's plans with free
 * licences, the tenant's verified domains, usage locations) and their submission, checked field by field. A
 * refusal that concerns one field comes back as that field's error, with every value kept.
 */

import { splitAliasText } from '../core/addresses';
import { roleName } from '../core/admin-role';
import { HandlerError } from '../core/handler-error';
import { echoInput } from '../core/input-limits';
import { freeLicencesOf } from '../core/licences';
import type { Choice, FormReply, Reply } from '../core/reply';
import type { Command, FormName } from '../core/request';
import { boundCustomer, getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { verifiedDomains } from '../core/tenant-domains';
import type { TenantDomain, TenantSku } from '../m365/types';
import type { Customer } from '../store/types';
import { addUser } from './add-user';
import { changePlan } from './change-plan';
import { isUsageLocation, orderUsageLocations } from './usage-locations';

type FormValues = Record<string, string | boolean | undefined>;

const titles: Record<FormName, string> = { 'add-user': 'Add a user', 'change-plan': 'Change a plan' };

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

async function buildForm(
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
  if (customer) {
    const tenant = await readTenant(invocation, customer);
    if (!tenant) info.push(`${customer.name}'s tenant cannot be read right now, so free licences are not shown.`);
    const plans = await planChoices(invocation, customer, tenant?.skus);
    choices.planId = plans.choices;
    info.push(...plans.info);
    if (form === 'add-user') {
      const domains = tenant ? verifiedDomains(tenant.domains) : [];
      choices.domain = domains.map((domain) => ({ value: domain.id, title: domain.id }));
      values.domain ??= domains[0]?.id;
      const used = (await store.serviceUsers.list(customer.id)).map((user) => user.usageLocation);
      const locations = orderUsageLocations(used);
      choices.usageLocation = locations.map((code) => ({ value: code, title: code }));
      values.usageLocation ??= used.find(Boolean) ? locations[0] : undefined;
    }
  }
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

async function readTenant(
  invocation: Invocation,
  customer: Customer,
): Promise<{ skus: TenantSku[]; domains: TenantDomain[] } | undefined> {
  if (!customer.tenantId) return undefined;
  try {
    const skus = await invocation.runtime.gateway.forTenant(customer.tenantId).listSkus();
    const domains = await invocation.runtime.domains.list(customer.tenantId);
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

export async function submitForm(
  invocation: Invocation,
  command: Extract<Command, { name: 'submit-form' }>,
): Promise<Reply> {
  const values = command.values;
  const errors: Record<string, string> = {};
  const customerId = textOf(values.customerId);
  if (!customerId) errors.customerId = 'Choose the customer the user belongs to.';
  else {
    try {
      await getCustomer(invocation, customerId);
    } catch (error) {
      if (!(error instanceof HandlerError)) throw error;
      errors.customerId = error.message;
    }
  }
  const planId = textOf(values.planId);
  if (!planId)
    errors.planId =
      command.form === 'add-user'
        ? 'Choose the plan whose licences the user gets.'
        : 'Choose the plan the user moves to.';

  let run: Command;
  if (command.form === 'add-user') {
    const userName = textOf(values.userName);
    const domain = textOf(values.domain);
    if (!userName) errors.userName = 'Enter the user name, the part of the address before @.';
    else if (userName.includes('@')) errors.userName = 'Enter only the part before @; choose the domain below.';
    if (!domain) errors.domain = 'Choose one of the tenant’s domains.';
    const location = textOf(values.usageLocation);
    if (location && !isUsageLocation(location))
      errors.usageLocation = `"${echoInput(location)}" is not a country code; use two letters such as GB, US, DE.`;
    run = {
      name: 'add-user',
      upn: `${userName}@${domain}`,
      planId,
      displayName: textOf(values.displayName) || undefined,
      givenName: textOf(values.givenName) || undefined,
      surname: textOf(values.surname) || undefined,
      usageLocation: location || undefined,
      admin: values.admin === true || values.admin === 'true',
      aliases: splitAliasText(textOf(values.aliases)),
      customerId,
      ...(command.confirmed ? { confirmed: true } : {}),
    };
  } else {
    const upn = textOf(values.upn);
    if (!upn) errors.upn = 'Enter the user’s sign-in address, like jane.doe@contoso.com.';
    run = { name: 'change-plan', upn, planId, customerId };
  }
  if (Object.keys(errors).length > 0) return buildForm(invocation, command.form, values, errors);
  try {
    return run.name === 'add-user'
      ? await addUser(invocation, run)
      : await changePlan(invocation, run as Extract<Command, { name: 'change-plan' }>);
  } catch (error) {
    const field = error instanceof HandlerError ? fieldOf(error, command.form) : undefined;
    if (!field || !(error instanceof HandlerError)) throw error;
    return buildForm(invocation, command.form, values, { [field]: error.message });
  }
}

/** The form input a refusal concerns, if the form has it (add-user's UPN is split into userName and domain). */
function fieldOf(error: HandlerError, form: FormName): string | undefined {
  const field = error.details.field;
  if (typeof field !== 'string') return undefined;
  if (form === 'change-plan')
    return ['customerId', 'upn', 'planId'].includes(field) ? field : field === 'userName' ? 'upn' : undefined;
  if (field === 'upn') return 'userName';
  return [
    'customerId',
    'givenName',
    'surname',
    'displayName',
    'userName',
    'domain',
    'planId',
    'usageLocation',
    'admin',
    'aliases',
  ].includes(field)
    ? field
    : undefined;
}

function textOf(value: string | boolean | undefined): string {
  return typeof value === 'string' ? value.trim() : '';
}
