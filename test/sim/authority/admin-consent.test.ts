import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import { call, contosoId, northwindId, requestToken } from '../sim-requests';

const redirectUri = 'http://localhost:3978/consent/callback';
let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ redirectUris: [redirectUri] });
});

afterEach(() => {
  simulator.control.revokeConsent(northwindId);
});

afterAll(async () => {
  await simulator.close();
});

function consentUrl(tenant: string, v2: boolean, overrides: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    client_id: simulator.clientId,
    redirect_uri: redirectUri,
    state: 'abc123',
    ...(v2 ? { scope: 'https://graph.microsoft.com/.default' } : {}),
    ...overrides,
  });
  return `${simulator.loginUrl}/${tenant}/${v2 ? 'v2.0/' : ''}adminconsent?${query}`;
}

function decide(url: string, decision: 'accept' | 'cancel', extra: Record<string, string> = {}) {
  const parsed = new URL(url);
  return call(simulator, 'POST', `${parsed.origin}${parsed.pathname}`, {
    form: { ...Object.fromEntries(parsed.searchParams), decision, ...extra },
  });
}

it('preselects on an organizations link the tenant a domain hint names, else one that has not consented', async () => {
  const hinted = await call(simulator, 'GET', consentUrl('organizations', true, { domain_hint: 'fabrikam.com' }));
  expect(hinted.text).toMatch(/<option value="[^"]+" selected>Fabrikam Inc</);
  const plain = await call(simulator, 'GET', consentUrl('organizations', true));
  expect(plain.text).toContain(`<option value="${northwindId}" selected>`);
});

it('shows a page with the permissions and Accept / Cancel buttons', async () => {
  const answer = await call(simulator, 'GET', consentUrl(northwindId, true));
  expect(answer.status).toBe(200);
  expect(answer.headers['content-type']).toMatch(/text\/html/);
  expect(answer.text).toContain('Northwind Traders');
  expect(answer.text).toContain('User.ReadWrite.All');
  expect(answer.text).toMatch(/name="decision" value="accept"/);
  expect(answer.text).toMatch(/name="decision" value="cancel"/);
});

it('lets the administrator pick the tenant when the path says organizations', async () => {
  const answer = await call(simulator, 'GET', consentUrl('organizations', true));
  expect(answer.text).toMatch(/<select name="tenant">/);
  expect(answer.text).toContain(`value="${northwindId}"`);
});

it('grants on Accept and redirects with admin_consent, tenant, state and scope (v2)', async () => {
  const answer = await decide(consentUrl(northwindId, true), 'accept');
  expect(answer.status).toBe(302);
  const location = new URL(answer.headers.location as string);
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(Object.fromEntries(location.searchParams)).toEqual({
    admin_consent: 'True',
    tenant: northwindId,
    state: 'abc123',
    scope: 'https://graph.microsoft.com/.default',
  });
  expect((await requestToken(simulator, northwindId)).status).toBe(200);
});

it('redirects without scope on the v1 endpoint', async () => {
  const answer = await decide(consentUrl('organizations', false), 'accept', { tenant: northwindId });
  const location = new URL(answer.headers.location as string);
  expect(location.searchParams.get('tenant')).toBe(northwindId);
  expect(location.searchParams.has('scope')).toBe(false);
});

it('redirects with access_denied and the cancel subcode on Cancel, granting nothing', async () => {
  const answer = await decide(consentUrl(northwindId, true), 'cancel');
  expect(answer.status).toBe(302);
  const location = new URL(answer.headers.location as string);
  expect(location.searchParams.get('error')).toBe('access_denied');
  expect(location.searchParams.get('error_subcode')).toBe('cancel');
  expect(location.searchParams.get('error_description')).toMatch(/^AADSTS65004/);
  expect(location.searchParams.get('state')).toBe('abc123');
  expect(simulator.control.getConsent(northwindId)).toBe('none');
});

it('shows AADSTS50011 instead of redirecting to an unregistered redirect_uri', async () => {
  const answer = await call(simulator, 'GET', consentUrl(contosoId, true, { redirect_uri: 'https://evil.example/cb' }));
  expect(answer.status).toBe(400);
  expect(answer.headers.location).toBeUndefined();
  expect(answer.text).toContain(
    "AADSTS50011: The redirect URI 'https://evil.example/cb' specified in the request does not match",
  );
});

it('shows AADSTS700016 for an unknown client_id', async () => {
  const answer = await call(
    simulator,
    'GET',
    consentUrl(contosoId, true, { client_id: '11111111-2222-3333-4444-555555555555' }),
  );
  expect(answer.text).toContain('AADSTS700016');
});

it('needs a scope on the v2 endpoint', async () => {
  const url = consentUrl(contosoId, false).replace('/adminconsent', '/v2.0/adminconsent');
  const answer = await call(simulator, 'GET', url);
  expect(answer.text).toContain("AADSTS900144: The request body must contain the following parameter: 'scope'.");
});
