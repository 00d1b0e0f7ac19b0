import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyConfigFile } from '../../config/apply-config-file';
import { parseConfigFile } from '../../config/config-file';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/ports';

const fileText = (limit: number) => `plans:
  - { id: business-premium, name: Microsoft 365 Business Premium, skus: [SPB] }
customers:
  - id: contoso
    name: Contoso Ltd
    tenantId: 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60
    plans:
      business-premium: { limit: ${limit} }
access:
  admins: [teams:admin-1]
`;

describe('applyConfigFile', () => {
  let dataDir: string;
  let store: Store;

  beforeEach(async () => {
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'm365ops-apply-')), 'data');
    store = await openStore({ dataDir });
  });

  afterEach(async () => {
    await store.close();
  });

  async function restart(): Promise<void> {
    await store.close();
    store = await openStore({ dataDir });
  }

  it("loads a plan's template and a customer's domain for it, and they survive a restart", async () => {
    const text = fileText(25)
      .replace('skus: [SPB] }', 'skus: [SPB], groups: [Sales], usernameFormat: f.last, usageLocation: GB }')
      .replace('{ limit: 25 }', '{ limit: 25, domain: contoso.com }');
    await applyConfigFile(store, parseConfigFile(text));
    await restart();
    expect(await store.plans.get('business-premium')).toMatchObject({
      groups: ['Sales'],
      usernameFormat: 'f.last',
      usageLocation: 'GB',
    });
    expect((await store.customers.get('contoso'))?.plans).toEqual([
      { planId: 'business-premium', limit: 25, domain: 'contoso.com' },
    ]);
  });

  it('loads plans, customers and access grants into the store', async () => {
    await applyConfigFile(store, parseConfigFile(fileText(25)));
    expect(await store.plans.get('business-premium')).toMatchObject({ skus: ['SPB'], disabledPlans: {} });
    expect(await store.customers.get('contoso')).toMatchObject({
      name: 'Contoso Ltd',
      plans: [{ planId: 'business-premium', limit: 25 }],
      consent: { status: 'unknown' },
    });
    expect(await store.access.rolesOf('teams:admin-1')).toEqual(['admin']);
  });

  it('keeps a chat edit across a restart while the file has not changed', async () => {
    await applyConfigFile(store, parseConfigFile(fileText(25)));
    await store.customers.update('contoso', { plans: [{ planId: 'business-premium', limit: 40 }] });
    await store.access.revoke('teams:admin-1', 'admin');
    await restart();
    const outcome = await applyConfigFile(store, parseConfigFile(fileText(25)));
    expect(outcome).toEqual({ plans: [], customers: [], access: [], revokedAccess: [] });
    expect((await store.customers.get('contoso'))?.plans).toEqual([{ planId: 'business-premium', limit: 40 }]);
    expect(await store.access.rolesOf('teams:admin-1')).toEqual([]);
  });

  it('takes away a grant an earlier version gave from the file once the file no longer declares it', async () => {
    // Earlier versions kept a fingerprint per grant the file gave, and no list of what the file declared.
    const grant = { identity: 'teams:approver-1', role: 'approver' as const };
    await store.access.grant(grant.identity, grant.role, 'config file');
    await store.access.grant('teams:chat-1', 'approver', 'teams:admin-1');
    const print = createHash('sha256').update(JSON.stringify(grant)).digest('hex');
    await store.settings.set(`config:access:approver:teams:approver-1`, print);
    const outcome = await applyConfigFile(store, parseConfigFile(fileText(25)));
    expect(outcome.revokedAccess).toEqual(['approver:teams:approver-1']);
    expect(await store.access.rolesOf('teams:approver-1')).toEqual([]);
    expect(await store.access.rolesOf('teams:chat-1')).toEqual(['approver']);
  });

  it('applies a declaration again when it changes in the file, keeping what was learnt about consent', async () => {
    await applyConfigFile(store, parseConfigFile(fileText(25)));
    await store.customers.update('contoso', {
      consent: { status: 'granted', tenantId: '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60' },
    });
    await restart();
    const outcome = await applyConfigFile(store, parseConfigFile(fileText(30)));
    expect(outcome.customers).toEqual(['contoso']);
    expect(await store.customers.get('contoso')).toMatchObject({
      plans: [{ planId: 'business-premium', limit: 30 }],
      consent: { status: 'granted' },
    });
  });

  it('keeps the policies and plan template fields set in chat when a declaration changes in the file', async () => {
    await applyConfigFile(store, parseConfigFile(fileText(25)));
    await store.customers.update('contoso', {
      maxAdminMinutes: 120,
      permanentAdmin: 'deny',
      approvalEffects: ['user-delete'],
      licenceDigest: 'weekly',
    });
    const plan = await store.plans.get('business-premium');
    await store.plans.upsert({ ...plan!, groups: ['Sales'], usernameFormat: 'f.last' });
    await restart();

    const changed = fileText(30).replace('name: Microsoft 365 Business Premium,', 'name: Business Premium,');
    const outcome = await applyConfigFile(store, parseConfigFile(changed));
    expect(outcome).toMatchObject({ plans: ['business-premium'], customers: ['contoso'] });
    expect(await store.customers.get('contoso')).toMatchObject({
      plans: [{ planId: 'business-premium', limit: 30 }],
      maxAdminMinutes: 120,
      permanentAdmin: 'deny',
      approvalEffects: ['user-delete'],
      licenceDigest: 'weekly',
    });
    expect(await store.plans.get('business-premium')).toMatchObject({
      name: 'Business Premium',
      groups: ['Sales'],
      usernameFormat: 'f.last',
    });
  });
});
