/**
 * An offboarding's steps against the simulator (core/steps): the mailbox steps wait while Exchange has still to make
 * the mailbox (and the licence waits with them, or the mailbox would never come), then the operation's durable job
 * finishes them; a retry is authorised by what the failed steps do, a delete behind the customer's approval policy
 * is an approver's to retry, and a retried password reset shows the password once without storing it.
 */
import type { Command } from '../../core/request';
import { createJobHandlers } from '../../handlers/index';
import { createJobRunner } from '../../jobs/job-runner';
import { approver, expectKind, helpdesk } from './harness';
import { contosoTenant, describeWithSimulator, type SimHarness, startSimHarness } from './sim-harness';

describeWithSimulator('offboard operation steps', () => {
  let h: SimHarness;
  let objectId: string;
  const upn = 'leaver@contoso.com';

  beforeEach(async () => {
    h = await startSimHarness();
    expectKind(
      await h.run({ name: 'add-user', upn, planId: 'business-basic', usageLocation: 'GB', admin: false, aliases: [] }),
      'result',
    );
    objectId = h.sim.control.getUser(contosoTenant, upn)?.id as string;
  });
  afterEach(() => h.close());

  const offboard = (options: string[], who = helpdesk) =>
    h.run({ name: 'offboard', upn, options, confirmed: true } as Command, who);
  const operationOf = async (id: string) => h.store.trackedOperations.get(id);

  it('waits for the mailbox, the licence with it, and the job finishes them when it appears', async () => {
    const reply = expectKind(
      await offboard(['block-sign-in', 'convert-to-shared', 'hide-from-gal', 'remove-licences']),
      'result',
    );
    expect(reply.progress?.steps.map((step) => step.icon)).toEqual(['✅', '⏳', '⏳', '⏳']);
    expect(reply.progress?.steps[1]?.detail).toContain('The mailbox of leaver@contoso.com is not ready yet');
    expect(reply.progress?.steps[3]?.detail).toContain('Waits for the mailbox steps before it');
    expect(reply.title).toBe(`Offboarding ${upn}`);
    expect(h.sim.control.getUser(contosoTenant, objectId)?.assignedLicenses).not.toEqual([]);

    h.sim.control.makeMailboxReady(contosoTenant, objectId);
    h.advance(10 * 60_000);
    const runner = createJobRunner({
      store: h.store,
      logger: h.deps.logger,
      clock: h.clock,
      owner: 't',
      handlers: createJobHandlers(h.deps),
    });
    expect(await runner.runDue()).toBe(1);
    const operation = await operationOf(reply.progress?.operationId as string);
    expect(operation?.steps.map((step) => step.state)).toEqual(['done', 'done', 'done', 'done']);
    expect(h.sim.control.getMailbox(contosoTenant, objectId)).toMatchObject({
      type: 'SharedMailbox',
      hiddenFromAddressListsEnabled: true,
    });
    expect(h.sim.control.getUser(contosoTenant, objectId)?.assignedLicenses).toEqual([]);
    expect(await h.store.serviceUsers.get('contoso', objectId)).toMatchObject({ status: 'removed' });
    const audit = await h.store.audit.list({ customerId: 'contoso' });
    expect(audit.find((record) => record.action === 'offboard-steps')).toMatchObject({
      actor: helpdesk.identity,
      target: upn,
      result: 'ok',
      details: {
        steps: [
          expect.objectContaining({ key: 'convert-to-shared', state: 'done' }),
          expect.anything(),
          expect.anything(),
        ],
      },
    });
  });

  it('shows a retried password reset once, to whoever retried it, and stores it nowhere', async () => {
    h.sim.control.setFaults({
      routeFailure: {
        route: 'PATCH /v1.0/users/{id}',
        status: 503,
        code: 'serviceNotAvailable',
        message: 'x',
        times: 99,
      },
    });
    const first = expectKind(await offboard(['reset-password']), 'result');
    h.sim.control.clearFaults();
    expect(first.secret).toBeUndefined();
    expect(first.progress?.steps.map((step) => step.icon)).toEqual(['❌']);
    const id = first.progress?.operationId as string;
    const retried = expectKind(await h.run({ name: 'retry-steps', operationId: id }), 'result');
    expect(retried.secret?.label).toBe(`Temporary password for ${upn}`);
    expect(retried.progress?.steps.map((step) => step.icon)).toEqual(['✅']);
    expect(JSON.stringify(await operationOf(id))).not.toContain(retried.secret?.value as string);
  });

  it('leaves a failed delete behind the customer’s approval policy to an approver', async () => {
    await h.store.customers.update('contoso', { approvalEffects: ['user-delete'] });
    h.sim.control.setFaults({
      routeFailure: {
        route: 'DELETE /v1.0/users/{id}',
        status: 403,
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      },
    });
    const first = expectKind(await offboard(['block-sign-in', 'delete'], approver), 'result');
    h.sim.control.clearFaults();
    expect(first.progress?.steps.map((step) => step.icon)).toEqual(['✅', '❌']);
    expect(first.progress?.steps[1]?.detail).toContain('Microsoft 365 refused to delete this user');
    const id = first.progress?.operationId as string;
    const refused = expectKind(await h.run({ name: 'retry-steps', operationId: id }, helpdesk), 'error');
    expect(refused.message).toContain("Contoso Ltd's policy has an approver decide user-delete");
    expect(h.sim.control.getUser(contosoTenant, objectId)?.deletedDateTime).toBeNull();
    const retried = expectKind(await h.run({ name: 'retry-steps', operationId: id }, approver), 'result');
    expect(retried.progress?.steps.map((step) => step.icon)).toEqual(['✅', '✅']);
    expect(h.sim.control.getUser(contosoTenant, objectId)?.deletedDateTime).toEqual(expect.any(String));
  });
});
