import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { contosoId, type GraphCall, graphFor, skuIds } from '../sim-requests';

/** Groups in Graph: lists, members by $ref with Graph's refusals, memberOf, group-based licensing, revoke sessions. */

let now = Date.parse('2026-03-02T09:00:00Z');
let simulator: RunningSimulator;
let graph: GraphCall;

beforeAll(async () => {
  simulator = await startSimulator({ groupLicenseDelayMs: 120_000, now: () => now });
  graph = await graphFor(simulator, contosoId);
});

afterAll(async () => {
  await simulator.close();
});

const reference = (userId: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${userId}` });

async function groupId(name: string): Promise<string> {
  const answer = await graph('GET', `/groups?$filter=displayName eq '${name}'&$select=id,displayName`);
  expect(answer.json.value).toHaveLength(1);
  return answer.json.value[0].id;
}

it('lists the seeded groups with $select, and pages with $top through next links', async () => {
  const all = await graph(
    'GET',
    '/groups?$select=id,displayName,groupTypes,securityEnabled,mailEnabled,assignedLicenses',
  );
  expect(all.status).toBe(200);
  const names = all.json.value.map((group: { displayName: string }) => group.displayName);
  expect(names).toEqual(expect.arrayContaining(['All Staff', 'Sales', 'Finance', 'Licence - Business Basic']));
  const allStaff = all.json.value.find((group: { displayName: string }) => group.displayName === 'All Staff');
  expect(allStaff).toMatchObject({ groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false });
  const licensing = all.json.value.find((group: { displayName: string }) => group.displayName.startsWith('Licence'));
  expect(licensing.assignedLicenses).toEqual([{ disabledPlans: [], skuId: skuIds.O365_BUSINESS_ESSENTIALS }]);
  const first = await graph('GET', '/groups?$top=2');
  expect(first.json.value).toHaveLength(2);
  expect(first.json['@odata.nextLink']).toContain('$skiptoken=');
  const bad = await graph('GET', '/groups?$select=nope');
  expect(bad.status).toBe(400);
  expect(bad.json.error.message).toBe("Could not find a property named 'nope' on type 'microsoft.graph.group'.");
});

it('adds a member by $ref, refuses a duplicate and a missing reference with Graph’s texts, and lists memberOf', async () => {
  const sales = await groupId('Sales');
  const user = simulator.control.addUser(contosoId, { userPrincipalName: 'new.seller@contoso.com' });
  expect((await graph('POST', `/groups/${sales}/members/$ref`, reference(user.id))).status).toBe(204);
  const again = await graph('POST', `/groups/${sales}/members/$ref`, reference(user.id));
  expect(again.status).toBe(400);
  expect(again.json.error).toMatchObject({
    code: 'Request_BadRequest',
    message: "One or more added object references already exist for the following modified properties: 'members'.",
  });
  const members = await graph('GET', `/groups/${sales}/members?$select=id`);
  expect(members.json.value).toContainEqual({ '@odata.type': '#microsoft.graph.user', id: user.id });
  const memberOf = await graph('GET', `/users/${user.id}/memberOf?$select=id`);
  expect(memberOf.json.value).toEqual([{ '@odata.type': '#microsoft.graph.group', id: sales }]);
  expect((await graph('DELETE', `/groups/${sales}/members/${user.id}/$ref`)).status).toBe(204);
  const gone = await graph('DELETE', `/groups/${sales}/members/${user.id}/$ref`);
  expect(gone.status).toBe(400);
  expect(gone.json.error.message).toBe(
    "One or more removed object references do not exist for the following modified properties: 'members'.",
  );
  const unknownGroup = await graph('GET', '/groups/00000000-0000-4000-8000-000000000000');
  expect(unknownGroup.status).toBe(404);
  expect(unknownGroup.json.error.code).toBe('Request_ResourceNotFound');
});

it('lists directory roles in memberOf beside groups', async () => {
  const megan = simulator.control.getUser(contosoId, 'megan.bowen@contoso.com')!;
  const memberOf = await graph('GET', `/users/${megan.id}/memberOf`);
  const types = memberOf.json.value.map((object: { '@odata.type': string }) => object['@odata.type']);
  expect(types).toContain('#microsoft.graph.group');
  expect(types).toContain('#microsoft.graph.directoryRole');
});

it('gives a group’s licence after the processing delay and takes it back after leaving', async () => {
  const licensing = await groupId('Licence - Business Basic');
  const user = simulator.control.addUser(contosoId, { userPrincipalName: 'grouped@contoso.com', usageLocation: 'US' });
  await graph('POST', `/groups/${licensing}/members/$ref`, reference(user.id));
  const select = '$select=assignedLicenses,licenseAssignmentStates';
  expect((await graph('GET', `/users/${user.id}?${select}`)).json.assignedLicenses).toEqual([]);
  now += 120_001;
  const licensed = await graph('GET', `/users/${user.id}?${select}`);
  expect(licensed.json.assignedLicenses).toEqual([{ disabledPlans: [], skuId: skuIds.O365_BUSINESS_ESSENTIALS }]);
  expect(licensed.json.licenseAssignmentStates).toEqual([
    expect.objectContaining({
      assignedByGroup: licensing,
      skuId: skuIds.O365_BUSINESS_ESSENTIALS,
      state: 'Active',
      error: 'None',
    }),
  ]);
  const direct = await graph('POST', `/users/${user.id}/assignLicense`, {
    addLicenses: [],
    removeLicenses: [skuIds.O365_BUSINESS_ESSENTIALS],
  });
  expect(direct.status).toBe(400);
  expect(direct.json.error.message).toBe(
    'User license is inherited from a group membership and it cannot be removed directly from the user.',
  );
  await graph('DELETE', `/groups/${licensing}/members/${user.id}/$ref`);
  expect((await graph('GET', `/users/${user.id}?${select}`)).json.assignedLicenses).toHaveLength(1);
  now += 120_001;
  const after = await graph('GET', `/users/${user.id}?${select}`);
  expect(after.json.assignedLicenses).toEqual([]);
  expect(after.json.licenseAssignmentStates).toEqual([]);
});

it('reports CountViolation when the group’s SKU has no free seat', async () => {
  simulator.control.setSkuUnits(contosoId, 'EXCHANGESTANDARD', 0);
  const group = simulator.control.createGroup(contosoId, { displayName: 'Mail only', licenses: ['EXCHANGESTANDARD'] });
  const user = simulator.control.addUser(contosoId, { userPrincipalName: 'no.seat@contoso.com', usageLocation: 'US' });
  simulator.control.addGroupMember(contosoId, group.id, user.id);
  now += 120_001;
  const answer = await graph('GET', `/users/${user.id}?$select=assignedLicenses,licenseAssignmentStates`);
  expect(answer.json.assignedLicenses).toEqual([]);
  expect(answer.json.licenseAssignmentStates).toEqual([
    expect.objectContaining({ assignedByGroup: group.id, state: 'Error', error: 'CountViolation' }),
  ]);
  expect(simulator.control.getLicenseStates(contosoId, user.id)).toEqual([
    { skuId: skuIds.EXCHANGESTANDARD, assignedByGroup: group.id, state: 'Error', error: 'CountViolation' },
  ]);
});

it('revokes sign-in sessions with {"value": true}, and 404 for an unknown user', async () => {
  const user = simulator.control.addUser(contosoId, { userPrincipalName: 'leaver@contoso.com' });
  const answer = await graph('POST', `/users/${user.id}/revokeSignInSessions`);
  expect(answer.status).toBe(200);
  expect(answer.json).toMatchObject({ value: true });
  expect(answer.json['@odata.context']).toMatch(/\$metadata#Edm\.Boolean$/);
  expect(simulator.control.getSessionsRevokedAt(contosoId, user.id)).toBe(
    new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  );
  expect((await graph('POST', '/users/nobody@contoso.com/revokeSignInSessions')).status).toBe(404);
});

it('refuses group writes without a group permission, as Graph does', async () => {
  simulator.control.removePermission(contosoId, 'GroupMember.ReadWrite.All');
  try {
    const sales = simulator.control.getGroup(contosoId, 'Sales')!.id;
    const user = simulator.control.addUser(contosoId, { userPrincipalName: 'denied@contoso.com' });
    const answer = await graph('POST', `/groups/${sales}/members/$ref`, reference(user.id));
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe('Authorization_RequestDenied');
  } finally {
    simulator.control.grantConsent(contosoId);
  }
});

it('shows mail-enabled security groups and distribution lists as Graph does, and refuses to change their members', async () => {
  const mailSecurity = simulator.control.createGroup(contosoId, { displayName: 'Managers', kind: 'mail-security' });
  const distribution = simulator.control.createGroup(contosoId, { displayName: 'Newsletter', kind: 'distribution' });
  expect(mailSecurity).toMatchObject({ groupTypes: [], mailEnabled: true, securityEnabled: true });
  expect(distribution).toMatchObject({ groupTypes: [], mailEnabled: true, securityEnabled: false });
  const listed = await graph('GET', `/groups/${distribution.id}?$select=id,mail,mailEnabled,securityEnabled`);
  expect(listed.json).toMatchObject({ mail: 'newsletter@contoso.com', mailEnabled: true, securityEnabled: false });

  const user = simulator.control.addUser(contosoId, { userPrincipalName: 'exchange.owned@contoso.com' });
  for (const group of [mailSecurity, distribution]) {
    const added = await graph('POST', `/groups/${group.id}/members/$ref`, reference(user.id));
    expect(added.status).toBe(400);
    expect(added.json.error).toMatchObject({
      code: 'Request_BadRequest',
      message: 'Cannot Update a mail-enabled security groups and or distribution list.',
    });
    // The Exchange admin center (the control API) may: then Graph still refuses to take the member out.
    simulator.control.addGroupMember(contosoId, group.id, user.id);
    const removed = await graph('DELETE', `/groups/${group.id}/members/${user.id}/$ref`);
    expect(removed.status).toBe(400);
    expect(simulator.control.getGroup(contosoId, group.id)?.memberIds).toEqual([user.id]);
  }
});
