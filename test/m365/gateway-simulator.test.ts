/**
 * Every TenantClient and M365Gateway operation, and every error the gateway maps, over real HTTPS against the
 * simulator (sim/), through the real MSAL and Graph SDK code. Tenant state is asserted through the simulator's
 * control (its admin portal), not through the gateway under test.
 */
import { createM365Gateway } from '../../m365/index';
import type { M365Gateway, NewTenantUser, TenantClient, TenantUser } from '../../m365/types';
import { startSimulator } from '../../sim/index';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import type { RunningSimulator } from '../../sim/types';

const contosoId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const fabrikamId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const northwindId = 'b3a1c2d4-8e9f-4a0b-9c1d-2e3f4a5b6c7d';
const spb = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
const essentials = '3b555118-da6a-4418-894f-7df1e2096870';
const exchangeStandard = '4b9405b0-7788-4568-add1-99614e613b69';
const globalAdmin = '62e90394-69f5-4237-9190-012177145e10';
const password = 'Str0ng!Passw0rd-1';

let sim: RunningSimulator;
let m365: M365Gateway;
let contoso: TenantClient;

function gatewayFor(overrides: { clientSecret?: string; maxRetries?: number } = {}): M365Gateway {
  return createM365Gateway({
    ...simulatorEndpoints(sim),
    clientSecret: overrides.clientSecret ?? sim.clientSecret,
    ca: sim.caPem,
    retry: { maxRetries: overrides.maxRetries ?? 4, maxDelayMs: 200 },
  });
}

beforeAll(async () => {
  sim = await startSimulator({ mailboxDelayMs: 3_600_000 });
  m365 = gatewayFor();
  contoso = m365.forTenant(contosoId);
});

afterAll(async () => {
  await sim.close();
});

afterEach(() => {
  sim.control.clearFaults();
});

let serial = 0;
function newUser(overrides: Partial<NewTenantUser> = {}): NewTenantUser {
  serial++;
  return {
    userPrincipalName: `test.user${serial}@contoso.com`,
    displayName: `Test User ${serial}`,
    mailNickname: `test.user${serial}`,
    givenName: 'Test',
    surname: `User ${serial}`,
    usageLocation: 'US',
    accountEnabled: true,
    password,
    forceChangePasswordNextSignIn: true,
    ...overrides,
  };
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}

async function failureOf(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

describe('tenant reads', () => {
  it('reads the organization with its verified domains', async () => {
    const organization = await contoso.getOrganization();
    expect(organization.id).toBe(contosoId);
    expect(organization.verifiedDomains).toEqual(
      expect.arrayContaining([{ name: 'contoso.com', isDefault: true, isInitial: false }]),
    );
    expect(organization.verifiedDomains.map((domain) => domain.name)).not.toContain('contoso.org');
  });

  it('lists domains with verification state', async () => {
    const domains = await contoso.listDomains();
    expect(domains).toEqual(
      expect.arrayContaining([
        { id: 'contoso.org', isVerified: false, isDefault: false, isInitial: false },
        { id: 'contoso.onmicrosoft.com', isVerified: true, isDefault: false, isInitial: true },
      ]),
    );
  });

  it('lists SKUs with the units still free', async () => {
    const skus = await m365.forTenant(fabrikamId).listSkus();
    const expected = sim.control.getSkus(fabrikamId).find((sku) => sku.skuId === essentials)!;
    expect(skus.find((sku) => sku.skuId === essentials)).toMatchObject({
      skuPartNumber: 'O365_BUSINESS_ESSENTIALS',
      enabledUnits: expected.enabledUnits,
      consumedUnits: expected.consumedUnits,
      availableUnits: expected.enabledUnits - expected.consumedUnits,
    });
  });

  it('gets a user by UPN and by object id with licences and usage location', async () => {
    const byUpn = await contoso.getUser('megan.bowen@contoso.com');
    expect(byUpn).toMatchObject({
      userPrincipalName: 'megan.bowen@contoso.com',
      displayName: 'Megan Bowen',
      usageLocation: 'US',
      accountEnabled: true,
      assignedLicenses: [{ skuId: spb, disabledPlans: [] }],
    });
    await expect(contoso.getUser(byUpn!.id)).resolves.toEqual(byUpn);
  });

  it('answers null for a user that does not exist', async () => {
    await expect(contoso.getUser('nobody@contoso.com')).resolves.toBeNull();
    await expect(contoso.findUserByUpn('nobody@contoso.com')).resolves.toBeNull();
  });

  it('finds a user by UPN with a filter', async () => {
    const found = await contoso.findUserByUpn('alex.wilber@contoso.com');
    expect(found?.id).toBe(sim.control.getUser(contosoId, 'alex.wilber@contoso.com')?.id);
  });

  it('streams every user page by page', async () => {
    const pages = await collect(contoso.listUsers(['userPrincipalName', 'assignedLicenses'], 10));
    const expected = sim.control.listUsers(contosoId).map((user) => user.id);
    expect(pages.length).toBe(Math.ceil(expected.length / 10));
    expect(
      pages
        .flat()
        .map((user) => user.id)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it('surfaces a failure at page K instead of a short list', async () => {
    sim.control.setFaults({ pageFailure: { route: 'users', page: 3, status: 500, times: 10 } });
    const seen: TenantUser[][] = [];
    const error = await failureOf(
      (async () => {
        for await (const page of contoso.listUsers(['id'], 10)) seen.push(page);
      })(),
    );
    expect(seen).toHaveLength(2);
    expect(error.code).toBe('unavailable');
    expect(error.details.status).toBe(500);
  });
});

describe('users', () => {
  it('creates a user', async () => {
    const request = newUser();
    const created = await contoso.createUser(request);
    expect(created).toMatchObject({ userPrincipalName: request.userPrincipalName, displayName: request.displayName });
    expect(sim.control.getUser(contosoId, request.userPrincipalName)).toMatchObject({
      id: created.id,
      usageLocation: 'US',
      accountEnabled: true,
    });
  });

  it('creates and licenses a user in one batch', async () => {
    const request = newUser();
    const created = await contoso.createLicensedUser({ user: request, licences: [{ skuId: spb, disabledPlans: [] }] });
    expect(created.assignedLicenses).toEqual([{ skuId: spb, disabledPlans: [] }]);
    expect(sim.control.getUser(contosoId, created.id)?.assignedLicenses.map((l) => l.skuId)).toEqual([spb]);
    expect(sim.control.requestCounts()).toMatchObject({ 'POST /v1.0/$batch': expect.any(Number) });
  });

  it('patches a user, renaming the UPN in place', async () => {
    const created = await contoso.createUser(newUser());
    await contoso.updateUser(created.id, {
      displayName: 'Renamed',
      userPrincipalName: `renamed.${serial}@contoso.com`,
    });
    expect(sim.control.getUser(contosoId, created.id)).toMatchObject({
      displayName: 'Renamed',
      userPrincipalName: `renamed.${serial}@contoso.com`,
    });
  });

  it('deletes a user softly, lists it as deleted and restores it', async () => {
    const created = await contoso.createUser(newUser());
    await contoso.deleteUser(created.id);
    expect(sim.control.getUser(contosoId, created.id)?.deletedDateTime ?? 'gone').not.toBeNull();
    const deleted = await contoso.listDeletedUsers();
    expect(deleted.find((user) => user.id === created.id)).toMatchObject({
      userPrincipalName: created.userPrincipalName,
      deletedDateTime: expect.any(String),
    });
    const restored = await contoso.restoreUser(created.id);
    expect(restored.id).toBe(created.id);
    expect(sim.control.listUsers(contosoId).map((user) => user.id)).toContain(created.id);
  });

  it('adds and removes licences in one assignLicense call', async () => {
    const created = await contoso.createLicensedUser({
      user: newUser(),
      licences: [{ skuId: essentials, disabledPlans: [] }],
    });
    const after = await contoso.assignLicenses(
      created.userPrincipalName,
      [{ skuId: spb, disabledPlans: [] }],
      [essentials],
    );
    expect(after.assignedLicenses.map((license) => license.skuId)).toEqual([spb]);
    expect(sim.control.getUser(contosoId, created.id)?.assignedLicenses.map((l) => l.skuId)).toEqual([spb]);
  });
});

describe('admin roles', () => {
  it('lists role members by role name', async () => {
    const members = await contoso.listRoleMembers('Global Administrator');
    expect(members.sort()).toEqual(sim.control.listRoleMembers(contosoId, globalAdmin).sort());
  });

  it('adds and removes a member by template id', async () => {
    const created = await contoso.createUser(newUser());
    await contoso.addRoleMember(globalAdmin, created.id);
    expect(sim.control.listRoleMembers(contosoId, globalAdmin)).toContain(created.id);
    await contoso.removeRoleMember(globalAdmin, created.id);
    expect(sim.control.listRoleMembers(contosoId, globalAdmin)).not.toContain(created.id);
  });

  it('reports adding a member twice as already a member', async () => {
    const megan = sim.control.getUser(contosoId, 'megan.bowen@contoso.com')!;
    const error = await failureOf(contoso.addRoleMember('Global Administrator', megan.id));
    expect(error.code).toBe('already-member');
    expect(error.message).toBe(
      `The user ${megan.id} already holds the role Global Administrator in tenant ${contosoId}.`,
    );
  });

  it('reports removing a non-member as not a member', async () => {
    const created = await contoso.createUser(newUser());
    const error = await failureOf(contoso.removeRoleMember('Global Administrator', created.id));
    expect(error.code).toBe('not-member');
    expect(error.message).toBe(
      `The user ${created.id} does not hold the role Global Administrator in tenant ${contosoId}.`,
    );
  });
});

describe('delta', () => {
  const select = ['userPrincipalName', 'displayName', 'assignedLicenses', 'accountEnabled'];

  it('reads an initial round to a delta link and later sees changes, removals and renames', async () => {
    const fabrikam = m365.forTenant(fabrikamId);
    const initial = await collect(fabrikam.readDelta(select));
    const deltaLink = initial.at(-1)?.deltaLink;
    expect(deltaLink).toBeDefined();
    expect(initial.flatMap((page) => page.users).length).toBe(sim.control.listUsers(fabrikamId).length);

    const [anna, bernd, clara] = ['anna.schmidt', 'bernd.weber', 'clara.wagner'].map(
      (name) => sim.control.getUser(fabrikamId, `${name}@fabrikam.com`)!,
    );
    sim.control.setLicenses(fabrikamId, anna!.id, []);
    sim.control.deleteUser(fabrikamId, bernd!.id);
    sim.control.renameUpn(fabrikamId, clara!.id, 'clara.w@fabrikam.com');

    const round = await collect(fabrikam.readDelta(select, deltaLink));
    const users = round.flatMap((page) => page.users);
    expect(users.find((user) => user.id === anna!.id)?.assignedLicenses).toEqual([]);
    expect(users.find((user) => user.id === clara!.id)?.userPrincipalName).toBe('clara.w@fabrikam.com');
    expect(round.flatMap((page) => page.removed)).toEqual([{ id: bernd!.id, reason: 'changed' }]);
    expect(round.at(-1)?.deltaLink).toBeDefined();
  });

  it('starts from now with $deltatoken=latest and sees only later changes', async () => {
    const link = await contoso.latestDeltaLink(select);
    const created = await contoso.createUser(newUser());
    const round = await collect(contoso.readDelta(select, link));
    expect(round.flatMap((page) => page.users).map((user) => user.id)).toEqual([created.id]);
  });

  it('reports an expired token answered with 410 Gone', async () => {
    const link = await contoso.latestDeltaLink(select);
    sim.control.expireDeltaTokens(contosoId, 'gone');
    const error = await failureOf(collect(contoso.readDelta(select, link)));
    expect(error.code).toBe('delta-expired');
    expect(error.message).toBe(
      `The saved sync position for tenant ${contosoId} has expired; the tenant's users must be read in full again.`,
    );
  });

  it('reports an expired token answered with syncStateNotFound', async () => {
    const link = await contoso.latestDeltaLink(select);
    sim.control.expireDeltaTokens(contosoId, 'syncStateNotFound');
    const error = await failureOf(collect(contoso.readDelta(select, link)));
    expect(error.code).toBe('delta-expired');
  });
});

describe('Exchange mailboxes', () => {
  it('answers null until the mailbox exists, then reads it', async () => {
    const created = await contoso.createLicensedUser({
      user: newUser(),
      licences: [{ skuId: exchangeStandard, disabledPlans: [] }],
    });
    await expect(contoso.getMailbox(created.userPrincipalName)).resolves.toBeNull();
    sim.control.makeMailboxReady(contosoId, created.id);
    await expect(contoso.getMailbox(created.userPrincipalName)).resolves.toMatchObject({
      primarySmtpAddress: created.userPrincipalName,
      emailAddresses: expect.arrayContaining([`SMTP:${created.userPrincipalName}`]),
    });
  });

  it('refuses to set addresses before the mailbox exists', async () => {
    const created = await contoso.createLicensedUser({
      user: newUser(),
      licences: [{ skuId: exchangeStandard, disabledPlans: [] }],
    });
    const error = await failureOf(
      contoso.setMailboxAddresses(created.userPrincipalName, [`SMTP:${created.userPrincipalName}`]),
    );
    expect(error.code).toBe('mailbox-not-ready');
    expect(error.message).toBe(
      `The mailbox of ${created.userPrincipalName} does not exist yet; Exchange creates it some time after a licence with Exchange is assigned, so try again later.`,
    );
  });

  it('sets aliases that then show in Graph proxyAddresses', async () => {
    const created = await contoso.createLicensedUser({
      user: newUser(),
      licences: [{ skuId: exchangeStandard, disabledPlans: [] }],
    });
    sim.control.makeMailboxReady(contosoId, created.id);
    const alias = `alias.${serial}@contoso.com`;
    await contoso.setMailboxAddresses(created.userPrincipalName, [
      `SMTP:${created.userPrincipalName}`,
      `smtp:${alias}`,
    ]);
    const user = await contoso.getUser(created.id);
    expect(user?.proxyAddresses).toEqual(
      expect.arrayContaining([`SMTP:${created.userPrincipalName}`, `smtp:${alias}`]),
    );
  });
});

describe('Graph errors', () => {
  it('refuses a duplicate UPN', async () => {
    const error = await failureOf(contoso.createUser(newUser({ userPrincipalName: 'megan.bowen@contoso.com' })));
    expect(error.code).toBe('duplicate-upn');
    expect(error.message).toBe(
      'A user named megan.bowen@contoso.com already exists in the tenant; choose another name or link the existing user.',
    );
    expect(error.details).toMatchObject({
      status: 400,
      graphCode: 'Request_BadRequest',
      requestId: expect.any(String),
    });
  });

  it('refuses an alias another mailbox already has', async () => {
    const created = await contoso.createLicensedUser({
      user: newUser(),
      licences: [{ skuId: exchangeStandard, disabledPlans: [] }],
    });
    sim.control.makeMailboxReady(contosoId, created.id);
    const error = await failureOf(
      contoso.setMailboxAddresses(created.userPrincipalName, [
        `SMTP:${created.userPrincipalName}`,
        'smtp:finance@contoso.com',
      ]),
    );
    expect(error.code).toBe('duplicate-address');
    expect(error.message).toBe(
      'Another user or group in the tenant already uses one of these email addresses; choose a different address.',
    );
  });

  it('refuses an unverified domain', async () => {
    const error = await failureOf(contoso.createUser(newUser({ userPrincipalName: 'jane@contoso.org' })));
    expect(error.code).toBe('unverified-domain');
    expect(error.message).toBe(
      'The domain of jane@contoso.org is not a verified domain of the tenant; use one of its verified domains or its onmicrosoft.com domain.',
    );
  });

  it('refuses a weak password', async () => {
    const error = await failureOf(contoso.createUser(newUser({ password: 'password' })));
    expect(error.code).toBe('weak-password');
    expect(error.message).toBe(
      "The password does not meet the tenant's complexity rules: use 8 to 256 characters with three of upper case, lower case, digits and symbols.",
    );
  });

  it('refuses a licence for a user without usage location', async () => {
    const created = await contoso.createUser(newUser({ usageLocation: undefined }));
    const error = await failureOf(contoso.assignLicenses(created.id, [{ skuId: spb, disabledPlans: [] }], []));
    expect(error.code).toBe('invalid-usage-location');
    expect(error.message).toBe(
      `Licences cannot be assigned to ${created.id} without a valid usage location; set a two-letter country code such as US or GB first.`,
    );
  });

  it('refuses a licence when the subscription has no free unit', async () => {
    sim.control.setSkuUnits(
      contosoId,
      'EXCHANGESTANDARD',
      sim.control.getSkus(contosoId).find((s) => s.skuId === exchangeStandard)!.consumedUnits,
    );
    const created = await contoso.createUser(newUser());
    const error = await failureOf(
      contoso.assignLicenses(created.id, [{ skuId: exchangeStandard, disabledPlans: [] }], []),
    );
    expect(error.code).toBe('no-licenses');
    expect(error.message).toBe(
      `The tenant has no free licences left for SKU ${exchangeStandard}; buy more or free one before assigning it.`,
    );
    sim.control.setSkuUnits(contosoId, 'EXCHANGESTANDARD', 100);
  });

  it('reports a licence step that failed after the user was created', async () => {
    const request = newUser();
    const unknownSku = '11111111-2222-4333-8444-555555555555';
    const error = await failureOf(
      contoso.createLicensedUser({ user: request, licences: [{ skuId: unknownSku, disabledPlans: [] }] }),
    );
    expect(error.code).toBe('unknown-sku');
    expect(error.message).toBe(
      `${request.userPrincipalName} was created without licences: The licence ${unknownSku} is not one the tenant subscribes to; pick one of the tenant's subscribed SKUs.`,
    );
    expect(error.details.userId).toBe(sim.control.getUser(contosoId, request.userPrincipalName)?.id);
  });

  it('reports deleting a user that does not exist as not found', async () => {
    const error = await failureOf(contoso.deleteUser('00000000-0000-4000-8000-000000000001'));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe(`00000000-0000-4000-8000-000000000001 does not exist in tenant ${contosoId}.`);
  });
});

describe('sign-in and consent', () => {
  it('proves consent with a token carrying roles and the organization', async () => {
    const proof = await m365.verifyConsent(fabrikamId);
    expect(proof.tenantId).toBe(fabrikamId);
    expect(proof.roles.length).toBeGreaterThan(0);
    expect(proof.organization.id).toBe(fabrikamId);
  });

  it('reports a tenant that never consented (no service principal)', async () => {
    const error = await failureOf(m365.verifyConsent(northwindId));
    expect(error.code).toBe('consent-missing');
    expect(error.message).toBe(
      `The tenant ${northwindId} has not granted admin consent to m365ops yet; send its administrator a consent link (\`consent link <customer>\`).`,
    );
    expect(error.details.aadsts).toBe('AADSTS7000229');
  });

  it('reports consent without permissions, by the token and by Graph', async () => {
    sim.control.grantConsent(northwindId, { roles: false });
    const gateway = gatewayFor();
    const byToken = await failureOf(gateway.verifyConsent(northwindId));
    expect(byToken.code).toBe('consent-missing');
    const byGraph = await failureOf(gateway.forTenant(northwindId).listSkus());
    expect(byGraph.code).toBe('consent-missing');
    expect(byGraph.details).toMatchObject({ status: 403, graphCode: 'Authorization_RequestDenied' });
    sim.control.revokeConsent(northwindId);
  });

  it('asks the authority again when proving consent, so a revoked consent is not hidden by a cached token', async () => {
    sim.control.grantConsent(northwindId);
    const gateway = gatewayFor();
    await gateway.forTenant(northwindId).listSkus();
    sim.control.revokeConsent(northwindId);
    const error = await failureOf(gateway.verifyConsent(northwindId));
    expect(error.code).toBe('consent-missing');
    expect(error.details.aadsts).toBe('AADSTS7000229');
  });

  it('reports a wrong client secret', async () => {
    const error = await failureOf(gatewayFor({ clientSecret: 'not-the-secret' }).forTenant(contosoId).listSkus());
    expect(error.code).toBe('bad-credentials');
    expect(error.details.aadsts).toBe('AADSTS7000215');
  });

  it('reports an unknown tenant', async () => {
    const unknown = '00000000-0000-4000-8000-0000000000aa';
    const error = await failureOf(m365.forTenant(unknown).listSkus());
    expect(error.code).toBe('tenant-not-found');
    expect(error.message).toBe(`Microsoft has no tenant ${unknown}; check the customer's tenant id or primary domain.`);
  });

  it('builds an admin-consent link the simulator serves', async () => {
    const url = m365.adminConsentUrl({ redirectUri: 'http://localhost:3978/consent/callback', state: 's1' });
    expect(url.startsWith(`${sim.loginUrl}/organizations/v2.0/adminconsent?client_id=${sim.clientId}`)).toBe(true);
  });
});

describe('throttling', () => {
  it('honours Retry-After and succeeds on the next attempt', async () => {
    const gateway = gatewayFor();
    await gateway.forTenant(fabrikamId).listDomains(); // token first, so only Graph requests are counted below
    sim.control.resetRequestCounts();
    sim.control.setFaults({ throttleEvery: 2, retryAfterSeconds: 0.01 });
    await gateway.forTenant(fabrikamId).listSkus();
    await gateway.forTenant(fabrikamId).listSkus();
    const counts = sim.control.requestCounts();
    const skuRequests = Object.entries(counts)
      .filter(([route]) => route.includes('subscribedSkus'))
      .reduce((sum, [, n]) => sum + n, 0);
    expect(skuRequests).toBe(3);
  });

  it('reports throttling beyond the retries', async () => {
    const gateway = gatewayFor({ maxRetries: 2 });
    await gateway.forTenant(fabrikamId).listDomains();
    sim.control.resetRequestCounts();
    sim.control.setFaults({ throttleEvery: 1, retryAfterSeconds: 0.01 });
    const error = await failureOf(gateway.forTenant(fabrikamId).listSkus());
    expect(error.code).toBe('throttled');
    expect(error.message).toBe(
      `Microsoft 365 is throttling requests for tenant ${fabrikamId} after 3 attempts; try again in a few minutes.`,
    );
  });

  it('resubmits a throttled batch item without creating the user twice', async () => {
    const request = newUser();
    // Every second item or request is throttled: the batch itself passes, one of its two items does not.
    sim.control.setFaults({ throttleEvery: 2, retryAfterSeconds: 0.01 });
    const created = await contoso.createLicensedUser({ user: request, licences: [{ skuId: spb, disabledPlans: [] }] });
    sim.control.clearFaults();
    const matching = sim.control
      .listUsers(contosoId)
      .filter((user) => user.userPrincipalName === request.userPrincipalName);
    expect(matching).toHaveLength(1);
    expect(matching[0]?.id).toBe(created.id);
    expect(matching[0]?.assignedLicenses.map((license) => license.skuId)).toEqual([spb]);
  });
});
