/** A family of steps (one per item: `group:Sales`) is declared once under its prefix, and runs with its own key. */
import type { OperationSteps, StepRun } from '../../../core/steps';
import { runOperationSteps, startOperation, stepDefinitionOf } from '../../../core/steps';
import { type Harness, startHarness } from '../../handlers/harness';

const ran: string[] = [];
const definition: OperationSteps = {
  kind: 'add-user',
  effects: ['user-create'],
  steps: {
    account: { key: 'account', label: 'Create the account', run: async () => ({ state: 'done' }) },
    group: {
      key: 'group',
      label: 'Join a group',
      run: async ({ key }: StepRun) => {
        ran.push(key);
        return { state: 'done', detail: `Member of ${key.slice('group:'.length)}.` };
      },
    },
  },
};

it('finds a step by its key, else by its family, and nothing for an unknown one', () => {
  expect(stepDefinitionOf(definition, 'account')?.label).toBe('Create the account');
  expect(stepDefinitionOf(definition, 'group:All Staff')?.key).toBe('group');
  expect(stepDefinitionOf(definition, 'mailbox:x')).toBeUndefined();
  expect(stepDefinitionOf(definition, 'groups')).toBeUndefined();
});

describe('an operation with a family of steps', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
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

  it('shows each member with the label it was given, and runs each with its own key', async () => {
    ran.length = 0;
    const reply = await startOperation(h.deps, definition, {
      customerId: 'contoso',
      upn: 'jo@contoso.com',
      requestedBy: 'teams:helpdesk-1',
      steps: [
        { key: 'account', state: 'done' },
        { key: 'group:Sales', label: 'Join Sales' },
        { key: 'group:All Staff', label: 'Join All Staff' },
      ],
      input: {},
      card: { title: 'Added jo@contoso.com', facts: [] },
    });
    expect(ran).toEqual(['group:Sales', 'group:All Staff']);
    expect(reply.progress?.steps.map((step) => `${step.icon} ${step.label}: ${step.detail ?? ''}`)).toEqual([
      '✅ Create the account: ',
      '✅ Join Sales: Member of Sales.',
      '✅ Join All Staff: Member of All Staff.',
    ]);
    const again = await runOperationSteps(h.deps, definition, reply.progress!.operationId, ['pending']);
    expect(again.steps.map((step) => step.state)).toEqual(['done', 'done', 'done']);
    expect(ran).toHaveLength(2);
  });
});
