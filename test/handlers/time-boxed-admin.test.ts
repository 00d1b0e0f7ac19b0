/**
 * Time-boxed admin against the simulator: the customer's limits, the grant record whose clock starts at the grant,
 * the end run by the durable job runner exactly once, a Graph outage at the end (retried, overdue after an hour, no
 * second removal after recovery), a role removed by hand, and extensions.
 */
import { createJobHandlers } from '../../jobs/alias-job';
import { createJobRunner, type JobRunner } from '../../jobs/job-runner';
import { globalAdministratorTemplateId } from '../../m365/tenant-roles';
import { admin, approver, expectKind, hour } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness } from './sim-harness';

const minute = 60_000;

describeWithSimulator('time-boxed admin', () => {
  let h: SimHarness;
  let janeId: string;
  let jobs: JobRunner;

  beforeEach(async () => {
    h = await startSimHarness({ maxRetries: 0 });
    expectKind(
      await h.run({
        name: 'add-user',
        upn: 'jane@contoso.com',
        planId: 'business-premium',
        usageLocation: 'GB',
        admin: false,
        aliases: [],
      }),
      'result',
    );
    janeId = h.sim.control.getUser(contosoTenant, 'jane@contoso.com')?.id as string;
    jobs = createJobRunner({
      store: h.store,
      logger: h.deps.logger,
      clock: h.clock,
      owner: 'replica-a',
      handlers: createJobHandlers(h.deps, 'replica-a'),
      random: () => 0,
    });
  });
  afterEach(async () => {
    await h.close();
  });

  const members = () => h.sim.control.listRoleMembers(contosoTenant, globalAdministratorTemplateId);
  const removals = () =>
    Object.entries(h.sim.control.requestCounts())
      .filter(([route]) => route.startsWith('DELETE') && route.includes('roleAssignments'))
      .reduce((sum, [, count]) => sum + count, 0);
  const grant = (durationMinutes?: number) =>
    h.run(
      {
        name: 'grant-admin',
        upn: 'jane@contoso.com',
        durationMinutes,
        reason: 'Mailbox migration',
        ticket: 'INC-7',
        confirmed: true,
      },
      approver,
    );

  it('asks to confirm naming the role and the duration', async () => {
    const confirm = expectKind(
      await h.run({ name: 'grant-admin', upn: 'jane@contoso.com', durationMinutes: 120 }, approver),
      'confirm',
    );
    expect(confirm.title).toBe('Make jane@contoso.com Global Administrator for 2h?');
    expect(members()).not.toContain(janeId);
  });

  it('refuses a duration over the customer limit, naming it, and changes nothing', async () => {
    const refused = expectKind(await grant(9 * 60), 'error');
    expect(refused.message).toMatch(/9h is longer than Contoso Ltd allows for admin access: ask for 8h or less/);
    await h.run({ name: 'policy-max-admin', customerId: 'contoso', durationMinutes: 60 }, admin);
    expect(expectKind(await grant(120), 'error').message).toMatch(/ask for 1h or less/);
    expect(members()).not.toContain(janeId);
    expect(await h.store.adminGrants.findCurrent('contoso', janeId)).toBeNull();
  });

  it('refuses a permanent grant when the customer denies it', async () => {
    await h.run({ name: 'policy-permanent-admin', customerId: 'contoso', permanentAdmin: 'deny' }, admin);
    expect(expectKind(await grant(), 'error').message).toMatch(/allows only time-boxed admin access/);
    expect(members()).not.toContain(janeId);
  });

  it('starts the clock at the grant, and says until when to a second grant', async () => {
    const given = expectKind(await grant(120), 'result');
    expect(given.title).toBe('Gave jane@contoso.com admin access for 2h');
    const record = await h.store.adminGrants.findCurrent('contoso', janeId);
    expect(record).toMatchObject({
      state: 'active',
      grantedAt: h.clock.now(),
      endsAt: new Date(h.clock.now().getTime() + 2 * hour),
      reason: 'Mailbox migration',
      ticket: 'INC-7',
      grantedBy: approver.identity,
    });
    const again = expectKind(await grant(60), 'result');
    expect(again.title).toBe('jane@contoso.com already has admin access until 2026-03-02 12:00 UTC');
  });

  it('removes the role at the end, once, through the job runner', async () => {
    await grant(120);
    h.sim.control.resetRequestCounts();
    h.advance(2 * hour - 15 * minute);
    await jobs.runDue();
    expect((await h.store.adminGrants.findCurrent('contoso', janeId))?.warnedFor).toBeDefined();
    expect(members()).toContain(janeId);
    h.advance(15 * minute);
    await jobs.runDue();
    expect(members()).not.toContain(janeId);
    h.advance(hour);
    await jobs.runDue();
    expect(removals()).toBe(1);
    const ended = (await h.store.audit.list({ customerId: 'contoso' })).find((a) => a.action === 'admin-expired');
    expect(ended).toMatchObject({ result: 'ok', target: 'jane@contoso.com', details: { reason: 'Mailbox migration' } });
    expect((await h.store.serviceUsers.get('contoso', janeId))?.admin).toBe(false);
  });

  it('retries through a Graph outage, marks the end overdue after an hour, and removes once after recovery', async () => {
    await grant(30);
    h.sim.control.setFaults({ throttleEvery: 1, retryAfterSeconds: 600 });
    h.advance(30 * minute);
    await jobs.runDue();
    expect(members()).toContain(janeId);
    for (let i = 0; i < 8; i++) {
      h.advance(16 * minute);
      await jobs.runDue();
    }
    const overdue = await h.store.adminGrants.findCurrent('contoso', janeId);
    expect(overdue).toMatchObject({ state: 'overdue', overdueSince: expect.any(Date) });
    const audits = await h.store.audit.list({ customerId: 'contoso' });
    expect(audits.filter((a) => a.action === 'admin-expiry-overdue')).toHaveLength(1);
    h.sim.control.clearFaults();
    h.sim.control.resetRequestCounts();
    h.advance(2 * hour);
    await jobs.runDue();
    h.advance(2 * hour);
    await jobs.runDue();
    expect(members()).not.toContain(janeId);
    expect(removals()).toBe(1);
    expect((await h.store.adminGrants.get(overdue!.id))?.state).toBe('ended');
  });

  it('records a role removed by hand before the end and does nothing in the tenant', async () => {
    await grant(60);
    h.sim.control.revokeRole(contosoTenant, janeId, globalAdministratorTemplateId);
    h.sim.control.resetRequestCounts();
    const id = (await h.store.adminGrants.findCurrent('contoso', janeId))!.id;
    h.advance(hour);
    await jobs.runDue();
    expect(removals()).toBe(0);
    expect((await h.store.adminGrants.get(id))?.state).toBe('ended-by-hand');
  });

  it('extends the end, so the first end time passes without removing the role', async () => {
    await grant(60);
    h.advance(50 * minute);
    const extended = expectKind(
      await h.run(
        { name: 'extend-admin', upn: 'jane@contoso.com', durationMinutes: 60, customerId: 'contoso' },
        approver,
      ),
      'result',
    );
    expect(extended.title).toBe('Extended the admin access of jane@contoso.com until 2026-03-02 12:00 UTC');
    const audit = expectKind(await h.run({ name: 'audit', customerId: 'contoso' }, approver), 'result');
    const extension = audit.facts.find((fact) => fact.value.startsWith('extend-admin ok'))?.value;
    expect(extension).toContain(`by ${approver.identity}`);
    expect(extension).toContain('reason "Mailbox migration" · ticket INC-7');
    expect(extension).toContain('until 2026-03-02 12:00 UTC');
    expect(audit.table?.rows.some((row) => row.includes('extend-admin'))).toBe(true);
    h.advance(15 * minute);
    await jobs.runDue();
    expect(members()).toContain(janeId);
    h.advance(hour);
    await jobs.runDue();
    expect(members()).not.toContain(janeId);
  });

  it('ends the grant record when the role is revoked by hand in chat', async () => {
    await grant(60);
    const id = (await h.store.adminGrants.findCurrent('contoso', janeId))!.id;
    await h.run({ name: 'revoke-admin', upn: 'jane@contoso.com', confirmed: true });
    expect(await h.store.adminGrants.get(id)).toMatchObject({ state: 'ended', endedBy: 'teams:helpdesk-1' });
    h.sim.control.resetRequestCounts();
    h.advance(hour);
    await jobs.runDue();
    expect(removals()).toBe(0);
  });
});
