/** "Admin access" for a customer's users: the directory role design.md §4 names. */
import { globalAdministratorTemplateId } from '../m365/tenant-roles';
import type { Customer } from '../store/types';

/** The customer's `adminRole` (a role name or template id), else Global Administrator. */
export function adminRoleOf(customer: Pick<Customer, 'adminRole'>): string {
  return customer.adminRole || globalAdministratorTemplateId;
}

/** The role as people read it. */
export function roleName(role: unknown): string {
  return typeof role !== 'string' || !role || role === globalAdministratorTemplateId ? 'Global Administrator' : role;
}
