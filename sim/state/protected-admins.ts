/**
 * Microsoft protects users who hold an administrator role from apps: an app with User.ReadWrite.All may delete a user
 * or set their password only when the user holds no directory role, unless the app's own service principal holds a
 * privileged role (Privileged Authentication Administrator, or Global Administrator). Graph answers 403
 * Authorization_RequestDenied otherwise (../shared/reference: microsoft-graph-and-entra §4).
 */
import { GraphFault } from './graph-fault';
import type { SimTenant, SimUser } from './tenant-state';

const privilegedAuthenticationAdministrator = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13';
const globalAdministrator = '62e90394-69f5-4237-9190-012177145e10';

/** Refuses `change` of `user` as Graph does when the user is an admin and the app holds no privileged role. */
export function assertMayChangeProtected(tenant: SimTenant, user: SimUser): void {
  const isAdmin = tenant.roleAssignments.some((assignment) => assignment.principalId === user.id);
  if (!isAdmin) return;
  const appRoles = tenant.appDirectoryRoles ?? [];
  if (appRoles.includes(privilegedAuthenticationAdministrator) || appRoles.includes(globalAdministrator)) return;
  throw new GraphFault(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}
