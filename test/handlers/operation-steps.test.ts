/**
 * An add-user operation's steps against the simulator: aliases wait for the mailbox as a durable job that finishes
 * them when it appears; a failed step is retried alone, by `retry steps <id>`, authorised like the operation.
 */

import { addUserSteps } from '../../core/provisioning/add-user-steps';
import { giveUpWaitingSteps, startOperation } from '../../core/steps';
import { createJobHandlers } from '../../handlers/index';
import { createJobRunner } from '../../jobs/job-runner';
import { expectKind, stranger } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness } from './sim-harness';

describeWithSimulator('add-user operation steps', () => {
  let h: SimHarness;
  beforeEach(async () => {
    h = await startSimHarness();
    h.sim.control.addUser(contosoTenant, {
      userPrincipalName: 'max@contoso.com',
      usageLocation: 'GB',
      licenses: ['SPB'],
    });
  });
  afterEach(() => h.close());

  const start = () =>
    startOperation(h.deps, addUserSteps, {
      customerId: 'contoso',
      upn: 'max@contoso.com',
      requestedBy: 'teams:helpdesk-1',
      steps: [{ key: 'account', state: 'done' }, { key: 'aliases' }],
      input: { aliases: ['m.power@contoso.com'] },
      card: { title: 'Added max@contoso.com to Contoso Ltd', facts: [] },
    });

  it('waits for the mailbox, then the job adds the aliases and the step is done', async () => {
    const reply = await start();
    expect(reply.progress?.steps.map((step) => step.icon)).toEqual(['✅', '⏳']);
    expect(reply.progress?.summary).not.toMatch(/^Done/);
    const runner = createJobRunner({
      store: h.store,
      logger: h.deps.logger,
      clock: h.clock,
      owner: 't',
      handlers: createJobHandlers(h.deps),
    });
    h.sim.control.makeMailboxReady(contosoTenant, 'max@contoso.com');
    h.advance(10 * 60_000);
    expect(await runner.runDue()).toBe(1);
    const operation = await h.store.trackedOperations.get(reply.progress?.operationId as string);
    expect(operation?.steps.map((step) => step.state)).toEqual(['done', 'done']);
    expect(h.sim.control.getUser(contosoTenant, 'max@contoso.com')?.proxyAddresses).toContain(
      'smtp:m.power@contoso.com',
    );
    expect(await h.store.jobs.list({ type: 'operation-steps', status: 'pending' })).toEqual([]);
  });

  it('retries only the failed step, and only for someone who may do what it does', async () => {
    const reply = await start();
    const id = reply.progress?.operationId as string;
    await giveUpWaitingSteps(h.deps, id, 'm365ops stopped waiting.');
    const refused = expectKind(await h.run({ name: 'retry-steps', operationId: id }, stranger), 'error');
    expect(refused.code).toBe('forbidden');
    h.sim.control.makeMailboxReady(contosoTenant, 'max@contoso.com');
    const retried = expectKind(await h.run({ name: 'retry-steps', operationId: id }), 'result');
    expect(retried.progress?.steps.map((step) => step.icon)).toEqual(['✅', '✅']);
    expect(retried.progress?.summary).toBe('Done: all 2 steps finished.');
    expect(retried.progress?.retry).toBeUndefined();
    const unknown = expectKind(await h.run({ name: 'retry-steps', operationId: 'NOPE22' }), 'error');
    expect(unknown.message).toBe('No operation NOPE22 is recorded; its card shows its id.');
  });
});
