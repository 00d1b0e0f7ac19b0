import { findUser, purgeExpiredUsers } from '../state/directory';
import { settleGroupLicenses } from '../state/group-licensing';
import { settleMailboxes } from '../state/mailboxes';
import type { SimState, SimTenant, SimUser } from '../state/tenant-state';

/** How the control API finds what its callers name: tenants by id, users by id or UPN, SKUs by id or part number. */

export function tenantIn(state: SimState, tenantId: string): SimTenant {
  const tenant = state.tenants.get(tenantId.toLowerCase());
  if (!tenant) throw new Error(`The simulator has no tenant ${tenantId}.`);
  settleGroupLicenses(state, tenant);
  settleMailboxes(state, tenant);
  purgeExpiredUsers(state, tenant);
  return tenant;
}
export function userOf(tenant: SimTenant, key: string): SimUser {
  const user = findUser(tenant, key);
  if (!user) throw new Error(`Tenant ${tenant.displayName} has no user ${key}.`);
  return user;
}
export function deletedOf(tenant: SimTenant, key: string): SimUser {
  const lower = key.toLowerCase();
  const user =
    tenant.deleted.get(lower) ??
    [...tenant.deleted.values()].find((candidate) => candidate.userPrincipalName.toLowerCase() === lower);
  if (!user) throw new Error(`Tenant ${tenant.displayName} has no deleted user ${key}.`);
  return user;
}
export function skuIdOf(tenant: SimTenant, key: string): string {
  const lower = key.toLowerCase();
  const sku = tenant.skus.find(
    (candidate) => candidate.skuId === lower || candidate.skuPartNumber.toLowerCase() === lower,
  );
  if (!sku) throw new Error(`Tenant ${tenant.displayName} has no subscription ${key}.`);
  return sku.skuId;
}
