import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { contosoId, fabrikamId, type GraphCall, graphFor, skuIds } from '../sim-requests';

let simulator: RunningSimulator;
let contoso: GraphCall;
let fabrikam: GraphCall;

beforeAll(async () => {
  simulator = await startSimulator();
  contoso = await graphFor(simulator, contosoId);
  fabrikam = await graphFor(simulator, fabrikamId);
});

afterAll(async () => {
  await simulator.close();
});

const assign = (graph: GraphCall, user: string, body: unknown) => graph('POST', `/users/${user}/assignLicense`, body);

describe('GET /subscribedSkus', () => {
  it('lists each SKU with its real id, part number, service plans and units', async () => {
    const answer = await contoso('GET', '/subscribedSkus');
    const spb = answer.json.value.find((sku: { skuPartNumber: string }) => sku.skuPartNumber === 'SPB');
    expect(spb).toMatchObject({
      skuId: skuIds.SPB,
      capabilityStatus: 'Enabled',
      appliesTo: 'User',
      prepaidUnits: { enabled: 40, warning: 0, suspended: 0, lockedOut: 0 },
      consumedUnits: 27,
    });
    expect(spb.servicePlans.map((plan: { servicePlanName: string }) => plan.servicePlanName)).toContain(
      'EXCHANGE_S_STANDARD',
    );
    expect(answer.headers['x-ms-resource-unit']).toBe('3');
  });

  it('shows the fabrikam basic subscription with one free unit', async () => {
    const answer = await fabrikam('GET', '/subscribedSkus');
    const basic = answer.json.value.find((sku: { skuId: string }) => sku.skuId === skuIds.O365_BUSINESS_ESSENTIALS);
    expect(basic.prepaidUnits.enabled - basic.consumedUnits).toBe(1);
  });
});

describe('POST /users/{id}/assignLicense', () => {
  it('assigns, answers 200 with the user, and counts the seat', async () => {
    simulator.control.addUser(contosoId, { userPrincipalName: 'lic.one@contoso.com', usageLocation: 'US' });
    const answer = await assign(contoso, 'lic.one@contoso.com', {
      addLicenses: [{ skuId: skuIds.SPB, disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ userPrincipalName: 'lic.one@contoso.com' });
    const spb = simulator.control.getSkus(contosoId).find((sku) => sku.skuId === skuIds.SPB);
    expect(spb?.consumedUnits).toBe(28);
  });

  it('swaps one SKU for another in one call', async () => {
    simulator.control.addUser(contosoId, {
      userPrincipalName: 'lic.swap@contoso.com',
      usageLocation: 'US',
      licenses: ['SPB'],
    });
    await assign(contoso, 'lic.swap@contoso.com', {
      addLicenses: [{ skuId: skuIds.O365_BUSINESS_ESSENTIALS, disabledPlans: [] }],
      removeLicenses: [skuIds.SPB],
    });
    const user = await contoso('GET', '/users/lic.swap@contoso.com?$select=assignedLicenses');
    expect(user.json.assignedLicenses).toEqual([{ disabledPlans: [], skuId: skuIds.O365_BUSINESS_ESSENTIALS }]);
  });

  it('needs both parameters', async () => {
    const answer = await assign(contoso, 'megan.bowen@contoso.com', { addLicenses: [] });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe(
      "One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: removeLicenses.",
    );
  });

  it('refuses null for a non-nullable parameter', async () => {
    const answer = await assign(contoso, 'megan.bowen@contoso.com', { addLicenses: [], removeLicenses: null });
    expect(answer.json.error.message).toMatch(/^A null value was found for the property named 'removeLicenses'/);
  });

  it('refuses a user without usage location', async () => {
    simulator.control.addUser(contosoId, { userPrincipalName: 'no.location@contoso.com' });
    const answer = await assign(contoso, 'no.location@contoso.com', {
      addLicenses: [{ skuId: skuIds.SPB, disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toBe('License assignment cannot be done for user with invalid usage location.');
  });

  it('refuses a SKU without free units', async () => {
    simulator.control.addUser(fabrikamId, {
      userPrincipalName: 'first@fabrikam.com',
      usageLocation: 'DE',
      licenses: ['O365_BUSINESS_ESSENTIALS'],
    });
    simulator.control.addUser(fabrikamId, { userPrincipalName: 'second@fabrikam.com', usageLocation: 'DE' });
    const answer = await assign(fabrikam, 'second@fabrikam.com', {
      addLicenses: [{ skuId: skuIds.O365_BUSINESS_ESSENTIALS, disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      code: 'Request_BadRequest',
      message: `Subscription with SKU ${skuIds.O365_BUSINESS_ESSENTIALS} does not have any available licenses.`,
    });
  });

  it('refuses a SKU the tenant has no subscription for', async () => {
    const answer = await assign(fabrikam, 'kate.admin@fabrikam.com', {
      addLicenses: [{ skuId: skuIds.EXCHANGESTANDARD, disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(answer.json.error.message).toBe(
      `License ${skuIds.EXCHANGESTANDARD} does not correspond to a valid company License.`,
    );
  });

  it('refuses a skuId that is not a GUID', async () => {
    const answer = await assign(contoso, 'megan.bowen@contoso.com', {
      addLicenses: [{ skuId: 'SPB', disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(answer.json.error.message).toMatch(/^Cannot convert a primitive value to the expected type 'Edm.Guid'/);
  });

  it('keeps the disabledPlans of an assigned licence, and refuses a disabled plan id that is not a GUID', async () => {
    simulator.control.addUser(contosoId, { userPrincipalName: 'lic.disabled@contoso.com', usageLocation: 'GB' });
    const teams = '57ff2da0-773e-42df-b2af-ffb7a2317929';
    const answer = await assign(contoso, 'lic.disabled@contoso.com', {
      addLicenses: [{ skuId: skuIds.SPB, disabledPlans: [teams.toUpperCase()] }],
      removeLicenses: [],
    });
    expect(answer.status).toBe(200);
    expect(simulator.control.getUser(contosoId, 'lic.disabled@contoso.com')?.assignedLicenses).toEqual([
      { skuId: skuIds.SPB, disabledPlans: [teams] },
    ]);
    const refused = await assign(contoso, 'lic.disabled@contoso.com', {
      addLicenses: [{ skuId: skuIds.SPB, disabledPlans: ['TEAMS1'] }],
      removeLicenses: [],
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toMatch(/^Cannot convert a primitive value to the expected type 'Edm.Guid'/);
  });

  it('frees the seat of a deleted user', async () => {
    const user = simulator.control.addUser(contosoId, {
      userPrincipalName: 'seat@contoso.com',
      usageLocation: 'US',
      licenses: ['EXCHANGESTANDARD'],
    });
    const consumed = () =>
      simulator.control.getSkus(contosoId).find((sku) => sku.skuPartNumber === 'EXCHANGESTANDARD')?.consumedUnits;
    const before = consumed() as number;
    await contoso('DELETE', `/users/${user.id}`);
    expect(consumed()).toBe(before - 1);
  });
});

describe('domains and organization', () => {
  it('lists domains with verification and default flags', async () => {
    const answer = await contoso('GET', '/domains');
    expect(answer.json.value).toContainEqual(
      expect.objectContaining({ id: 'contoso.org', isVerified: false, isDefault: false }),
    );
    expect(answer.json.value).toContainEqual(
      expect.objectContaining({ id: 'contoso.onmicrosoft.com', isVerified: true, isInitial: true }),
    );
  });

  it('shows only verified domains on the organization', async () => {
    const answer = await contoso('GET', '/organization?$select=id,displayName,verifiedDomains');
    const [organization] = answer.json.value;
    expect(organization.id).toBe(contosoId);
    expect(organization.displayName).toBe('Contoso Ltd');
    expect(organization.verifiedDomains.map((domain: { name: string }) => domain.name).sort()).toEqual([
      'contoso.com',
      'contoso.onmicrosoft.com',
    ]);
  });
});
