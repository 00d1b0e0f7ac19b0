import type { Command } from '../../core/request';
import { findCatalogSku } from '../../sim/state/sku-catalog';
import { expectKind } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness, testSeed } from './sim-harness';

describeWithSimulator('add user under throttling', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSimHarness({
      seed: testSeed({ spb: 300 }),
      faults: { throttleEvery: 3, retryAfterSeconds: 0.01, serviceUnavailableShare: 0.05, seed: 7 },
      maxRetries: 10,
      limits: { premium: 500 },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const addUser = (n: number): Command => ({
    name: 'add-user',
    upn: `load${n}@contoso.com`,
    planId: 'business-premium',
    usageLocation: 'GB',
    admin: false,
    aliases: [],
  });

  it('adds 200 users exactly once under 429s and 503s, even when requests are repeated', async () => {
    const requests: { n: number; key?: string }[] = [];
    for (let n = 0; n < 200; n++) {
      requests.push({ n, key: n % 2 === 0 ? `activity-${n}` : undefined });
      if (n % 10 === 0) requests.push({ n, key: `activity-${n}` }); // same key again
      if (n % 10 === 5) requests.push({ n }); // again without a key
    }
    const replies = [];
    for (let i = 0; i < requests.length; i += 10) {
      const batch = requests.slice(i, i + 10);
      replies.push(...(await Promise.all(batch.map(({ n, key }) => h.run(addUser(n), undefined, key)))));
    }
    for (const reply of replies) expectKind(reply, 'result');

    const spb = findCatalogSku('SPB')?.skuId;
    const users = h.sim.control.listUsers(contosoTenant).filter((user) => user.userPrincipalName.startsWith('load'));
    expect(users).toHaveLength(200);
    expect(new Set(users.map((user) => user.userPrincipalName)).size).toBe(200);
    for (const user of users) expect(user.assignedLicenses.map((licence) => licence.skuId)).toEqual([spb]);
    expect(await h.store.serviceUsers.countOnPlan('contoso', 'business-premium')).toBe(200);
  }, 180_000);
});
