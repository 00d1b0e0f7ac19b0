/**
 * The application permissions m365ops needs in a customer tenant (docs/setup.md, "The application permissions"),
 * each with what stops working without it, and the broader permissions that include it (a tenant that granted
 * Directory.ReadWrite.All has what Domain.Read.All gives).
 */

export type PermissionApi = 'graph' | 'exchange';

export interface NeededPermission {
  permission: string;
  api: PermissionApi;
  /** What stops working without it, completing "… stops working" / "… stop working". */
  breaks: string;
  /** Broader permissions that include this one. */
  coveredBy: string[];
  /** Narrower permissions that still give part of it: a ⚠️, with what that part leaves out. */
  partly?: { permissions: string[]; leavesOut: string };
}

export const neededPermissions: readonly NeededPermission[] = [
  {
    permission: 'Organization.Read.All',
    api: 'graph',
    breaks:
      'proving consent, free-licence checks in add user and change plan, plans and status, and the sync matching licences to plans',
    coveredBy: ['Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    permission: 'Domain.Read.All',
    api: 'graph',
    breaks:
      "finding the customer from a UPN's domain (every command that names a user) and add user's fallback to the onmicrosoft.com domain",
    coveredBy: ['Domain.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  {
    permission: 'User.ReadWrite.All',
    api: 'graph',
    breaks: 'everything that touches users: add user, change plan, remove user, users, the sync and every decision',
    coveredBy: ['Directory.ReadWrite.All'],
  },
  {
    permission: 'RoleManagement.ReadWrite.Directory',
    api: 'graph',
    breaks: 'grant admin, revoke admin, add user … admin, and the sync telling who is an admin',
    coveredBy: [],
    partly: {
      permissions: ['RoleManagement.Read.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All'],
      leavesOut: 'grant admin, revoke admin, add user … admin and admin decisions',
    },
  },
  {
    permission: 'GroupMember.ReadWrite.All',
    api: 'graph',
    breaks: "plan groups in add user and change plan, offboarding's removal from groups, and the sync's group check",
    coveredBy: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
    partly: {
      permissions: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'],
      leavesOut: 'adding users to groups and removing them',
    },
  },
  {
    permission: 'Exchange.ManageAsApp',
    api: 'exchange',
    breaks:
      'e-mail aliases (add user … alias and their later retries) and the mailbox steps of offboarding (shared mailbox, forwarding, access, automatic replies, devices); everything else works',
    coveredBy: [],
  },
];

export type PermissionStanding = 'granted' | 'partly' | 'missing';

/** Whether the roles of a token grant the permission, wholly, partly or not at all. */
export function standingOf(needed: NeededPermission, roles: readonly string[]): PermissionStanding {
  if (roles.includes(needed.permission) || needed.coveredBy.some((broader) => roles.includes(broader))) {
    return 'granted';
  }
  return needed.partly?.permissions.some((narrower) => roles.includes(narrower)) ? 'partly' : 'missing';
}
