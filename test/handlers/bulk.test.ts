/**
 * Bulk work from a CSV against the simulator: the template, the preview (every row resolved, nothing written), the
 * run (each row once, through its own command; a failing row says why; passwords only in the secret), and a batch
 * run again after a restart or by a second replica doing no row twice.
 */
import { createLogger } from '../../common/logger';
import type { ConfirmReply } from '../../core/reply';
import type { RequestContext } from '../../core/request';
import { createRuntime } from '../../core/runtime';
import { createJobHandlers, createM365ops } from '../../handlers';
import { bulkResumeAfterMs, scheduleBatchResume } from '../../handlers/bulk-job';
import { createJobRunner } from '../../jobs/job-runner';
import { admin, approver, expectKind } from './harness';
import { contosoTenant, describeWithSimulator, fabrikamTenant, type SimHarness, startSimHarness } from './sim-harness';

const context: RequestContext = {
  identity: 'teams:helpdesk-1',
  origin: 'teams',
  isPersonal: false,
  channelKey: '19:general@thread.tacv2',
  channelName: 'General',
};

describeWithSimulator('bulk', () => {
  let h: SimHarness;

  beforeEach(async () => {
    h = await startSimHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const preview = async (csv: string) => expectKind(await h.run({ name: 'bulk', csv }), 'confirm');
  const batchIdOf = (reply: ConfirmReply) => {
    if (reply.confirmCommand.name !== 'bulk-run') throw new Error('not a batch');
    return reply.confirmCommand.batchId;
  };
  const writes = () => h.sim.control.requestLog().filter((entry) => !entry.route.startsWith('POST /token'));
  /** The same store and Microsoft 365 opened again: a restarted process, or a second replica. */
  const anotherProcess = () =>
    createM365ops(
      createRuntime({
        store: h.store,
        gateway: h.gateway,
        clock: h.clock,
        logger: createLogger({ level: 'silent' }),
        settings: h.deps.settings,
      }),
    );

  it('answers bulk template with a CSV file of the columns and two example rows', async () => {
    const reply = expectKind(await h.run({ name: 'bulk-template' }), 'result');
    const lines = reply.file!.content.trim().split('\r\n');
    expect(lines[0]).toBe('action,upn,displayName,plan,location,aliases,customer,options,for,reason');
    expect(lines).toHaveLength(3);
    expect(reply.file).toMatchObject({ name: 'm365ops-bulk-template.csv', again: 'bulk template' });
  });

  it('previews every row without writing: create, link existing, and refusals naming row and column', async () => {
    h.sim.control.resetRequestCounts();
    const reply = await preview(
      [
        'action,upn,plan,location',
        'add,amy@contoso.com,business-basic,GB',
        'add,ed@contoso.com,business-basic,GB',
        'add,bob@contoso.com,premium-typo,GB',
        'change-plan,nobody@contoso.com,business-basic,',
        'hire,x@contoso.com,business-basic,',
      ].join('\n'),
    );
    expect(writes()).toEqual([]);
    expect(reply.summary[0]).toBe('5 rows: 2 to run, 3 refused.');
    const lines = reply.summary.join('\n');
    expect(lines).toContain('Row 2: add amy@contoso.com → create');
    expect(lines).toContain('Row 3: add ed@contoso.com → link existing');
    expect(lines).toMatch(/Row 4: add bob@contoso.com → refused: plan: .*premium-typo/);
    expect(lines).toContain(
      'Row 5: change-plan nobody@contoso.com → refused: upn: nobody@contoso.com is not a service user of Contoso Ltd',
    );
    expect(lines).toContain('Row 6: hire x@contoso.com → refused: action: "hire" is not an action');
    expect(reply.confirmLabel).toBe('Run 2 rows');
  });

  it('lets a row Microsoft was too busy to check run, saying it is checked when it runs', async () => {
    h.sim.control.setFaults({
      routeFailure: { route: 'GET /v1.0/users', status: 503, code: 'ServiceUnavailable', message: 'Busy.', times: 50 },
    });
    const reply = await preview(['action,upn,plan,location', 'add,amy@contoso.com,business-basic,GB'].join('\n'));
    h.sim.control.clearFaults();
    expect(reply.summary[0]).toBe('1 row: 1 to run, 0 refused.');
    expect(reply.summary.join('\n')).toMatch(
      /Row 2: add amy@contoso.com → not checked now \(.*\); checked when it runs/,
    );
    expect(writes()).toEqual([]);
  });

  it('counts free seats across the whole file', async () => {
    h.sim.control.setSkuUnits(contosoTenant, 'O365_BUSINESS_ESSENTIALS', 2);
    const rows = ['a', 'b', 'c', 'd'].map((name) => `add,${name}@contoso.com,business-basic,GB`);
    const reply = await preview(['action,upn,plan,location', ...rows].join('\n'));
    const lines = reply.summary.join('\n');
    expect(lines).toContain('Row 2: add a@contoso.com → create');
    expect(lines).toContain('Row 5: add d@contoso.com → refused: no free Microsoft 365 Business Basic seats, 2 short');
    expect(reply.summary[0]).toBe('4 rows: 2 to run, 2 refused.');
  });

  it("makes a UPN from the plan's format for a row with only a name, and refuses a second row making the same", async () => {
    expectKind(await h.run({ name: 'plan-format', planId: 'business-basic', format: 'first.last' }, admin), 'result');
    const reply = await preview(
      [
        'action,displayName,plan,location,customer',
        'add,Jane Doe,business-basic,GB,contoso',
        'add,Jane Doe,business-basic,GB,contoso',
      ].join('\n'),
    );
    const lines = reply.summary.join('\n');
    expect(lines).toContain('Row 2: add Jane Doe → create jane.doe@contoso.com');
    expect(lines).toContain(
      'Row 3: add Jane Doe → refused: displayName: makes jane.doe@contoso.com, which row 2 has too',
    );
    const run = expectKind(await h.run({ name: 'bulk-run', batchId: batchIdOf(reply), confirmed: true }), 'result');
    expect(run.title).toMatch(/1 done, 0 failed$/);
    expect(h.sim.control.getUser(contosoTenant, 'jane.doe@contoso.com')).not.toBeNull();
  });

  it('runs rows of several customers, each in its own tenant', async () => {
    const reply = await preview(
      [
        'action,upn,plan,location',
        'add,kim@fabrikam.com,business-basic,GB',
        'add,lou@contoso.com,business-basic,GB',
      ].join('\n'),
    );
    const run = expectKind(await h.run({ name: 'bulk-run', batchId: batchIdOf(reply), confirmed: true }), 'result');
    expect(run.file!.content).toContain('2,add,kim@fabrikam.com,fabrikam,done,');
    expect(h.sim.control.getUser(fabrikamTenant, 'kim@fabrikam.com')).not.toBeNull();
    expect(h.sim.control.getUser(contosoTenant, 'lou@contoso.com')).not.toBeNull();
  });

  it('writes a formula-looking cell into the results file as text, never as a formula', async () => {
    const reply = await preview(
      [
        'action,upn,displayName,plan,location',
        'add,,=HYPERLINK("http://x"),,',
        'add,mo@contoso.com,,business-basic,GB',
      ].join('\n'),
    );
    const run = expectKind(await h.run({ name: 'bulk-run', batchId: batchIdOf(reply), confirmed: true }), 'result');
    expect(run.file!.content).toContain(`2,add,"'=HYPERLINK(""http://x"")",,refused,`);
  });

  it('refuses a whole file that has no header', async () => {
    const reply = expectKind(await h.run({ name: 'bulk', csv: 'add,a@contoso.com,business-basic' }), 'error');
    expect(reply.code).toBe('bad-csv');
  });

  it("refuses the rows past a customer's limit of users on a plan", async () => {
    const rows = ['a', 'b', 'c', 'd'].map((name) => `add,${name}@contoso.com,business-premium,GB`);
    const reply = await preview(['action,upn,plan,location', ...rows].join('\n'));
    expect(reply.summary.join('\n')).toContain(
      'Row 5: add d@contoso.com → refused: Contoso Ltd may have at most 3 users on Microsoft 365 Business Premium',
    );
  });

  describe('running a batch', () => {
    // Row 5's alias is on another customer's domain: the preview reads only its form; add user refuses it.
    const csv = [
      'action,upn,plan,location,aliases',
      'add,amy@contoso.com,business-basic,GB,',
      'add,ben@contoso.com,business-basic,GB,',
      'add,cat@contoso.com,business-basic,GB,',
      'add,dan@contoso.com,business-basic,GB,dan@fabrikam.com',
    ].join('\n');

    it('runs each row once, says why one failed, and keeps passwords to the secret', async () => {
      const id = batchIdOf(await preview(csv));
      const reply = expectKind(await h.run({ name: 'bulk-run', batchId: id, confirmed: true }), 'result');
      expect(reply.title).toBe(`Bulk batch ${id}: 3 done, 1 failed`);
      expect(reply.notes).toEqual([expect.stringMatching(/^Row 5: add dan@contoso.com: .*fabrikam\.com/)]);
      const results = reply.file!.content;
      expect(results.split('\r\n')[0]).toBe('row,action,user,customer,status,detail');
      expect(results).toContain('2,add,amy@contoso.com,contoso,done,');
      expect(results).toContain('5,add,dan@contoso.com,contoso,failed,');
      expect(reply.secret!.value.split('\r\n')[0]).toBe('upn,temporaryPassword');
      expect(reply.secret!.value).toContain('amy@contoso.com,');
      const password = reply.secret!.value.split('\r\n')[1]!.split(',')[1]!;
      expect(results).not.toContain(password);
      expect(h.sim.control.getUser(contosoTenant, 'amy@contoso.com')).not.toBeNull();
    });

    it('tells the working card how many rows have run as they finish', async () => {
      const id = batchIdOf(await preview(csv));
      const seen: string[] = [];
      await h.handlers.handle({ context, command: { name: 'bulk-run', batchId: id, confirmed: true } }, (text) =>
        seen.push(text),
      );
      expect(seen).toHaveLength(4);
      expect(seen[3]).toBe(`Bulk batch ${id}: 4 of 4 rows run — 3 done, 0 asked of an approver, 1 failed…`);
    });

    it('asks for the confirmation again when run without it', async () => {
      const id = batchIdOf(await preview(csv));
      expectKind(await h.run({ name: 'bulk-run', batchId: id }), 'confirm');
      expect(h.sim.control.getUser(contosoTenant, 'amy@contoso.com')).toBeNull();
    });

    it('runs nothing again after a restart: rows done stay done', async () => {
      const id = batchIdOf(await preview(csv));
      await h.run({ name: 'bulk-run', batchId: id, confirmed: true });
      h.sim.control.resetRequestCounts();
      const again = expectKind(
        await anotherProcess().handle({ context, command: { name: 'bulk-run', batchId: id, confirmed: true } }),
        'result',
      );
      expect(writes()).toEqual([]);
      expect(again.title).toBe(`Bulk batch ${id}: 3 done, 1 failed`);
    });

    it('resumes a batch cut short: only the rows not yet run run', async () => {
      const id = batchIdOf(await preview(csv));
      // What a process that died after its first row left behind.
      await h.store.trackedOperations.setStep(id, 'row:2', { state: 'done', detail: 'Added', at: h.clock.now() }, [
        'pending',
      ]);
      const reply = expectKind(
        await anotherProcess().handle({ context, command: { name: 'bulk-run', batchId: id, confirmed: true } }),
        'result',
      );
      expect(h.sim.control.getUser(contosoTenant, 'amy@contoso.com')).toBeNull();
      expect(h.sim.control.getUser(contosoTenant, 'ben@contoso.com')).not.toBeNull();
      expect(reply.title).toBe(`Bulk batch ${id}: 3 done, 1 failed`);
    });

    it('finishes a batch whose process died from its durable job, never running a row blind twice', async () => {
      const id = batchIdOf(await preview(csv));
      // What the Confirm did before the process died: its job left, row 2 done, row 3 cut off while it ran.
      await scheduleBatchResume(h.deps, id);
      const at = h.clock.now();
      await h.store.trackedOperations.setStep(id, 'row:2', { state: 'done', detail: 'Added', at }, ['pending']);
      await h.store.trackedOperations.setStep(id, 'row:3', { state: 'running', at }, ['pending']);
      const runner = createJobRunner({
        store: h.store,
        logger: h.deps.logger,
        clock: h.clock,
        owner: 'after-restart',
        handlers: createJobHandlers(h.deps),
      });
      h.advance(bulkResumeAfterMs);
      expect(await runner.runDue()).toBe(1);
      const batch = await h.store.trackedOperations.get(id);
      expect(batch!.steps.map((step) => [step.key, step.state])).toEqual([
        ['row:2', 'done'],
        ['row:3', 'failed'],
        ['row:4', 'done'],
        ['row:5', 'failed'],
      ]);
      expect(batch!.steps[1]!.detail).toMatch(/^Interrupted/);
      expect(batch!.steps[2]!.detail).toContain('Its temporary password was shown to nobody');
      expect(h.sim.control.getUser(contosoTenant, 'amy@contoso.com')).toBeNull();
      expect(h.sim.control.getUser(contosoTenant, 'ben@contoso.com')).toBeNull();
      expect(h.sim.control.getUser(contosoTenant, 'cat@contoso.com')).not.toBeNull();
    });

    it('shares no row between two replicas running the batch at once', async () => {
      const id = batchIdOf(await preview(csv));
      h.sim.control.resetRequestCounts();
      const command = { name: 'bulk-run', batchId: id, confirmed: true } as const;
      await Promise.all([anotherProcess().handle({ context, command }), h.handlers.handle({ context, command })]);
      const creates = writes().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/users'));
      expect(creates).toHaveLength(3);
      const batch = await h.store.trackedOperations.get(id);
      expect(batch!.steps.map((step) => step.state).sort()).toEqual(['done', 'done', 'done', 'failed']);
    });

    it('lets only the person who previewed a batch run it', async () => {
      const id = batchIdOf(await preview(csv));
      const reply = expectKind(await h.run({ name: 'bulk-run', batchId: id, confirmed: true }, approver), 'error');
      expect(reply.message).toBe(`Batch ${id} was previewed by someone else; only they may run it.`);
    });
  });

  it('makes a helpdesk batch with a grant-admin row a request as a whole, running nothing before it is approved', async () => {
    await h.run({
      name: 'add-user',
      upn: 'amy@contoso.com',
      planId: 'business-basic',
      usageLocation: 'GB',
      admin: false,
      aliases: [],
    });
    const reply = await preview('action,upn,for,reason\ngrant-admin,amy@contoso.com,2h,On call\n');
    expect(reply.summary.join('\n')).toContain('grant admin (asks an approver)');
    const run = expectKind(await h.run({ name: 'bulk-run', batchId: batchIdOf(reply), confirmed: true }), 'error');
    // The batch as a whole is a request; no channel takes Contoso's requests in this harness, so nothing was asked
    // or run (approved-requests-in-teams.test.ts posts a real one).
    expect(run.message).toContain("No channel receives Contoso Ltd's requests");
    expect(h.sim.control.listRoleMembers(contosoTenant, 'Global Administrator')).toHaveLength(1);
    const batch = await h.store.trackedOperations.list('contoso', { kind: 'bulk' });
    expect(batch.flatMap((part) => part.steps).map((step) => step.state)).toEqual(['pending']);
  });
});
