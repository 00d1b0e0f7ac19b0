/**
 * Chat commands off the Graph hot path: SKUs cached per tenant for a short while and refreshed after a licence
 * write, and add user's writes in one `$batch`. Counted at the simulator.
 */
import type { Command } from '../../core/request';
import { expectKind } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness, testSeed } from './sim-harness';

const skuRoute = 'GET /v1.0/subscribedSkus';

describeWithSimulator('Graph calls of chat commands', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startSimHarness({ seed: testSeed({ spb: 50 }) }); // seats to spare: the cached count is acted on
  });
  afterEach(async () => {
    await h.close();
  });

  const skuReads = () => h.sim.control.requestCounts()[skuRoute] ?? 0;
  const status: Command = { name: 'status' };
  const addJane: Command = {
    name: 'add-user',
    upn: 'jane@contoso.com',
    planId: 'business-premium',
    usageLocation: 'GB',
    admin: false,
    aliases: [],
  };
  const freePremium = async () => {
    const reply = expectKind(await h.run(status), 'status');
    const contoso = reply.customers.find((customer) => customer.id === 'contoso');
    return contoso?.plans.find((plan) => plan.planId === 'business-premium')?.freeLicences;
  };

  it('reads each tenant SKUs once for status turns within a minute', async () => {
    h.sim.control.resetRequestCounts();
    expectKind(await h.run(status), 'status');
    expectKind(await h.run(status), 'status');
    h.advance(59_000);
    expectKind(await h.run(status), 'status');
    expect(skuReads()).toBe(2); // contoso and fabrikam, once each
  });

  it('reads them again once the minute is over', async () => {
    expectKind(await h.run(status), 'status');
    h.sim.control.resetRequestCounts();
    h.advance(60_000);
    expectKind(await h.run(status), 'status');
    expect(skuReads()).toBe(2);
  });

  it('shows the licence an add user took at once, reading the SKUs once after the write', async () => {
    const before = await freePremium();
    h.sim.control.resetRequestCounts();
    expectKind(await h.run(addJane), 'result');
    expect(await freePremium()).toBe((before as number) - 1);
    expect(skuReads()).toBe(1);
  });

  it('adds a user with one write request, and no SKU read before it when status has just read them', async () => {
    expectKind(await h.run(status), 'status');
    h.sim.control.resetRequestCounts();
    expectKind(await h.run(addJane), 'result');
    const writes = Object.entries(h.sim.control.requestCounts()).filter(
      ([route]) => !route.startsWith('GET ') && !route.includes('token'),
    );
    expect(writes).toEqual([['POST /v1.0/$batch', 1]]);
    expect(skuReads()).toBeLessThanOrEqual(1); // the refresh after the write, if it has gone out yet
  });

  it('asks Graph again before an add when the cached count leaves few seats, and refuses at the limit', async () => {
    h.sim.control.setSkuUnits(contosoTenant, 'SPB', 5);
    expectKind(await h.run(status), 'status'); // cached: 4 seats free (Bo Boss holds one)
    h.sim.control.setSkuUnits(contosoTenant, 'SPB', 1); // bought down in the portal: none free
    h.sim.control.resetRequestCounts();
    const reply = expectKind(await h.run(addJane), 'error');
    expect(reply.message).toContain('No licences left');
    expect(h.sim.control.requestCounts()['POST /v1.0/$batch']).toBeUndefined();
    expect(skuReads()).toBe(1);
  });
});
