/**
 * Confirming a customer's tenant (`confirm consent`) and `verify consent` for a customer without one, against the
 * simulator: a tenant a consent redirect named is bound only by an admin's confirmation, after consent is proven
 * again, and never one that waits for nothing, belongs to another customer or lost its consent.
 */
import { admin, expectKind } from './harness';
import { type SimHarness, startSimHarness, testSeed } from './sim-harness';

const tailspinTenant = '2b7f0c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
let h: SimHarness;

beforeEach(async () => {
  const seed = testSeed();
  seed.tenants.push({
    id: tailspinTenant,
    displayName: 'Tailspin Toys',
    consent: 'granted',
    domains: [
      { name: 'tailspintoys.com', verified: true, default: true },
      { name: 'tailspintoys.onmicrosoft.com', verified: true, initial: true },
    ],
  });
  h = await startSimHarness({ seed });
  await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin Toys' }, admin);
  const link = expectKind(await h.run({ name: 'consent-link', customerId: 'tailspin' }), 'consent-link');
  const state = new URL(link.url!).searchParams.get('state') as string;
  await h.handlers.handleConsentCallback({ admin_consent: 'True', tenant: tailspinTenant, state });
});

afterEach(async () => {
  await h.close();
});

const confirm = (tenantId = tailspinTenant, who = admin) =>
  h.run({ name: 'confirm-consent', customerId: 'tailspin', tenantId }, who);

it('leaves a proven tenant waiting for an admin, showing its organisation', async () => {
  const customer = await h.store.customers.get('tailspin');
  expect(customer?.tenantId).toBeUndefined();
  expect(customer?.consent).toMatchObject({
    status: 'awaiting-confirmation',
    tenantId: tailspinTenant,
    organization: {
      displayName: 'Tailspin Toys',
      verifiedDomains: ['tailspintoys.com', 'tailspintoys.onmicrosoft.com'],
    },
  });
});

it('binds the tenant when an admin confirms it', async () => {
  const reply = expectKind(await confirm(), 'result');
  expect(reply.title).toBe('Tailspin Toys is bound to tenant Tailspin Toys');
  expect((await h.store.customers.get('tailspin'))?.tenantId).toBe(tailspinTenant);
  const [audit] = await h.store.audit.list({ customerId: 'tailspin', limit: 1 });
  expect(audit).toMatchObject({ action: 'confirm-consent', result: 'ok', actor: admin.identity });
});

it('refuses to confirm a tenant other than the one waiting', async () => {
  const reply = expectKind(await confirm('7c9e6679-7425-40de-944b-e07fc1f90ae8'), 'error');
  expect(reply.code).toBe('nothing-to-confirm');
  expect(reply.message).toContain(`it waits for tenant ${tailspinTenant}`);
  expect((await h.store.customers.get('tailspin'))?.tenantId).toBeUndefined();
});

it('refuses a tenant another customer took in the meantime', async () => {
  await h.run({ name: 'customer-add', id: 'tailspin2', customerName: 'Tailspin 2', tenantId: tailspinTenant }, admin);
  const reply = expectKind(await confirm(), 'error');
  expect(reply.code).toBe('tenant-taken');
  expect((await h.store.customers.get('tailspin'))?.tenantId).toBeUndefined();
});

it('refuses a tenant whose consent is gone by the time the admin confirms', async () => {
  h.sim.control.revokeConsent(tailspinTenant);
  const reply = expectKind(await confirm(), 'error');
  expect(reply.code).toBe('consent-missing');
  expect((await h.store.customers.get('tailspin'))?.tenantId).toBeUndefined();
});

it('refuses helpdesk, naming the admin role', async () => {
  const reply = expectKind(await confirm(tailspinTenant, { identity: 'teams:helpdesk-1' }), 'error');
  expect(reply.message).toContain('needs the admin role');
});

it('makes verify consent prove a tenant only a redirect named, without binding it', async () => {
  h.sim.control.revokeConsent(tailspinTenant);
  await h.run({ name: 'customer-add', id: 'wingtip', customerName: 'Wingtip Toys' }, admin);
  const link = expectKind(await h.run({ name: 'consent-link', customerId: 'wingtip' }), 'consent-link');
  const state = new URL(link.url!).searchParams.get('state') as string;
  await h.handlers.handleConsentCallback({ admin_consent: 'True', tenant: tailspinTenant, state });
  expect((await h.store.customers.get('wingtip'))?.consent).toMatchObject({
    status: 'unknown',
    tenantId: tailspinTenant,
  });
  h.sim.control.grantConsent(tailspinTenant);

  const reply = expectKind(await h.run({ name: 'verify-consent', customerId: 'wingtip' }), 'result');

  expect(reply.notes).toEqual([`An m365ops admin confirms with \`confirm consent wingtip ${tailspinTenant}\`.`]);
  const customer = await h.store.customers.get('wingtip');
  expect(customer?.tenantId).toBeUndefined();
  expect(customer?.consent.status).toBe('awaiting-confirmation');
});
