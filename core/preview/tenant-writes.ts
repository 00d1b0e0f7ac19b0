/**
 * The Microsoft 365 writes previews name, as m365/ sends them: Graph method, path and fields, or the Exchange cmdlet
 * with its parameters. One function per write, so every preview names the same call the same way.
 */
import { roleName } from '../admin-role';
import { describeFields } from './preview-plan';
import type { PreviewWrite } from './preview-view';

const exchange = 'Exchange';

export function assignLicenseWrite(user: string, add: readonly string[], remove: readonly string[], purpose: string) {
  return {
    method: 'POST',
    path: `/users/${user}/assignLicense`,
    fields: describeFields({ addLicenses: add, removeLicenses: remove }),
    purpose,
  } satisfies PreviewWrite;
}

export function updateUserWrite(user: string, fields: Record<string, string>, purpose: string): PreviewWrite {
  return { method: 'PATCH', path: `/users/${user}`, fields: describeFields(fields), purpose };
}

export function addRoleWrite(user: string, role: string): PreviewWrite {
  return {
    method: 'POST',
    path: '/roleManagement/directory/roleAssignments',
    fields: describeFields({ principalId: user, roleDefinitionId: role, directoryScopeId: '/' }),
    purpose: `Give ${roleName(role)}`,
  };
}

export function removeRoleWrite(user: string, roleName: string): PreviewWrite {
  return {
    method: 'DELETE',
    path: '/roleManagement/directory/roleAssignments/{assignment id}',
    fields: describeFields({ principalId: user }),
    purpose: `Remove ${roleName}`,
  };
}

export function joinGroupWrite(groupId: string, user: string, groupName: string): PreviewWrite {
  return {
    method: 'POST',
    path: `/groups/${groupId}/members/$ref`,
    fields: describeFields({ '@odata.id': `/directoryObjects/${user}` }),
    purpose: `Join ${groupName}`,
  };
}

export function leaveGroupWrite(groupId: string, user: string, groupName: string): PreviewWrite {
  return { method: 'DELETE', path: `/groups/${groupId}/members/${user}/$ref`, purpose: `Leave ${groupName}` };
}

export function cmdletWrite(cmdlet: string, parameters: Record<string, string>, purpose: string): PreviewWrite {
  const words = Object.entries(parameters).map(([name, value]) => `-${name} ${value}`);
  return { method: exchange, path: [cmdlet, ...words].join(' '), purpose };
}
