import { contosoId, globalAdminTemplateId } from '../sim-requests';
import { useSimulator } from '../use-simulator';

const userAdminTemplateId = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const licenseAdminTemplateId = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';

const running = useSimulator();
const { graph } = running;

const reference = (userId: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${userId}` });

it('lists only activated directory roles, and every template', async () => {
  const roles = await graph('GET', '/directoryRoles');
  expect(roles.json.value.map((role: { roleTemplateId: string }) => role.roleTemplateId).sort()).toEqual(
    [globalAdminTemplateId, userAdminTemplateId].sort(),
  );
  const templates = await graph('GET', '/directoryRoleTemplates');
  expect(templates.json.value.map((template: { id: string }) => template.id)).toContain(licenseAdminTemplateId);
});

it('activates a role from its template once', async () => {
  const first = await graph('POST', '/directoryRoles', { roleTemplateId: licenseAdminTemplateId });
  expect(first.status).toBe(201);
  expect(first.json).toMatchObject({ roleTemplateId: licenseAdminTemplateId, displayName: 'License Administrator' });
  expect((await graph('POST', '/directoryRoles', { roleTemplateId: licenseAdminTemplateId })).status).toBe(400);
});

it('adds and removes a member through $ref with 204, seen by roleAssignments too', async () => {
  const user = running.simulator.control.addUser(contosoId, { userPrincipalName: 'new.admin@contoso.com' });
  const added = await graph(
    'POST',
    `/directoryRoles/roleTemplateId=${globalAdminTemplateId}/members/$ref`,
    reference(user.id),
  );
  expect(added.status).toBe(204);
  const assignments = await graph(
    'GET',
    `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`principalId eq '${user.id}'`)}`,
  );
  expect(assignments.json.value).toEqual([
    expect.objectContaining({ principalId: user.id, roleDefinitionId: globalAdminTemplateId, directoryScopeId: '/' }),
  ]);
  const role = (await graph('GET', '/directoryRoles')).json.value.find(
    (candidate: { roleTemplateId: string }) => candidate.roleTemplateId === globalAdminTemplateId,
  );
  expect((await graph('DELETE', `/directoryRoles/${role.id}/members/${user.id}/$ref`)).status).toBe(204);
  expect(running.simulator.control.listRoleMembers(contosoId, 'Global Administrator')).not.toContain(user.id);
});

it('accepts the parenthesised roleTemplateId key', async () => {
  const members = await graph('GET', `/directoryRoles(roleTemplateId='${globalAdminTemplateId}')/members`);
  expect(members.status).toBe(200);
  expect(members.json.value.map((member: { userPrincipalName: string }) => member.userPrincipalName)).toContain(
    'megan.bowen@contoso.com',
  );
});

it('refuses to add a member twice and to remove a non-member', async () => {
  const megan = running.simulator.control.getUser(contosoId, 'megan.bowen@contoso.com');
  const again = await graph(
    'POST',
    `/directoryRoles/roleTemplateId=${globalAdminTemplateId}/members/$ref`,
    reference(megan?.id ?? ''),
  );
  expect(again.json.error.message).toBe(
    "One or more added object references already exist for the following modified properties: 'members'.",
  );
  const alex = running.simulator.control.getUser(contosoId, 'alex.wilber@contoso.com');
  const role = (await graph('GET', '/directoryRoles')).json.value.find(
    (candidate: { roleTemplateId: string }) => candidate.roleTemplateId === globalAdminTemplateId,
  );
  const removed = await graph('DELETE', `/directoryRoles/${role.id}/members/${alex?.id}/$ref`);
  expect(removed.json.error.message).toBe(
    "One or more removed object references do not exist for the following modified properties: 'members'.",
  );
});

it('creates, finds and deletes a unified role assignment, seen by directoryRoles too', async () => {
  const user = running.simulator.control.addUser(contosoId, { userPrincipalName: 'rbac@contoso.com' });
  const created = await graph('POST', '/roleManagement/directory/roleAssignments', {
    '@odata.type': '#microsoft.graph.unifiedRoleAssignment',
    roleDefinitionId: globalAdminTemplateId,
    principalId: user.id,
    directoryScopeId: '/',
  });
  expect(created.status).toBe(201);
  expect(created.json).toMatchObject({
    principalId: user.id,
    roleDefinitionId: globalAdminTemplateId,
    directoryScopeId: '/',
  });
  const filter = encodeURIComponent(`principalId eq '${user.id}' and roleDefinitionId eq '${globalAdminTemplateId}'`);
  expect((await graph('GET', `/roleManagement/directory/roleAssignments?$filter=${filter}`)).json.value).toHaveLength(
    1,
  );
  const members = await graph('GET', `/directoryRoles/roleTemplateId=${globalAdminTemplateId}/members`);
  expect(members.json.value.map((member: { id: string }) => member.id)).toContain(user.id);
  const duplicate = await graph('POST', '/roleManagement/directory/roleAssignments', {
    roleDefinitionId: globalAdminTemplateId,
    principalId: user.id,
    directoryScopeId: '/',
  });
  expect(duplicate.json.error.message).toBe(
    'A conflicting object with one or more of the specified property values is present in the directory.',
  );
  expect((await graph('DELETE', `/roleManagement/directory/roleAssignments/${created.json.id}`)).status).toBe(204);
  expect(running.simulator.control.listRoleMembers(contosoId, globalAdminTemplateId)).not.toContain(user.id);
});

it('activates a role implicitly when assigning one through RBAC', async () => {
  const user = running.simulator.control.addUser(contosoId, { userPrincipalName: 'exchange.admin@contoso.com' });
  await graph('POST', '/roleManagement/directory/roleAssignments', {
    roleDefinitionId: '29232cdf-9323-42fd-ade2-1d097af3e4de',
    principalId: user.id,
    directoryScopeId: '/',
  });
  const roles = await graph('GET', '/directoryRoles');
  expect(roles.json.value.map((role: { displayName: string }) => role.displayName)).toContain('Exchange Administrator');
});
