/**
 * `add user <upn> like <existing upn>` against the simulator: the plan from m365ops's record of the user copied, its
 * security and Microsoft 365 groups, its usage location and the plan's shared mailboxes, and an answer that says
 * what was copied; a user m365ops does not manage is refused before anything is written.
 */
import { expectKind, stranger } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness } from './sim-harness';

const model = 'mo.model@contoso.com';
const upn = 'nia.new@contoso.com';

describeWithSimulator('add user … like', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startSimHarness();
    const sales = h.sim.control.createGroup(contosoTenant, { displayName: 'Sales' });
    const allStaff = h.sim.control.createGroup(contosoTenant, { displayName: 'All Staff', kind: 'microsoft365' });
    h.sim.control.createGroup(contosoTenant, { displayName: 'Finance' });
    const managers = h.sim.control.createGroup(contosoTenant, { displayName: 'Managers', kind: 'mail-security' });
    const newsletter = h.sim.control.createGroup(contosoTenant, { displayName: 'Newsletter', kind: 'distribution' });
    h.sim.control.createSharedMailbox(contosoTenant, { userPrincipalName: 'sales.team@contoso.com' });
    const user = h.sim.control.addUser(contosoTenant, {
      userPrincipalName: model,
      usageLocation: 'FR',
      licenses: ['O365_BUSINESS_ESSENTIALS'],
    });
    for (const group of [sales, allStaff, managers, newsletter]) {
      h.sim.control.addGroupMember(contosoTenant, group.id, model);
    }
    await h.store.serviceUsers.create({
      customerId: 'contoso',
      objectId: user.id,
      upn: model,
      displayName: 'Mo Model',
      planId: 'business-basic',
      admin: false,
      usageLocation: 'FR',
      aliases: [],
      status: 'active',
      createdBy: 'cli:test',
    });
    const plan = await h.store.plans.get('business-basic');
    await h.store.plans.upsert({
      ...plan!,
      groups: ['sales'],
      sharedMailboxes: [{ mailbox: 'sales.team@contoso.com', access: ['SendAs'] }],
    });
  });
  afterEach(() => h.close());

  it('copies the plan, groups, usage location and the plan’s shared mailboxes, and says so', async () => {
    const reply = expectKind(
      await h.run({ name: 'add-user-like', upn, like: model, displayName: 'Nia New' }),
      'result',
    );
    expect(reply.title).toBe(`Added ${upn} to Contoso Ltd`);
    expect(reply.notes?.[0]).toBe(
      `Copied from ${model}: plan Microsoft 365 Business Basic, groups All Staff, Sales, usage location FR, the plan's shared mailboxes sales.team@contoso.com.`,
    );
    expect(reply.notes?.[1]).toBe(
      'Not copied: Managers, Newsletter (Exchange or a membership rule decides who is in them, not m365ops); admin roles are never copied.',
    );
    expect(reply.progress?.steps.map((step) => `${step.icon} ${step.label}`)).toEqual([
      '✅ Create the account and assign the licences',
      '✅ Join All Staff',
      '✅ Join Sales',
      '⏳ Give Send As on sales.team@contoso.com',
    ]);
    const user = h.sim.control.getUser(contosoTenant, upn);
    expect(user).toMatchObject({ displayName: 'Nia New', usageLocation: 'FR' });
    expect(h.sim.control.getGroup(contosoTenant, 'Sales')?.memberIds).toContain(user?.id);
    expect(h.sim.control.getGroup(contosoTenant, 'All Staff')?.memberIds).toContain(user?.id);
    for (const group of ['Finance', 'Managers', 'Newsletter']) {
      expect(h.sim.control.getGroup(contosoTenant, group)?.memberIds).not.toContain(user?.id);
    }
    expect(await h.store.serviceUsers.findByUpn('contoso', upn)).toMatchObject({
      planId: 'business-basic',
      usageLocation: 'FR',
      admin: false,
    });
    const audit = await h.store.audit.list({ customerId: 'contoso' });
    expect(audit.find((entry) => entry.action === 'add-user')).toMatchObject({
      target: upn,
      details: { copiedFrom: model },
    });
    // The card keeps saying what was copied when it is redrawn.
    const operation = await h.store.trackedOperations.get(reply.progress!.operationId);
    expect(JSON.stringify(operation?.input.card)).toContain(`Copied from ${model}`);
  });

  it('makes the UPN from a display name by the copied user’s plan format, saying so before what it copied', async () => {
    const noFormat = expectKind(
      await h.run({ name: 'add-user-named-like', displayName: 'Nia New', like: model }),
      'error',
    );
    expect(noFormat.message).toContain(
      `give the UPN (\`add user jane.doe@contoso.com like ${model} name "Nia New"\`), or ask an m365ops admin to set one (\`plan business-basic format first.last\`)`,
    );
    const plan = await h.store.plans.get('business-basic');
    await h.store.plans.upsert({ ...plan!, usernameFormat: 'first.last' });

    const reply = expectKind(
      await h.run({ name: 'add-user-named-like', displayName: 'Nia New', like: model }),
      'result',
    );
    expect(reply.title).toBe(`Added ${upn} to Contoso Ltd`);
    expect(reply.notes?.[0]).toMatch(/^UPN nia\.new@contoso\.com from the plan's format first\.last/);
    expect(reply.notes?.[1]).toContain(
      `Copied from ${model}: plan Microsoft 365 Business Basic, groups All Staff, Sales`,
    );
    expect(h.sim.control.getUser(contosoTenant, upn)).toMatchObject({ displayName: 'Nia New', usageLocation: 'FR' });

    // The name taken now, the next copy by the same name is refused with the next free UPN, nothing written.
    const again = expectKind(
      await h.run({ name: 'add-user-named-like', displayName: 'Nia New', like: model }),
      'error',
    );
    expect(again.message).toContain('nia.new2@contoso.com');
    expect(h.sim.control.getUser(contosoTenant, 'nia.new2@contoso.com')).toBeFalsy();
  });

  it('refuses a copy by name of a user m365ops does not manage, naming add user by name with a plan', async () => {
    h.sim.control.addUser(contosoTenant, { userPrincipalName: 'stray@contoso.com', usageLocation: 'GB' });
    const refused = expectKind(
      await h.run({ name: 'add-user-named-like', displayName: 'Nia New', like: 'stray@contoso.com' }),
      'error',
    );
    expect(refused.message).toContain('stray@contoso.com is not a service user of Contoso Ltd');
    expect(h.sim.control.getUser(contosoTenant, upn)).toBeFalsy();
  });

  it('refuses to copy a user m365ops does not manage, and creates nothing', async () => {
    h.sim.control.addUser(contosoTenant, { userPrincipalName: 'stray@contoso.com', usageLocation: 'GB' });
    const refused = expectKind(await h.run({ name: 'add-user-like', upn, like: 'stray@contoso.com' }), 'error');
    expect(refused.code).toBe('not-managed');
    expect(refused.message).toBe(
      'stray@contoso.com is not a service user of Contoso Ltd, so m365ops has no plan of theirs to copy; add the new user with `add user <upn> plan <plan>`, or copy a user m365ops manages (`users contoso` lists them).',
    );
    expect(h.sim.control.getUser(contosoTenant, upn)).toBeNull();
  });

  it('refuses a user copied onto itself, and anyone without the helpdesk role', async () => {
    const self = expectKind(await h.run({ name: 'add-user-like', upn: model, like: model }), 'error');
    expect(self.message).toBe(`${model} cannot be added like itself; give the new user's UPN first.`);
    const forbidden = expectKind(await h.run({ name: 'add-user-like', upn, like: model }, stranger), 'error');
    expect(forbidden.code).toBe('forbidden');
    expect(h.sim.control.getUser(contosoTenant, upn)).toBeNull();
  });
});
