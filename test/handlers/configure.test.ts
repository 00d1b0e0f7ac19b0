import type { DiscrepancyKind } from '../../store/types';
import { slackIdentityOf } from '../support/slack-identities';
import { admin, expectKind, type Harness, helpdesk, operator, startHarness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function seedPlan(): Promise<void> {
  expectKind(
    await h.run(
      { name: 'plan-add', id: 'business-premium', planName: 'Microsoft 365 Business Premium', skus: ['spb'] },
      admin,
    ),
    'result',
  );
}

describe('customer add', () => {
  it('adds a customer and audits it', async () => {
    const reply = expectKind(
      await h.run(
        {
          name: 'customer-add',
          id: 'tailspin',
          customerName: 'Tailspin Toys',
          tenantId: '2B7F0C1E-3A4D-4E5F-8A9B-0C1D2E3F4A5B',
        },
        admin,
      ),
      'result',
    );
    expect(reply.title).toBe('Added the customer Tailspin Toys');
    const customer = await h.store.customers.get('tailspin');
    expect(customer).toMatchObject({
      name: 'Tailspin Toys',
      tenantId: '2b7f0c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
      plans: [],
      consent: { status: 'none' },
    });
    const [audit] = await h.store.audit.list({ customerId: 'tailspin' });
    expect(audit).toMatchObject({
      actor: slackIdentityOf('UADMIN1'),
      action: 'customer-add',
      result: 'ok',
      where: 'Slack channel General',
    });
  });

  it('refuses an id with capitals or spaces and says what is allowed', async () => {
    const reply = expectKind(
      await h.run({ name: 'customer-add', id: 'Tail Spin', customerName: 'Tailspin' }, admin),
      'error',
    );
    expect(reply.message).toBe(
      '"tail spin" cannot be a customer id; use lowercase letters, digits and dashes, such as contoso or business-premium.',
    );
    expect(await h.store.customers.list()).toEqual([]);
  });

  it('refuses a tenant id that is not a GUID', async () => {
    const reply = expectKind(
      await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin', tenantId: 'tailspin.com' }, admin),
      'error',
    );
    expect(reply.code).toBe('bad-tenant-id');
    expect(reply.message).toMatch(/^"tailspin.com" is not a tenant id; a tenant id is a GUID/);
  });

  it('refuses a second customer with the same id', async () => {
    await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin' }, admin);
    const reply = expectKind(
      await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Other' }, admin),
      'error',
    );
    expect(reply.message).toBe('The customer tailspin already exists; choose another id.');
    expect((await h.store.customers.get('tailspin'))?.name).toBe('Tailspin');
  });

  it('refuses a tenant that already belongs to another customer', async () => {
    const tenantId = '2b7f0c1e-3a4d-4e5f-8a9b-0c1d2e3f4a5b';
    await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin', tenantId }, admin);
    const reply = expectKind(
      await h.run({ name: 'customer-add', id: 'other', customerName: 'Other', tenantId }, admin),
      'error',
    );
    expect(reply.message).toBe(`The tenant ${tenantId} already belongs to Tailspin (tailspin).`);
  });

  it('refuses helpdesk users, naming the admin role, and audits the refusal', async () => {
    const reply = expectKind(
      await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin' }, helpdesk),
      'error',
    );
    expect(reply).toMatchObject({ code: 'forbidden', neededRole: 'admin' });
    expect(reply.message).toBe(
      'Adding customers needs the admin role (you have the helpdesk role); ask an m365ops admin to run `access admin add teams:helpdesk-1`.',
    );
    const [audit] = await h.store.audit.list();
    expect(audit).toMatchObject({ action: 'customer-add', result: 'refused', actor: 'teams:helpdesk-1' });
  });

  it('lets the CLI operator configure as an admin', async () => {
    expectKind(await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin' }, operator), 'result');
    expect((await h.store.audit.list())[0]).toMatchObject({ actor: 'cli:operator', where: 'CLI', result: 'ok' });
  });
});

describe('plan add', () => {
  it('adds a plan with upper-cased SKUs', async () => {
    await seedPlan();
    expect(await h.store.plans.get('business-premium')).toMatchObject({
      name: 'Microsoft 365 Business Premium',
      skus: ['SPB'],
    });
  });

  it('refuses something that does not look like a skuPartNumber', async () => {
    const reply = expectKind(
      await h.run({ name: 'plan-add', id: 'e3', planName: 'E3', skus: ['Office 365 E3'] }, admin),
      'error',
    );
    expect(reply.message).toBe(
      '"OFFICE 365 E3" does not look like a SKU; use skuPartNumbers such as SPB, O365_BUSINESS_ESSENTIALS or ENTERPRISEPACK.',
    );
    expect(await h.store.plans.get('e3')).toBeNull();
  });
});

describe('customer plan', () => {
  beforeEach(async () => {
    await seedPlan();
    await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin Toys' }, admin);
  });

  it('enables a plan with a limit', async () => {
    const reply = expectKind(
      await h.run({ name: 'customer-plan', customerId: 'tailspin', planId: 'business-premium', limit: 10 }, admin),
      'result',
    );
    expect(reply.title).toBe('Microsoft 365 Business Premium is enabled for Tailspin Toys');
    expect((await h.store.customers.get('tailspin'))?.plans).toEqual([{ planId: 'business-premium', limit: 10 }]);
  });

  it('replaces the limit when run again', async () => {
    await h.run({ name: 'customer-plan', customerId: 'tailspin', planId: 'business-premium', limit: 10 }, admin);
    await h.run({ name: 'customer-plan', customerId: 'tailspin', planId: 'business-premium' }, admin);
    expect((await h.store.customers.get('tailspin'))?.plans).toEqual([{ planId: 'business-premium' }]);
  });

  it('lists the plans that exist when the plan is unknown', async () => {
    const reply = expectKind(
      await h.run({ name: 'customer-plan', customerId: 'tailspin', planId: 'business-premum' }, admin),
      'error',
    );
    expect(reply.message).toBe('There is no plan "business-premum"; the plans are business-premium.');
    expect(reply.suggestions).toEqual(['business-premium']);
  });

  it('names the customers when the customer is unknown', async () => {
    const reply = expectKind(
      await h.run({ name: 'customer-plan', customerId: 'tailspn', planId: 'business-premium' }, admin),
      'error',
    );
    expect(reply.message).toBe('There is no customer "tailspn"; the customers are tailspin.');
    expect(reply.suggestions).toEqual(['tailspin']);
  });
});

describe('access', () => {
  it('grants and revokes a role', async () => {
    expectKind(
      await h.run({ name: 'access', role: 'approver', op: 'add', identity: slackIdentityOf('U024BE7LH') }, admin),
      'result',
    );
    expect(await h.store.access.rolesOf(slackIdentityOf('U024BE7LH'))).toEqual(['approver']);
    const reply = expectKind(
      await h.run({ name: 'access', role: 'approver', op: 'remove', identity: slackIdentityOf('U024BE7LH') }, admin),
      'result',
    );
    expect(reply.title).toBe(`${slackIdentityOf('U024BE7LH')} no longer has the approver role`);
    expect(await h.store.access.rolesOf(slackIdentityOf('U024BE7LH'))).toEqual([]);
  });

  it('refuses an identity without a platform prefix', async () => {
    const reply = expectKind(
      await h.run({ name: 'access', role: 'helpdesk', op: 'add', identity: 'jane' }, admin),
      'error',
    );
    expect(reply.message).toBe(
      '"jane" is not an identity m365ops can use: it must be one of teams:<aadObjectId>, slack:<team_id>:<user_id> or cli:<user>, such as slack:T0123ABCD:U024BE7LH.',
    );
  });

  it('repeats only the start of a long identity it refuses, and says how long it was', async () => {
    const identity = `slack-${'x'.repeat(300)}`;
    const reply = expectKind(await h.run({ name: 'access', role: 'helpdesk', op: 'add', identity }, admin), 'error');
    expect(reply.message).toContain(`"${identity.slice(0, 60)}…(306 characters)" is not an identity`);
    expect(reply.message).not.toContain(identity);
  });
});

describe('policy', () => {
  it('sets the kinds applied without asking', async () => {
    await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin' }, admin);
    expectKind(
      await h.run({ name: 'policy-auto', customerId: 'tailspin', kinds: ['upn-changed', 'admin-revoked'] }, admin),
      'result',
    );
    expect((await h.store.customers.get('tailspin'))?.syncPolicy.autoApprove).toEqual(['upn-changed', 'admin-revoked']);
  });

  it('refuses a kind that is not a discrepancy kind', async () => {
    await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin' }, admin);
    const reply = expectKind(
      await h.run(
        { name: 'policy-auto', customerId: 'tailspin', kinds: ['upn-change' as unknown as DiscrepancyKind] },
        admin,
      ),
      'error',
    );
    expect(reply.message).toMatch(/^"upn-change" is not a discrepancy kind; the kinds are user-deleted, /);
    expect(reply.suggestions?.[0]).toBe('upn-changed');
  });
});

describe('notify here', () => {
  it('binds the channel and makes it the default customer of its commands', async () => {
    await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin' }, admin);
    const reply = expectKind(
      await h.run(
        { name: 'notify-here', customerId: 'tailspin' },
        { ...admin, channelKey: 'C0HELP', channelName: '#helpdesk', channelReference: { channel: 'C0HELP' } },
      ),
      'result',
    );
    expect(reply.title).toBe("Tailspin's notifications now go to #helpdesk");
    expect(await h.store.bindings.get('tailspin')).toMatchObject({
      platform: 'slack',
      channelKey: 'C0HELP',
      reference: { channel: 'C0HELP' },
    });
    const users = expectKind(await h.run({ name: 'users' }, { ...admin, channelKey: 'C0HELP' }), 'users');
    expect(users.customerId).toBe('tailspin');
  });

  it('refuses the CLI, which is not a channel', async () => {
    await h.run({ name: 'customer-add', id: 'tailspin', customerName: 'Tailspin' }, admin);
    const reply = expectKind(await h.run({ name: 'notify-here', customerId: 'tailspin' }, operator), 'error');
    expect(reply.message).toBe(
      "Run `notify here tailspin` in the Teams or Slack channel that should receive Tailspin's notifications.",
    );
  });
});
