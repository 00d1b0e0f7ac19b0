/** The service user a command is about: our record and the tenant object behind it, or a refusal saying why not. */
import type { TenantClient, TenantUser } from '../m365/types';
import type { Customer, ServiceUser } from '../store/types';
import { type ParsedAddress, parseUpn } from './addresses';
import { fail } from './errors';
import { requireTenant, resolveCustomer } from './resolve-customer';
import type { Invocation } from './runtime';
import { possessive } from './words';

export interface ManagedUser {
  customer: Customer;
  tenantId: string;
  tenant: TenantClient;
  address: ParsedAddress;
  record: ServiceUser;
}

export async function findManagedUser(
  invocation: Invocation,
  upn: string,
  customerId: string | undefined,
  field = 'upn',
): Promise<ManagedUser> {
  const address = parseUpn(upn, field);
  invocation.target = address.address;
  const customer = await resolveCustomer(invocation, { upn: address.address, customerId });
  const tenantId = requireTenant(customer);
  const tenant = invocation.runtime.gateway.forTenant(tenantId);
  const record = await invocation.runtime.store.serviceUsers.findByUpn(customer.id, address.address);
  if (!record) {
    const inTenant = await tenant.findUserByUpn(address.address);
    const hint = inTenant
      ? `it exists in the tenant but m365ops does not manage it; \`add user ${address.address} plan <plan>\` links it`
      : `add them first with \`add user ${address.address} plan <plan>\``;
    throw fail('not-managed', `${address.address} is not a service user of ${customer.name}; ${hint}.`, { field });
  }
  return { customer, tenantId, tenant, address, record };
}

/** The tenant object of a managed user; refuses when it is gone (deleted in the portal: the sync will report it). */
export async function readTenantUser(managed: ManagedUser): Promise<TenantUser> {
  const user = await managed.tenant.getUser(managed.record.objectId);
  if (!user) {
    throw fail(
      'unknown-user',
      `${managed.record.upn} no longer exists in ${possessive(managed.customer.name)} tenant (deleted there?); run \`sync ${managed.customer.id}\` to review it.`,
    );
  }
  return user;
}

export function requireActive(managed: ManagedUser): void {
  if (managed.record.status !== 'active') {
    throw fail(
      'not-managed',
      `${managed.record.upn} was ${managed.record.status} from ${managed.customer.name}; add them again with \`add user ${managed.record.upn} plan <plan>\`.`,
    );
  }
}
