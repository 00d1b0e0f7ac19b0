/** "Admin access" for a customer's users: the directory role design.md §4 names. */
import { M365Error } from '../m365/errors';
import { globalAdministratorTemplateId } from '../m365/tenant-roles';
import type { TenantClient } from '../m365/types';
import type { Customer } from '../store/types';

/** The customer's `adminRole` (a role name or template id), else Global Administrator. */
export function adminRoleOf(customer: Pick<Customer, 'adminRole'>): string {
  return customer.adminRole || globalAdministratorTemplateId;
}

/** The role as people read it. */
export function roleName(role: unknown): string {
  return typeof role !== 'string' || !role || role === globalAdministratorTemplateId ? 'Global Administrator' : role;
}

/** Whether the user holds the customer's admin role in the tenant now. */
export async function holdsAdminRole(tenant: TenantClient, customer: Customer, userId: string): Promise<boolean> {
  return (await tenant.listRoleMembers(adminRoleOf(customer))).includes(userId);
}

/**
 * Gives the customer's admin role unless the user already holds it; says whether it was given now. Callers check
 * the `admin-grant` effect first (core/effects.ts): only an approver may give it.
 */
export async function grantAdminRole(tenant: TenantClient, customer: Customer, userId: string): Promise<boolean> {
  const role = adminRoleOf(customer);
  if (await holdsAdminRole(tenant, customer, userId)) return false;
  try {
    await tenant.addRoleMember(role, userId);
  } catch (error) {
    if (!(error instanceof M365Error && error.code === 'already-member')) throw error;
  }
  return true;
}

/**
 * Removes the customer's admin role from the user if they hold it; says whether it was removed now. What `revoke
 * admin`, End now, a Revoke of `admin-granted` and the end of a time-boxed grant all call.
 */
export async function removeAdminRole(tenant: TenantClient, customer: Customer, userId: string): Promise<boolean> {
  const role = adminRoleOf(customer);
  if (!(await holdsAdminRole(tenant, customer, userId))) return false;
  try {
    await tenant.removeRoleMember(role, userId);
  } catch (error) {
    if (!(error instanceof M365Error && error.code === 'not-member')) throw error;
  }
  return true;
}
