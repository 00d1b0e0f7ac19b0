import { signConsentState } from '../../handlers/consent-state';
import { admin, expectKind, type Harness, helpdesk, hour, startHarness, stranger } from './harness';

const tenantId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  await h.run({ name: 'customer-add', id: 'northwind', customerName: 'Northwind Traders' }, admin);
});
afterEach(async () => {
  await h.close();
});

async function stateOfNewLink(): Promise<{ url: URL; state: string }> {
  const reply = expectKind(await h.run({ name: 'consent-link', customerId: 'northwind' }, helpdesk), 'consent-link');
  const url = new URL(reply.url!);
  return { url, state: url.searchParams.get('state') as string };
}

describe('consent link', () => {
  it('builds the v2 admin-consent URL with our redirect and marks consent pending', async () => {
    const reply = expectKind(await h.run({ name: 'consent-link', customerId: 'northwind' }, helpdesk), 'consent-link');
    const url = new URL(reply.url!);
    expect(url.pathname).toBe('/organizations/v2.0/adminconsent');
    expect(url.searchParams.get('redirect_uri')).toBe('https://m365ops.example.test/consent/callback');
    expect(reply.expiresAt).toBe(new Date(h.clock.now().getTime() + 7 * 24 * hour).toISOString());
    expect((await h.store.customers.get('northwind'))?.consent).toMatchObject({
      status: 'pending',
      requestedBy: 'teams:helpdesk-1',
    });
  });

  it('refuses people without a role', async () => {
    const reply = expectKind(await h.run({ name: 'consent-link', customerId: 'northwind' }, stranger), 'error');
    expect(reply.message).toBe(
      'Making consent links needs the helpdesk role; ask an m365ops admin to run `access helpdesk add teams:stranger-1`.',
    );
  });
});

describe('consent callback', () => {
  it('grants nothing on the redirect alone when no token for the tenant proves it', async () => {
    const { state } = await stateOfNewLink();
    const page = await h.handlers.handleConsentCallback({ admin_consent: 'True', tenant: tenantId, state });
    expect(page.status).toBe(200);
    expect(page.html).toContain('We could not confirm access yet');
    const customer = await h.store.customers.get('northwind');
    expect(customer?.tenantId).toBeUndefined();
    expect(customer?.consent).toMatchObject({ status: 'unknown', tenantId, requestedBy: 'teams:helpdesk-1' });
    const [audit] = await h.store.audit.list({ customerId: 'northwind' });
    expect(audit).toMatchObject({ action: 'consent-callback', result: 'failed', details: { reason: 'not verified' } });
  });

  it('refuses a state used once already', async () => {
    const { state } = await stateOfNewLink();
    await h.handlers.handleConsentCallback({ error: 'access_denied', state });
    const page = await h.handlers.handleConsentCallback({ admin_consent: 'True', tenant: tenantId, state });
    expect(page.status).toBe(400);
    expect(page.html).toContain('This consent link has been used already');
  });

  it('refuses a state we signed but never recorded as a link', async () => {
    const expiresAt = h.clock.now().getTime() + hour;
    const key = h.deps.settings.consentSigningKey;
    const state = signConsentState({ customerId: 'northwind', requestedBy: 'x', nonce: 'never-made', expiresAt }, key);
    const page = await h.handlers.handleConsentCallback({ admin_consent: 'True', tenant: tenantId, state });
    expect(page.status).toBe(400);
    expect(page.html).toContain('This consent link is not valid');
  });

  it('records a cancelled consent as denied with what Microsoft said', async () => {
    const { state } = await stateOfNewLink();
    const page = await h.handlers.handleConsentCallback({
      error: 'access_denied',
      error_subcode: 'cancel',
      error_description: 'AADSTS65004: User declined to consent to access the app.',
      state,
    });
    expect(page.status).toBe(200);
    expect(page.html).toContain('Microsoft said: AADSTS65004: User declined to consent to access the app.');
    expect((await h.store.customers.get('northwind'))?.consent).toMatchObject({
      status: 'denied',
      detail: 'access_denied: cancel: AADSTS65004: User declined to consent to access the app.',
    });
  });

  it('treats consent_required like a denial, even with admin_consent=True', async () => {
    const { state } = await stateOfNewLink();
    await h.handlers.handleConsentCallback({
      admin_consent: 'True',
      error: 'consent_required',
      error_description: 'AADSTS65004',
      state,
    });
    expect((await h.store.customers.get('northwind'))?.consent.status).toBe('denied');
    expect((await h.store.customers.get('northwind'))?.tenantId).toBeUndefined();
  });

  it('records unknown when the redirect says neither', async () => {
    const { state } = await stateOfNewLink();
    const page = await h.handlers.handleConsentCallback({ state });
    expect(page.html).toContain('We could not tell whether access was granted');
    expect((await h.store.customers.get('northwind'))?.consent.status).toBe('unknown');
  });

  it('refuses a forged state', async () => {
    const { state } = await stateOfNewLink();
    const [payload] = state.split('.');
    const forged = `${Buffer.from(JSON.stringify({ c: 'northwind', r: 'x', n: 'n', e: Date.now() + hour })).toString('base64url')}.${state.split('.')[1]}`;
    for (const bad of [forged, `${payload}.AAAA`, 'garbage', undefined]) {
      const page = await h.handlers.handleConsentCallback({ admin_consent: 'True', tenant: tenantId, state: bad });
      expect(page.status).toBe(400);
      expect(page.html).toContain('This consent link is not valid');
    }
    expect((await h.store.customers.get('northwind'))?.tenantId).toBeUndefined();
  });

  it('refuses an expired state', async () => {
    const { state } = await stateOfNewLink();
    h.advance(7 * 24 * hour + 1);
    const page = await h.handlers.handleConsentCallback({ admin_consent: 'True', tenant: tenantId, state });
    expect(page.status).toBe(400);
    expect(page.html).toContain('This consent link has expired; ask your provider for a new one');
    expect((await h.store.customers.get('northwind'))?.consent.status).toBe('pending');
  });

  it('does not take a tenant that another customer already has', async () => {
    await h.run({ name: 'customer-add', id: 'fabrikam', customerName: 'Fabrikam', tenantId }, admin);
    const { state } = await stateOfNewLink();
    await h.handlers.handleConsentCallback({ admin_consent: 'True', tenant: tenantId, state });
    const customer = await h.store.customers.get('northwind');
    expect(customer?.tenantId).toBeUndefined();
    expect(customer?.consent.status).toBe('pending');
  });

  it('escapes what the redirect carries in the page', async () => {
    const { state } = await stateOfNewLink();
    const page = await h.handlers.handleConsentCallback({
      error: 'access_denied',
      error_description: '<script>alert(1)</script>',
      state,
    });
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
