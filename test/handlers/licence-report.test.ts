/**
 * `report licences` and `licences` against the simulator: a month with adds, a plan change and a removal mid-month
 * gives exactly the seats the records hold, the same later, and `licences` counts who holds each SKU.
 */
import { approver, expectKind } from './harness';
import { describeWithSimulator, type SimHarness, startSimHarness } from './sim-harness';

const day = 24 * 60 * 60 * 1000;

describeWithSimulator('licence reports from the licence history', () => {
  let h: SimHarness;

  beforeEach(async () => {
    h = await startSimHarness(); // the clock starts at 2026-03-02 10:00 UTC
  });
  afterEach(async () => {
    await h.close();
  });

  const addUser = async (upn: string, planId: string) =>
    expectKind(
      await h.run({ name: 'add-user', upn, planId, usageLocation: 'GB', admin: false, aliases: [] }),
      'result',
    );
  const report = async (month?: string, customerId = 'contoso') =>
    expectKind(await h.run({ name: 'report-licences', customerId, ...(month ? { month } : {}) }), 'result');

  /** March: jane from the 2nd on premium, moved to basic on the 15th; joe on basic from the 10th to the 20th. */
  async function runMarch(): Promise<void> {
    await addUser('jane@contoso.com', 'business-premium');
    h.advance(8 * day);
    await addUser('joe@contoso.com', 'business-basic');
    h.advance(5 * day);
    expectKind(await h.run({ name: 'change-plan', upn: 'jane@contoso.com', planId: 'business-basic' }), 'result');
    h.advance(5 * day);
    expectKind(await h.run({ name: 'remove-user', upn: 'joe@contoso.com', delete: false, confirmed: true }), 'result');
  }

  it('lists every seat held in the month, with when it was assigned and removed', async () => {
    await runMarch();
    h.advance(20 * day); // 2026-04-09
    const reply = await report('2026-03');
    expect(reply.file).toEqual({
      name: 'licences-contoso-2026-03.csv',
      mediaType: 'text/csv',
      again: 'report licences contoso month 2026-03',
      content: [
        'customer,user,plan,SKUs,assigned since,removed on',
        'contoso,jane@contoso.com,business-premium,SPB,2026-03-02,2026-03-15',
        'contoso,jane@contoso.com,business-basic,O365_BUSINESS_ESSENTIALS,2026-03-15,',
        'contoso,joe@contoso.com,business-basic,O365_BUSINESS_ESSENTIALS,2026-03-10,2026-03-20',
        '',
      ].join('\r\n'),
    });
    expect(reply.facts).toEqual([
      { label: 'Seats', value: '3 seats held by 2 users' },
      { label: 'business-basic', value: '2 seats' },
      { label: 'business-premium', value: '1 seat' },
    ]);
  });

  it('draws a past month the same after later changes', async () => {
    await runMarch();
    h.advance(20 * day);
    const before = (await report('2026-03')).file?.content;
    expectKind(await h.run({ name: 'remove-user', upn: 'jane@contoso.com', delete: false, confirmed: true }), 'result');
    await addUser('joe@contoso.com', 'business-premium');
    expect((await report('2026-03')).file?.content).toBe(before);
    expect((await report()).file?.content.split('\r\n').slice(1, -1)).toEqual([
      'contoso,jane@contoso.com,business-basic,O365_BUSINESS_ESSENTIALS,2026-03-15,2026-04-09',
      'contoso,joe@contoso.com,business-premium,SPB,2026-04-09,',
    ]);
  });

  it('reports the current month by default and a month before any seat as the header only', async () => {
    await addUser('jane@contoso.com', 'business-premium');
    expect((await report()).file?.name).toBe('licences-contoso-2026-03.csv');
    expect((await report('2026-02')).file?.content).toBe('customer,user,plan,SKUs,assigned since,removed on\r\n');
  });

  it('counts users recorded before the history began from their record', async () => {
    await h.store.serviceUsers.create({
      customerId: 'contoso',
      objectId: 'oid-legacy',
      upn: 'old@contoso.com',
      displayName: 'Old Timer',
      planId: 'business-premium',
      admin: false,
      aliases: [],
      status: 'active',
      createdBy: 'test',
    });
    const rows = (await report()).file?.content.split('\r\n');
    expect(rows?.[1]).toBe('contoso,old@contoso.com,business-premium,SPB,2026-03-02,');
  });

  it('writes a formula-looking cell as text, behind an apostrophe inside quotes (CSV injection)', async () => {
    await h.store.serviceUsers.create({
      customerId: 'contoso',
      objectId: 'oid-formula',
      upn: '-2+3@contoso.com', // Entra allows a UPN to start with a dash
      displayName: '=HYPERLINK("http://evil.example")',
      planId: 'business-premium',
      admin: false,
      aliases: [],
      status: 'active',
      createdBy: 'test',
    });
    expect((await report()).file?.content.split('\r\n')[1]).toBe(
      `contoso,"'-2+3@contoso.com",business-premium,SPB,2026-03-02,`,
    );
  });

  it('refuses a month that has not begun, and an unknown customer, in plain sentences', async () => {
    const future = expectKind(await h.run({ name: 'report-licences', month: '2026-04' }), 'error');
    expect(future.message).toBe(
      '2026-04 has not begun yet: a report covers a month from its first day, up to this month (2026-03).',
    );
    const unknown = expectKind(await h.run({ name: 'report-licences', customerId: 'tailspin' }), 'error');
    expect(unknown.code).toBe('unknown-customer');
    expect(unknown.message).toContain('tailspin');
  });

  it('reports every customer with all', async () => {
    await addUser('jane@contoso.com', 'business-premium');
    await addUser('fred@fabrikam.com', 'business-basic');
    const reply = await report(undefined, 'all');
    expect(reply.title).toBe('Licence report of every customer for 2026-03');
    expect(reply.file?.name).toBe('licences-all-2026-03.csv');
    expect(reply.file?.content.split('\r\n').slice(1, -1)).toEqual([
      'contoso,jane@contoso.com,business-premium,SPB,2026-03-02,',
      'fabrikam,fred@fabrikam.com,business-basic,O365_BUSINESS_ESSENTIALS,2026-03-02,',
    ]);
  });

  it('ends a seat when an offboarding removes the licences', async () => {
    await addUser('leaver@contoso.com', 'business-basic');
    h.advance(3 * day);
    const offboarded = await h.run({
      name: 'offboard',
      upn: 'leaver@contoso.com',
      customerId: 'contoso',
      options: ['block-sign-in', 'remove-licences'],
      confirmed: true,
    });
    expect(expectKind(offboarded, 'result').title).toBe('Offboarded leaver@contoso.com');
    expect((await report()).file?.content.split('\r\n')[1]).toBe(
      'contoso,leaver@contoso.com,business-basic,O365_BUSINESS_ESSENTIALS,2026-03-02,2026-03-05',
    );
  });

  it('starts a seat when a sync decision adopts a licensed user m365ops did not know', async () => {
    h.advance(4 * day);
    expectKind(await h.run({ name: 'sync', customerId: 'contoso' }), 'sync-summary');
    const found = await h.store.discrepancies.listOpen('contoso', 'unmanaged-user');
    const boss = found.find((discrepancy) => discrepancy.upn === 'boss@contoso.com');
    const decided = await h.run(
      { name: 'decide', discrepancyId: boss!.id, action: 'approve', confirmed: true },
      approver,
    );
    expect(decided.kind).not.toBe('error');
    expect((await report()).file?.content.split('\r\n')[1]).toBe(
      'contoso,boss@contoso.com,business-premium,SPB,2026-03-06,',
    );
  });

  it('shows per SKU what is bought, assigned and free, and who holds it by plan', async () => {
    await addUser('jane@contoso.com', 'business-premium');
    const reply = expectKind(await h.run({ name: 'licences', customerId: 'contoso' }), 'licences');
    const spb = reply.customers[0]?.skus.find((sku) => sku.partNumber === 'SPB');
    // boss@contoso.com holds SPB from the seed: assigned, but not by m365ops.
    expect(spb).toEqual({
      partNumber: 'SPB',
      name: 'Microsoft 365 Business Premium',
      purchased: 5,
      assigned: 2,
      free: 3,
      byPlan: [{ planId: 'business-premium', planName: 'Microsoft 365 Business Premium', users: 1 }],
      unmanaged: 1,
    });
    expect(reply.customers[0]?.short).toBe(false);
  });

  it('flags the customers short of seats in licences all', async () => {
    await addUser('a@contoso.com', 'business-premium');
    await addUser('b@contoso.com', 'business-premium');
    await addUser('c@contoso.com', 'business-premium'); // the limit of 3 in the harness
    const reply = expectKind(await h.run({ name: 'licences', customerId: 'all' }), 'licences');
    expect(reply.customers.map((customer) => [customer.customerId, customer.short])).toEqual([
      ['contoso', true],
      ['fabrikam', false],
    ]);
    expect(reply.customers[0]?.plansAtLimit).toEqual(['business-premium: 3 of 3']);
  });
});
