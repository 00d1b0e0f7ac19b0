/**
 * Which customer a command is about (design §5): the UPN's domain names it (domains come from each tenant), else
 * `customer <id>` in the command, else the customer bound to the channel with `notify here`.
 */
import type { Customer } from '../store/types';
import { fail, unknownCustomer } from './errors';
import type { Invocation } from './runtime';
import { possessive } from './words';

export interface CustomerHints {
  upn?: string;
  customerId?: string;
}

export async function getCustomer(invocation: Invocation, id: string): Promise<Customer> {
  const customer = await invocation.runtime.store.customers.get(id.toLowerCase());
  if (!customer) throw unknownCustomer(id, await invocation.runtime.store.customers.list());
  invocation.customer = customer;
  return customer;
}

export async function resolveCustomer(invocation: Invocation, hints: CustomerHints): Promise<Customer> {
  const { runtime, request } = invocation;
  const customers = await runtime.store.customers.list();
  const named = hints.customerId ? await getCustomer(invocation, hints.customerId) : undefined;
  const domain = hints.upn?.split('@')[1]?.toLowerCase();

  if (domain) {
    const owners = await customersOwningDomain(invocation, customers, domain);
    if (named) {
      if (owners.length > 0 && !owners.some((owner) => owner.id === named.id)) {
        throw fail(
          'customer-conflict',
          `${domain} belongs to ${describe(owners)}, not to ${named.name}; leave out \`customer ${named.id}\` or use one of ${possessive(named.name)} domains.`,
          { suggestions: owners.map((owner) => owner.id) },
        );
      }
      return chosen(invocation, named);
    }
    if (owners.length === 1) return chosen(invocation, owners[0] as Customer);
    const bound = await boundCustomer(invocation);
    if (owners.length > 1) {
      const match = bound && owners.find((owner) => owner.id === bound.id);
      if (match) return chosen(invocation, match);
      throw fail(
        'ambiguous-customer',
        `${domain} is a domain of several customers (${describe(owners)}); add \`customer <id>\` to say which.`,
        { suggestions: owners.map((owner) => owner.id), field: 'customerId' },
      );
    }
    if (bound) return chosen(invocation, bound);
    throw fail(
      'no-customer',
      `No customer's tenant has the domain ${domain}; use a domain of the customer's tenant, or add \`customer <id>\` (customers: ${listIds(customers)}).`,
      { suggestions: customers.map((customer) => customer.id), field: 'domain' },
    );
  }

  if (named) return chosen(invocation, named);
  const bound = await boundCustomer(invocation);
  if (bound) return chosen(invocation, bound);
  const where = request.context.channelKey
    ? 'this channel is not bound to a customer'
    : 'no channel default applies here';
  throw fail(
    'no-customer',
    `Say which customer: add \`customer <id>\` (${where}); the customers are ${listIds(customers)}.`,
    {
      suggestions: customers.map((customer) => customer.id),
      field: 'customerId',
    },
  );
}

/** The channel's default customer, if the request comes from a channel bound with `notify here`. */
export async function boundCustomer(invocation: Invocation): Promise<Customer | undefined> {
  const { context } = invocation.request;
  if (!context.channelKey || (context.origin !== 'teams' && context.origin !== 'slack')) return undefined;
  const binding = await invocation.runtime.store.bindings.findByChannel(context.origin, context.channelKey);
  if (!binding) return undefined;
  return (await invocation.runtime.store.customers.get(binding.customerId)) ?? undefined;
}

async function customersOwningDomain(
  invocation: Invocation,
  customers: Customer[],
  domain: string,
): Promise<Customer[]> {
  const owners: Customer[] = [];
  for (const customer of customers) {
    if (!customer.tenantId) continue;
    try {
      const domains = await invocation.runtime.domains.list(customer.tenantId);
      if (domains.some((candidate) => candidate.id.toLowerCase() === domain)) owners.push(customer);
    } catch (error) {
      // One unreachable tenant must not stop commands for the others; it just cannot claim the domain.
      invocation.runtime.logger.warn({ err: error, customerId: customer.id }, 'could not read the tenant domains');
    }
  }
  return owners;
}

function chosen(invocation: Invocation, customer: Customer): Customer {
  invocation.customer = customer;
  return customer;
}

function describe(customers: Customer[]): string {
  return customers.map((customer) => `${customer.name} (${customer.id})`).join(', ');
}

function listIds(customers: Customer[]): string {
  return customers.length > 0 ? customers.map((customer) => customer.id).join(', ') : 'none yet';
}

/** The tenant a customer's provisioning runs in; refuses before anything is attempted when there is none. */
export function requireTenant(customer: Customer): string {
  if (!customer.tenantId) {
    throw fail(
      'no-tenant',
      `${customer.name} has no Microsoft 365 tenant yet; send its administrator a consent link (\`consent link ${customer.id}\`) first.`,
    );
  }
  if (customer.consent.status === 'denied') {
    throw fail(
      'consent-denied',
      `${possessive(customer.name)} administrator declined consent, so m365ops cannot change its tenant; send a new consent link (\`consent link ${customer.id}\`).`,
    );
  }
  return customer.tenantId;
}
