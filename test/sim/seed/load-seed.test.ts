import { startSimulator } from '../../../sim/index';
import { loadSeed } from '../../../sim/seed/load-seed';
import { contosoId, fabrikamId, northwindId } from '../sim-requests';

it('seeds the three demo tenants: contoso with about 50 users, fabrikam with one free basic licence, northwind never consented', async () => {
  const simulator = await startSimulator();
  try {
    expect(simulator.tenants.map((tenant) => tenant.id)).toEqual([contosoId, fabrikamId, northwindId]);
    expect(simulator.control.listUsers(contosoId).length).toBeGreaterThanOrEqual(45);
    expect(simulator.control.listRoleMembers(contosoId, 'Global Administrator')).toHaveLength(2);
    const basic = simulator.control.getSkus(fabrikamId).find((sku) => sku.skuPartNumber === 'O365_BUSINESS_ESSENTIALS');
    expect((basic?.enabledUnits ?? 0) - (basic?.consumedUnits ?? 0)).toBe(1);
    expect(simulator.control.getConsent(northwindId)).toBe('none');
  } finally {
    await simulator.close();
  }
});

it('keeps seeded object ids across restarts', async () => {
  const first = await startSimulator();
  const second = await startSimulator();
  try {
    expect(second.control.getUser(contosoId, 'megan.bowen@contoso.com')?.id).toBe(
      first.control.getUser(contosoId, 'megan.bowen@contoso.com')?.id,
    );
  } finally {
    await Promise.all([first.close(), second.close()]);
  }
});

it('names the place where a seed is invalid', () => {
  expect(() =>
    loadSeed({ tenants: [{ id: 'not-a-guid', displayName: 'X', domains: [{ name: 'x.example' }] }] }),
  ).toThrow(/The simulator seed \(object\) is invalid at tenants\.0\.id/);
});

it('refuses a seed whose user holds a licence the tenant has no subscription for', async () => {
  await expect(
    startSimulator({
      seed: {
        tenants: [
          {
            id: contosoId,
            displayName: 'X',
            domains: [{ name: 'x.example' }],
            users: [{ userPrincipalName: 'a@x.example', displayName: 'A', usageLocation: 'US', licenses: ['SPB'] }],
          },
        ],
      },
    }),
  ).rejects.toThrow(/has no subscription for/);
});
