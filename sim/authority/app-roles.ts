/** The application permissions m365ops's app registration asks for, per resource, granted by admin consent. */

export const graphResource = 'https://graph.microsoft.com';
export const exchangeResource = 'https://outlook.office365.com';

export const appRolesByResource: Record<string, string[]> = {
  [graphResource]: [
    'User.ReadWrite.All',
    'Directory.ReadWrite.All',
    'RoleManagement.ReadWrite.Directory',
    'Organization.Read.All',
  ],
  [exchangeResource]: ['Exchange.ManageAsApp'],
};

/** What the consent page lists. */
export const permissionDescriptions: { resource: string; role: string; description: string }[] = [
  { resource: 'Microsoft Graph', role: 'User.ReadWrite.All', description: 'Read and write all users’ full profiles' },
  { resource: 'Microsoft Graph', role: 'Directory.ReadWrite.All', description: 'Read and write directory data' },
  {
    resource: 'Microsoft Graph',
    role: 'RoleManagement.ReadWrite.Directory',
    description: 'Read and write all directory RBAC settings',
  },
  { resource: 'Microsoft Graph', role: 'Organization.Read.All', description: 'Read organization information' },
  {
    resource: 'Office 365 Exchange Online',
    role: 'Exchange.ManageAsApp',
    description: 'Manage Exchange As Application',
  },
];
