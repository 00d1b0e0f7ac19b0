/**
 * A 200-row batch against the simulator with Graph throttling on (every 7th request answers 429): previewed,
 * confirmed and run, it gives exactly 200 outcomes, 200 users, a results row each and a password each, once.
 */
import type { RequestContext } from '../../core/request';
import { expectKind } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness, testSeed } from './sim-harness';

const context: Partial<RequestContext> = { identity: 'teams:helpdesk-1', isPersonal: true };

describeWithSimulator('a 200-row bulk batch under throttling', () => {
  let h: SimHarness;

  beforeAll(async () => {
    h = await startSimHarness({ seed: testSeed({ basic: 250 }), maxRetries: 10 });
  });
  afterAll(async () => {
    await h.close();
  });

  it('runs every row exactly once', async () => {
    const upns = Array.from({ length: 200 }, (_, index) => `bulk.user${index}@contoso.com`);
    const csv = ['action,upn,plan,location', ...upns.map((upn) => `add,${upn},business-basic,GB`)].join('\n');
    h.sim.control.setFaults({ throttleEvery: 7, retryAfterSeconds: 0.01 });
    const preview = expectKind(await h.run({ name: 'bulk', csv }, context), 'confirm');
    expect(preview.summary[0]).toBe('200 rows: 200 to run, 0 refused.');
    if (preview.confirmCommand.name !== 'bulk-run') throw new Error('not a batch');

    const reply = expectKind(await h.run(preview.confirmCommand, context), 'result');
    h.sim.control.clearFaults();
    expect(reply.title).toMatch(/: 200 done, 0 failed$/);
    const results = reply.file!.content.trim().split('\r\n');
    expect(results).toHaveLength(201);
    expect(results.slice(1).every((line) => /,contoso,done,/.test(line))).toBe(true);
    const passwords = reply.secret!.value.trim().split('\r\n').slice(1);
    expect(passwords.map((line) => line.split(',')[0]).sort()).toEqual([...upns].sort());
    const created = h.sim.control.listUsers(contosoTenant).filter((user) => user.userPrincipalName.startsWith('bulk.'));
    expect(created).toHaveLength(200);
  }, 180_000);
});
