/**
 * add user from a plan template against the simulator: one step per group (a group carrying group-based licences
 * too), an unknown group failing alone and naming the groups there are, a group whose answer was lost failing with
 * the service's reason and retried alone, and shared-mailbox grants waiting for the new user's mailbox.
 */
import type { Command } from '../../core/request';
import { createJobHandlers } from '../../handlers/index';
import { createJobRunner } from '../../jobs/job-runner';
import type { SharedMailboxGrant } from '../../store/types';
import { expectKind } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness } from './sim-harness';

const upn = 'tess.template@contoso.com';

describeWithSimulator('add user from a plan template', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startSimHarness({ limits: { premium: 10 } });
    h.sim.control.createGroup(contosoTenant, { displayName: 'Sales' });
    h.sim.control.createGroup(contosoTenant, { displayName: 'All Staff', kind: 'microsoft365' });
    h.sim.control.createGroup(contosoTenant, { displayName: 'Licence - Exchange', licenses: ['EXCHANGESTANDARD'] });
    h.sim.control.createSharedMailbox(contosoTenant, { userPrincipalName: 'sales.team@contoso.com' });
  });
  afterEach(() => h.close());

  async function template(groups: string[], sharedMailboxes: SharedMailboxGrant[] = []): Promise<void> {
    const plan = await h.store.plans.get('business-premium');
    await h.store.plans.upsert({ ...plan!, groups, sharedMailboxes });
  }

  const addUser: Command = {
    name: 'add-user',
    upn,
    planId: 'business-premium',
    usageLocation: 'GB',
    admin: false,
    aliases: [],
  };

  const runJobs = () =>
    createJobRunner({
      store: h.store,
      logger: h.deps.logger,
      clock: h.clock,
      owner: 't',
      handlers: createJobHandlers(h.deps),
    }).runDue();

  const membersOf = (group: string) => h.sim.control.getGroup(contosoTenant, group)?.memberIds ?? [];
  const userId = () => h.sim.control.getUser(contosoTenant, upn)?.id;

  it('joins the groups at once and grants the shared mailbox when the new mailbox exists', async () => {
    await template(
      ['Sales', 'all staff', 'Licence - Exchange'],
      [{ mailbox: 'sales.team@contoso.com', access: ['FullAccess', 'SendAs'] }],
    );
    const reply = expectKind(await h.run(addUser), 'result');
    const steps = reply.progress?.steps ?? [];
    expect(steps.map((step) => `${step.icon} ${step.label}`)).toEqual([
      '✅ Create the account and assign the licences',
      '✅ Join Sales',
      '✅ Join all staff',
      '✅ Join Licence - Exchange',
      '⏳ Give Full Access and Send As on sales.team@contoso.com',
    ]);
    expect(steps[3]?.detail).toContain('group-based licensing');
    expect(steps[4]?.detail).toContain('not ready yet');
    expect(reply.progress?.summary).toMatch(/^Not done yet: 4 of 5 steps finished; 1 waiting/);
    for (const group of ['Sales', 'All Staff', 'Licence - Exchange']) expect(membersOf(group)).toContain(userId());

    h.advance(10 * 60_000);
    expect(await runJobs()).toBe(1); // still no mailbox: waits again
    h.sim.control.makeMailboxReady(contosoTenant, upn);
    h.advance(10 * 60_000);
    expect(await runJobs()).toBe(1);
    const operation = await h.store.trackedOperations.get(reply.progress!.operationId);
    expect(operation?.steps.map((step) => step.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const shared = h.sim.control.getMailbox(contosoTenant, 'sales.team@contoso.com');
    expect(shared?.fullAccess).toContain(upn);
    expect(shared?.sendAs).toContain(upn);
    const audit = await h.store.audit.list({ customerId: 'contoso' });
    expect(audit.filter((entry) => entry.action === 'join-group')).toHaveLength(3);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'grant-mailbox-access',
        actor: 'teams:helpdesk-1',
        target: upn,
        result: 'ok',
        details: expect.objectContaining({ done: 'Full Access and Send As on sales.team@contoso.com.' }),
      }),
    );
  });

  it('fails an unknown group alone, naming the groups the tenant has', async () => {
    await template(['Sales', 'Marketing']);
    const reply = expectKind(await h.run(addUser), 'result');
    const failed = reply.progress?.steps.find((step) => step.label === 'Join Marketing');
    expect(failed?.icon).toBe('❌');
    expect(failed?.detail).toBe(
      'There is no group "Marketing" in Contoso Ltd\'s tenant; its groups are All Staff, Licence - Exchange, Sales.',
    );
    expect(reply.progress?.summary).toBe('Not done yet: 2 of 3 steps finished; 1 failed.');
    expect(reply.progress?.retry).toEqual({ name: 'retry-steps', operationId: reply.progress?.operationId });
    expect(membersOf('Sales')).toContain(userId());
    expect(await h.store.audit.list({ customerId: 'contoso' })).toContainEqual(
      expect.objectContaining({ action: 'join-group', result: 'failed', error: failed?.detail }),
    );
  });

  it('joins neither of two groups sharing a name, asking for the object id of the one meant', async () => {
    const second = h.sim.control.createGroup(contosoTenant, { displayName: 'sales' });
    await template(['Sales']);
    const reply = expectKind(await h.run(addUser), 'result');
    const failed = reply.progress?.steps.find((step) => step.label === 'Join Sales');
    expect(failed?.icon).toBe('❌');
    expect(failed?.detail).toContain('2 groups in Contoso Ltd\'s tenant are called "Sales"');
    expect(failed?.detail).toContain(second.id);
    expect(membersOf('Sales')).not.toContain(userId());
    expect(h.sim.control.getGroup(contosoTenant, second.id)?.memberIds ?? []).not.toContain(userId());
  });

  it('fails a group Exchange owns alone, saying where its members are changed', async () => {
    h.sim.control.createGroup(contosoTenant, { displayName: 'Managers', kind: 'mail-security' });
    await template(['Sales', 'Managers']);
    const reply = expectKind(await h.run(addUser), 'result');
    expect(reply.progress?.steps.map((step) => step.icon)).toEqual(['✅', '✅', '❌']);
    expect(reply.progress?.steps[2]?.detail).toBe(
      `Managers is a mail-enabled security group: Exchange decides who is in it, so m365ops cannot add ${upn}; add them in the Exchange admin center, or take the group out of the plan.`,
    );
  });

  it("fails a group whose answer was lost with the service's reason, and retries it alone", async () => {
    await template(['Sales', 'All Staff']);
    h.sim.control.setFaults({ lostAnswer: { route: 'POST /v1.0/groups/{id}/members/$ref', times: 1 } });
    const reply = expectKind(await h.run(addUser), 'result');
    const [, sales, allStaff] = reply.progress?.steps ?? [];
    expect(sales?.icon).toBe('❌');
    expect(sales?.detail).toBe(
      `Microsoft 365 could not be reached for tenant ${contosoTenant}; try again in a few minutes.`,
    );
    expect(allStaff?.icon).toBe('✅');

    h.sim.control.resetRequestCounts();
    const retried = expectKind(
      await h.run({ name: 'retry-steps', operationId: reply.progress!.operationId }),
      'result',
    );
    expect(retried.progress?.steps.map((step) => step.icon)).toEqual(['✅', '✅', '✅']);
    expect(retried.progress?.summary).toBe('Done: all 3 steps finished.');
    expect(h.sim.control.requestCounts()['POST /v1.0/groups/{id}/members/$ref']).toBe(1);
    expect(membersOf('Sales')).toContain(userId());
  });

  it('fails a grant on a shared mailbox the tenant does not have, once the new mailbox exists', async () => {
    await template([], [{ mailbox: 'nobody.shared@contoso.com', access: ['FullAccess'] }]);
    const reply = expectKind(await h.run(addUser), 'result');
    expect(reply.progress?.steps.map((step) => step.icon)).toEqual(['✅', '⏳']);
    h.sim.control.makeMailboxReady(contosoTenant, upn);
    h.advance(10 * 60_000);
    await runJobs();
    const [, grant] = (await h.store.trackedOperations.get(reply.progress!.operationId))?.steps ?? [];
    expect(grant).toMatchObject({
      state: 'failed',
      detail: "Contoso Ltd's tenant has no mailbox nobody.shared@contoso.com; create it, or take it out of the plan.",
    });
  });
});
