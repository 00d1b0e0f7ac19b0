/**
 * The application permissions m365ops's app registration asks for, per resource, granted by admin consent: the
 * least privileged set docs/setup.md lists, so a simulated tenant refuses what a real one would.
 */

export const graphResource = 'https://graph.microsoft.com';
export const exchangeResource = 'https://outlook.office365.com';

export const appRolesByResource: Record<string, string[]> = {
  [graphResource]: [
    'Organization.Read.All',
    'Domain.Read.All',
    'User.ReadWrite.All',
    'RoleManagement.ReadWrite.Directory',
    'GroupMember.ReadWrite.All',
  ],
  [exchangeResource]: ['Exchange.ManageAsApp'],
};

/** Every permission the app asks for, whatever its resource. */
export function isRequestedPermission(permission: string): boolean {
  return Object.values(appRolesByResource).some((roles) => roles.includes(permission));
}

/** The roles a token for `resource` carries in a consented tenant: those its consent did not leave out. */
export function grantedRoles(resource: string, withheld: ReadonlySet<string>): string[] | undefined {
  return appRolesByResource[resource]?.filter((role) => !withheld.has(role));
}

/** What the consent page lists. */
export const permissionDescriptions: { resource: string; role: string; description: string }[] = [
  { resource: 'Microsoft Graph', role: 'Organization.Read.All', description: 'Read organization information' },
  { resource: 'Microsoft Graph', role: 'Domain.Read.All', description: 'Read domains' },
  { resource: 'Microsoft Graph', role: 'User.ReadWrite.All', description: 'Read and write all users’ full profiles' },
  {
    resource: 'Microsoft Graph',
    role: 'RoleManagement.ReadWrite.Directory',
    description: 'Read and write all directory RBAC settings',
  },
  {
    resource: 'Microsoft Graph',
    role: 'GroupMember.ReadWrite.All',
    description: 'Read and write all group memberships',
  },
  {
    resource: 'Office 365 Exchange Online',
    role: 'Exchange.ManageAsApp',
    description: 'Manage Exchange As Application',
  },
];
