/** The step runner over a real (embedded) store: outcomes recorded in order, waiting kept as a job, retry of the failed only. */
import { renderReplyText } from '../../../cards/render-text';
import type { OperationSteps, StepOutcome } from '../../../core/steps';
import { runOperationSteps, startOperation } from '../../../core/steps';
import { type Harness, hour, startHarness } from '../../handlers/harness';

describe('tracked steps', () => {
  let h: Harness;
  let mailboxReady: boolean;
  let groupsFail: boolean;
  const runs: string[] = [];

  const definition: OperationSteps = {
    kind: 'add-user',
    effects: ['user-create'],
    steps: {
      account: { key: 'account', label: 'Create the account', run: async () => ({ state: 'done' }) },
      groups: {
        key: 'groups',
        label: 'Join the plan’s groups',
        run: async (): Promise<StepOutcome> => {
          runs.push('groups');
          return groupsFail
            ? { state: 'failed', detail: 'Insufficient privileges to complete the operation.' }
            : { state: 'done' };
        },
      },
      mailbox: {
        key: 'mailbox',
        label: 'Grant shared mailbox access',
        run: async (): Promise<StepOutcome> => {
          runs.push('mailbox');
          return mailboxReady
            ? { state: 'done' }
            : {
                state: 'waiting',
                detail: 'The mailbox is not ready yet; retrying every 10 min.',
                retryInMs: 10 * 60_000,
              };
        },
      },
      devices: {
        key: 'devices',
        label: 'Remove mobile devices',
        run: async () => ({ state: 'skipped', detail: 'None.' }),
      },
    },
  };

  beforeEach(async () => {
    h = await startHarness();
    mailboxReady = false;
    groupsFail = true;
    runs.length = 0;
    await h.store.customers.create({
      id: 'contoso',
      name: 'Contoso Ltd',
      tenantId: '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60',
      plans: [],
      syncPolicy: { autoApprove: [] },
      consent: { status: 'granted' },
    });
  });
  afterEach(() => h.close());

  const start = () =>
    startOperation(h.deps, definition, {
      customerId: 'contoso',
      upn: 'jane.doe@contoso.com',
      requestedBy: 'teams:helpdesk-1',
      steps: [{ key: 'account', state: 'done' }, { key: 'groups' }, { key: 'mailbox' }, { key: 'devices' }],
      input: {},
      card: { title: 'Added jane.doe@contoso.com', facts: [] },
    });

  it('records each outcome, never says done while a step waits or failed, and keeps a job for the waiting', async () => {
    const reply = await start();
    expect(reply.progress?.steps.map((step) => step.icon)).toEqual(['✅', '❌', '⏳', '⏭']);
    expect(reply.progress?.summary).toBe(
      'Not done yet: 2 of 4 steps finished; 1 waiting (this card updates when it finishes); 1 failed.',
    );
    expect(reply.progress?.retry).toEqual({ name: 'retry-steps', operationId: reply.progress?.operationId });
    const text = renderReplyText(reply);
    expect(text).toContain('❌ Join the plan’s groups: Insufficient privileges to complete the operation.');
    expect(text).toContain('⏳ Grant shared mailbox access: The mailbox is not ready yet; retrying every 10 min.');
    const [job] = await h.store.jobs.list({ type: 'operation-steps' });
    expect(job).toMatchObject({ status: 'pending', payload: { operationId: reply.progress?.operationId } });
    expect(job?.runAt.getTime()).toBe(h.clock.now().getTime() + 10 * 60_000);
    expect(job?.deadline?.getTime()).toBe(h.clock.now().getTime() + 24 * hour);
  });

  it('runs a waiting step again only once it is due, and retries only the failed steps', async () => {
    const reply = await start();
    const id = reply.progress?.operationId as string;
    runs.length = 0;
    await runOperationSteps(h.deps, definition, id, ['waiting']);
    expect(runs).toEqual([]);
    mailboxReady = true;
    h.advance(10 * 60_000);
    const later = await runOperationSteps(h.deps, definition, id, ['waiting']);
    expect(runs).toEqual(['mailbox']);
    expect(later.steps.map((step) => step.state)).toEqual(['done', 'failed', 'done', 'skipped']);
    groupsFail = false;
    runs.length = 0;
    const retried = await runOperationSteps(h.deps, definition, id, ['failed']);
    expect(runs).toEqual(['groups']);
    expect(retried.steps.map((step) => step.state)).toEqual(['done', 'done', 'done', 'skipped']);
  });
});
