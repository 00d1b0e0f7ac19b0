/**
 * What a plan's template changes in the licences and the user add user sends (against the simulator): the service
 * plans it switches off go in assignLicense's disabledPlans (ids read from subscribedSkus), a name the SKU does not
 * have is refused before anything is written, and its usage location is the default when none is given.
 */
import type { Command } from '../../core/request';
import { findCatalogSku } from '../../sim/state/sku-catalog';
import { expectKind } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness } from './sim-harness';

describeWithSimulator("a plan's template in add user", () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startSimHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const addUser = (upn: string, extra: Partial<Extract<Command, { name: 'add-user' }>> = {}): Command => ({
    name: 'add-user',
    upn,
    planId: 'business-basic',
    admin: false,
    aliases: [],
    ...extra,
  });

  const essentials = findCatalogSku('O365_BUSINESS_ESSENTIALS')!;
  const idOf = (name: string) => essentials.servicePlans.find((plan) => plan.servicePlanName === name)!.servicePlanId;

  it("sends the service plans the plan switches off as assignLicense's disabledPlans", async () => {
    await h.store.plans.update('business-basic', {
      disabledPlans: { O365_BUSINESS_ESSENTIALS: ['TEAMS1', 'mcostandard'] },
    });
    expectKind(await h.run(addUser('jane.doe@contoso.com', { usageLocation: 'GB' })), 'result');
    const user = h.sim.control.getUser(contosoTenant, 'jane.doe@contoso.com');
    expect(user?.assignedLicenses).toEqual([
      { skuId: essentials.skuId, disabledPlans: [idOf('TEAMS1'), idOf('MCOSTANDARD')] },
    ]);
  });

  it('refuses a service plan the licence does not have, naming the ones it has, and creates nobody', async () => {
    await h.store.plans.update('business-basic', {
      disabledPlans: { O365_BUSINESS_ESSENTIALS: ['YAMMER_ENTERPRISE'] },
    });
    const reply = expectKind(await h.run(addUser('jane.doe@contoso.com', { usageLocation: 'GB' })), 'error');
    expect(reply.code).toBe('unknown-service-plan');
    expect(reply.message).toContain('switches off the service plan YAMMER_ENTERPRISE in');
    expect(reply.message).toContain('EXCHANGE_S_STANDARD, SHAREPOINTSTANDARD, MCOSTANDARD, TEAMS1');
    expect(h.sim.control.getUser(contosoTenant, 'jane.doe@contoso.com')).toBeNull();
  });

  it("uses the plan's usage location when none is given, and a given one over it", async () => {
    await h.store.plans.update('business-basic', { usageLocation: 'DE' });
    expectKind(await h.run(addUser('hans@contoso.com')), 'result');
    expect(h.sim.control.getUser(contosoTenant, 'hans@contoso.com')?.usageLocation).toBe('DE');
    expectKind(await h.run(addUser('gwen@contoso.com', { usageLocation: 'GB' })), 'result');
    expect(h.sim.control.getUser(contosoTenant, 'gwen@contoso.com')?.usageLocation).toBe('GB');
  });
});
