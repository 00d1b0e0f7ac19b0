import { startSimulator } from '../../../sim/index';
import { contosoId, graphFor, newUserBody } from '../sim-requests';
import { useSimulator } from '../use-simulator';

const running = useSimulator();
const { graph } = running;

const defaultProperties = [
  'businessPhones',
  'displayName',
  'givenName',
  'id',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
];

describe('GET /users', () => {
  it('returns the default property set without $select', async () => {
    const answer = await graph('GET', '/users');
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json.value[0]).sort()).toEqual(defaultProperties);
    expect(answer.json['@odata.context']).toBe(`${running.simulator.graphUrl}/v1.0/$metadata#users`);
  });

  it('returns only the selected properties, including ones outside the default set', async () => {
    const answer = await graph('GET', '/users?$select=id,usageLocation,assignedLicenses,accountEnabled,proxyAddresses');
    expect(Object.keys(answer.json.value[0]).sort()).toEqual([
      'accountEnabled',
      'assignedLicenses',
      'id',
      'proxyAddresses',
      'usageLocation',
    ]);
  });

  it('refuses to $select a property the user type does not have', async () => {
    const answer = await graph('GET', '/users?$select=id,shoeSize');
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe(
      "Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.",
    );
  });

  it('pages by 100 by default, then by $top, with an opaque next link until the last page', async () => {
    const names = Array.from({ length: 150 }, (_, index) => `Person Number${index}`);
    const big = await startSimulator({
      seed: {
        tenants: [
          {
            id: contosoId,
            displayName: 'Big',
            domains: [{ name: 'big.example' }],
            generated: [{ names, domain: 'big.example' }],
          },
        ],
      },
    });
    try {
      const bigGraph = await graphFor(big, contosoId);
      const first = await bigGraph('GET', '/users');
      expect(first.json.value).toHaveLength(100);
      expect(first.json['@odata.nextLink']).toMatch(new RegExp(`^${big.graphUrl}/v1\\.0/users\\?\\$skiptoken=`));
      const ids: string[] = [];
      let link: string | undefined = '/users?$top=40&$select=id';
      let pages = 0;
      while (link) {
        const page = await bigGraph('GET', link);
        ids.push(...page.json.value.map((user: { id: string }) => user.id));
        expect(Object.keys(page.json.value[0])).toEqual(['id']);
        link = page.json['@odata.nextLink'];
        pages += 1;
      }
      expect(pages).toBe(4);
      expect(new Set(ids).size).toBe(150);
    } finally {
      await big.close();
    }
  });

  it.each(['0', '1000', 'abc'])('refuses $top=%s', async (top) => {
    const answer = await graph('GET', `/users?$top=${top}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe(
      `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`,
    );
  });

  it('filters on userPrincipalName eq, ignoring case', async () => {
    const answer = await graph(
      'GET',
      `/users?$filter=${encodeURIComponent("userPrincipalName eq 'MEGAN.BOWEN@contoso.com'")}`,
    );
    expect(answer.json.value.map((user: { userPrincipalName: string }) => user.userPrincipalName)).toEqual([
      'megan.bowen@contoso.com',
    ]);
  });

  it('filters on id eq, and on a UPN only an active user holds', async () => {
    const megan = running.simulator.control.getUser(contosoId, 'megan.bowen@contoso.com');
    const byId = await graph('GET', `/users?$filter=${encodeURIComponent(`id eq '${megan?.id}'`)}&$select=id`);
    expect(byId.json.value).toEqual([{ id: megan?.id }]);
    const nobody = await graph(
      'GET',
      `/users?$filter=${encodeURIComponent("userPrincipalName eq 'nobody@contoso.com'")}`,
    );
    expect(nobody.json.value).toEqual([]);
    expect(nobody.json['@odata.nextLink']).toBeUndefined();
  });

  it('filters on startswith(userPrincipalName)', async () => {
    const answer = await graph(
      'GET',
      `/users?$filter=${encodeURIComponent("startswith(userPrincipalName,'a')")}&$select=userPrincipalName`,
    );
    const upns = answer.json.value.map((user: { userPrincipalName: string }) => user.userPrincipalName);
    expect(upns.length).toBeGreaterThan(2);
    expect(upns.every((upn: string) => upn.startsWith('a'))).toBe(true);
  });

  it('refuses a filter on a property it cannot filter', async () => {
    const answer = await graph('GET', `/users?$filter=${encodeURIComponent("jobTitle eq 'CFO'")}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe(
      "Unsupported or invalid query filter clause specified for property 'jobTitle' of resource 'User'.",
    );
  });
});

describe('GET /users/{id | upn}', () => {
  it('finds a user by UPN and by object id', async () => {
    const byUpn = await graph('GET', '/users/diego.siciliani@contoso.com');
    expect(byUpn.status).toBe(200);
    const byId = await graph('GET', `/users/${byUpn.json.id}?$select=id,proxyAddresses,mail`);
    expect(byId.json).toMatchObject({ id: byUpn.json.id, mail: 'diego.siciliani@contoso.com' });
    expect(byId.json.proxyAddresses).toEqual([
      'SMTP:diego.siciliani@contoso.com',
      'smtp:diego.siciliani@contoso.onmicrosoft.com',
      'smtp:finance@contoso.com',
    ]);
  });

  it('answers 404 Request_ResourceNotFound with the directory message', async () => {
    const answer = await graph('GET', '/users/nobody@contoso.com');
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe('Request_ResourceNotFound');
    expect(answer.json.error.message).toBe(
      "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.",
    );
    expect(answer.json.error.innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      'request-id': answer.headers['request-id'],
      'client-request-id': answer.headers['client-request-id'],
    });
  });

  it('echoes the client-request-id it was sent', async () => {
    const answer = await graph('GET', '/users/nobody@contoso.com', undefined, { 'client-request-id': 'abc-123' });
    expect(answer.headers['client-request-id']).toBe('abc-123');
    expect(answer.json.error.innerError['client-request-id']).toBe('abc-123');
  });
});

describe('POST /users', () => {
  it('creates a user and answers 201 with the default properties', async () => {
    const answer = await graph('POST', '/users', newUserBody('new.hire@contoso.com', { usageLocation: 'US' }));
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ userPrincipalName: 'new.hire@contoso.com', mail: null, businessPhones: [] });
    expect(answer.json['@odata.context']).toBe(`${running.simulator.graphUrl}/v1.0/$metadata#users/$entity`);
    expect(answer.json.passwordProfile).toBeUndefined();
  });

  it('refuses a duplicate UPN with ObjectConflict details', async () => {
    const answer = await graph('POST', '/users', newUserBody('megan.bowen@contoso.com'));
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      code: 'Request_BadRequest',
      message: 'Another object with the same value for property userPrincipalName already exists.',
      details: [{ target: 'userPrincipalName', code: 'ObjectConflict' }],
    });
  });

  it('refuses a UPN on an unverified domain', async () => {
    const answer = await graph('POST', '/users', newUserBody('someone@contoso.org'));
    expect(answer.json.error.message).toBe(
      'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
    );
  });

  it.each(['short1!', 'alllowercaseletters', 'NoDigitsOrSymbols'])('refuses the weak password %s', async (password) => {
    const answer = await graph('POST', '/users', newUserBody('weak@contoso.com', { passwordProfile: { password } }));
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe(
      'The specified password does not comply with password complexity requirements. Please provide a different password.',
    );
  });

  it('refuses a body without a required property', async () => {
    const { mailNickname: _, ...body } = newUserBody('nonick@contoso.com');
    const answer = await graph('POST', '/users', body);
    expect(answer.json.error.message).toBe('Property mailNickname value is required but is empty or missing.');
  });

  it('refuses a usage location that is not an ISO 3166 alpha-2 code', async () => {
    const answer = await graph('POST', '/users', newUserBody('gbr@contoso.com', { usageLocation: 'GBR' }));
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe("Invalid value specified for property 'usageLocation' of resource 'User'.");
  });

  it('refuses to set the read-only proxyAddresses', async () => {
    const answer = await graph(
      'POST',
      '/users',
      newUserBody('proxy@contoso.com', { proxyAddresses: ['SMTP:proxy@contoso.com'] }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe("Property 'proxyAddresses' is read-only and cannot be set.");
  });

  it('refuses a property the user type does not declare', async () => {
    const answer = await graph('POST', '/users', newUserBody('extra@contoso.com', { favouriteColour: 'blue' }));
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      code: 'Request_BadRequest',
      message: "Property 'favouriteColour' does not exist as a declared property or extension property.",
    });
  });

  it('refuses a UPN with characters Entra does not allow', async () => {
    const answer = await graph('POST', '/users', newUserBody('jöhn@contoso.com', { mailNickname: 'john' }));
    expect(answer.json.error.message).toBe('Property userPrincipalName is invalid.');
  });
});

describe('PATCH and DELETE /users/{id}', () => {
  it('renames a UPN in place with 204 and keeps the object id', async () => {
    const before = running.simulator.control.addUser(contosoId, { userPrincipalName: 'rename.me@contoso.com' });
    const answer = await graph('PATCH', `/users/${before.id}`, { userPrincipalName: 'renamed@contoso.com' });
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    expect((await graph('GET', '/users/renamed@contoso.com')).json.id).toBe(before.id);
  });

  it('refuses a rename onto a UPN that exists', async () => {
    const answer = await graph('PATCH', '/users/alex.wilber@contoso.com', {
      userPrincipalName: 'megan.bowen@contoso.com',
    });
    expect(answer.json.error.details).toEqual([{ target: 'userPrincipalName', code: 'ObjectConflict' }]);
  });

  it('refuses to patch the read-only id', async () => {
    const answer = await graph('PATCH', '/users/alex.wilber@contoso.com', { id: 'x' });
    expect(answer.json.error.message).toBe("Property 'id' is read-only and cannot be set.");
  });

  it('blocks sign-in through accountEnabled', async () => {
    await graph('PATCH', '/users/alex.wilber@contoso.com', { accountEnabled: false });
    expect(running.simulator.control.getUser(contosoId, 'alex.wilber@contoso.com')?.accountEnabled).toBe(false);
  });

  it('soft-deletes with 204 into deleted items, restorable with 200', async () => {
    const user = running.simulator.control.addUser(contosoId, { userPrincipalName: 'leaver@contoso.com' });
    expect((await graph('DELETE', `/users/${user.id}`)).status).toBe(204);
    expect((await graph('GET', `/users/${user.id}`)).status).toBe(404);
    const deleted = await graph(
      'GET',
      '/directory/deletedItems/microsoft.graph.user?$select=id,userPrincipalName,deletedDateTime',
    );
    expect(deleted.json.value).toContainEqual(
      expect.objectContaining({
        id: user.id,
        '@odata.type': '#microsoft.graph.user',
        deletedDateTime: expect.any(String),
      }),
    );
    const restored = await graph('POST', `/directory/deletedItems/${user.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: user.id });
    expect((await graph('GET', `/users/${user.id}`)).status).toBe(200);
  });

  it('lets a new user take the UPN of a deleted one, whose restore then needs a new UPN', async () => {
    const old = running.simulator.control.addUser(contosoId, { userPrincipalName: 'reused@contoso.com' });
    await graph('DELETE', `/users/${old.id}`);
    expect((await graph('POST', '/users', newUserBody('reused@contoso.com'))).status).toBe(201);
    const clash = await graph('POST', `/directory/deletedItems/${old.id}/restore`);
    expect(clash.json.error.details).toEqual([{ target: 'userPrincipalName', code: 'ObjectConflict' }]);
    const restored = await graph('POST', `/directory/deletedItems/${old.id}/restore`, {
      newUserPrincipalName: 'reused.old@contoso.com',
    });
    expect(restored.json).toMatchObject({ id: old.id, userPrincipalName: 'reused.old@contoso.com' });
  });

  it('purges a deleted user for good', async () => {
    const user = running.simulator.control.addUser(contosoId, { userPrincipalName: 'gone@contoso.com' });
    await graph('DELETE', `/users/${user.id}`);
    expect((await graph('DELETE', `/directory/deletedItems/${user.id}`)).status).toBe(204);
    expect((await graph('GET', `/directory/deletedItems/${user.id}`)).status).toBe(404);
  });

  it('refuses the deleted items collection without a type cast', async () => {
    expect((await graph('GET', '/directory/deletedItems')).status).toBe(400);
  });

  it('answers an unknown segment like Graph', async () => {
    const answer = await graph('GET', '/gizmos');
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe("Resource not found for the segment 'gizmos'.");
  });
});
