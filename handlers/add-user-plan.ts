/**
 * add user, first step: what the command asks for, checked and resolved before anything is written (the customer,
 * the enabled plan, the domain and the UPN the user gets now, the aliases, the operation key).
 */
import { checkAliases, type ParsedAddress, parseUpn } from '../core/addresses';
import { fail } from '../core/errors';
import { type EnabledPlan, getEnabledPlan } from '../core/licences';
import type { Command } from '../core/request';
import { requireTenant, resolveCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { initialDomain, verifiedDomains } from '../core/tenant-domains';
import { possessive } from '../core/words';
import type { Customer } from '../store/types';
import { checkUsageLocation } from './usage-locations';
import { checkUserNames } from './user-names';

export type AddUserCommand = Extract<Command, { name: 'add-user' }>;

/** What add user will do, resolved. (Not the store's Plan: `enabled` holds that.) */
export interface AddUserPlan {
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

export async function planAddUser(invocation: Invocation, command: AddUserCommand): Promise<AddUserPlan> {
  const { runtime, request } = invocation;
  checkUserNames(command);
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
      `${wanted.domain} is not a domain of ${possessive(customer.name)} tenant; use one of ${verified.map((d) => d.id).join(', ')}.`,
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
        `${wanted.domain} is not verified in ${possessive(customer.name)} tenant, and the tenant has no onmicrosoft.com domain to use instead.`,
        { field: 'domain' },
      );
    upn = fallbackUpn;
    intendedUpn = wanted.address;
  }
  const aliases = checkAliases(command.aliases, upn, verified);
  const key = request.idempotencyKey
    ? `add-user:request:${request.idempotencyKey}`
    : `add-user:${customer.id}:${wanted.address}`;
  return {
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
}
