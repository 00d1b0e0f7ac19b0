import { renderReplyBlocks } from '../../../cards';
import type { Reply } from '../../../core/reply';
import type { Command, Request } from '../../../core/request';
import { addUserFormClean, approvedDiscrepancy, openDiscrepancy } from '../../support/sample-replies';
import type { RecordedSlackCall } from '../../support/slack-api-stand-in';
import { slackIdentityOf } from '../../support/slack-identities';
import { type ScriptedApp, scriptedApp } from './scripted-app';
import { type SlackHarness, startSlackHarness } from './slack-harness';
import { blockActionsPayload, findButton } from './slack-payloads';

const text = (call: RecordedSlackCall) => JSON.stringify(call.args);

describe('Slack buttons', () => {
  let harness: SlackHarness;
  let scripted: ScriptedApp;
  let answer: (request: Request) => Promise<Reply>;

  beforeEach(async () => {
    answer = async () => ({ kind: 'text', text: 'ok' });
    harness = await startSlackHarness(async (slack) => {
      scripted = scriptedApp(slack, (request) => answer(request));
      return scripted.app;
    });
  });
  afterEach(() => harness.close());

  describe('discrepancy decisions', () => {
    const discrepancyBlocks = renderReplyBlocks({ kind: 'discrepancy', discrepancy: openDiscrepancy }).blocks;

    it('acks the click and hands the decision to the handlers as the clicker', async () => {
      answer = async () => ({ kind: 'discrepancy', discrepancy: { ...openDiscrepancy, status: 'approved' } });
      const response = await harness.interact(
        blockActionsPayload({
          button: findButton(discrepancyBlocks, 'Accept removal'),
          userId: 'UAPPROVER1',
          responseUrl: harness.slack.responseUrl('click'),
        }),
      );
      expect(response.status).toBe(200);
      await waitUntil(() => scripted.requests.length === 1);
      expect(scripted.requests[0].command).toEqual({ name: 'decide', discrepancyId: 'd-1', action: 'approve' });
      expect(scripted.requests[0].context.identity).toBe(slackIdentityOf('UAPPROVER1'));
      expect(scripted.requests[0].idempotencyKey).toMatch(/^slack:\d/);
    });

    it('leaves the channel message to the notifier and tells the clicker nothing when the decision applies', async () => {
      answer = async () => ({ kind: 'discrepancy', discrepancy: { ...openDiscrepancy, status: 'approved' } });
      await harness.interact(
        blockActionsPayload({
          button: findButton(discrepancyBlocks, 'Give admin back…'),
          userId: 'UAPPROVER1',
          responseUrl: harness.slack.responseUrl('click'),
        }),
      );
      await waitUntil(() => scripted.requests.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(harness.slack.calls.map((call) => call.method).filter((method) => method !== 'auth.test')).toEqual([]);
    });

    it('tells only the clicker when the discrepancy was already decided', async () => {
      answer = async () => ({
        kind: 'error',
        code: 'already-decided',
        message: 'Megan Bowen already approved this at 08:35; nothing more was done.',
      });
      await harness.interact(
        blockActionsPayload({
          button: findButton(discrepancyBlocks, 'Accept removal'),
          userId: 'UAPPROVER2',
          responseUrl: harness.slack.responseUrl('late'),
        }),
      );
      const note = await harness.slack.waitFor('chat.postEphemeral');
      expect(note.args).toMatchObject({ channel: 'C0HELPDESK', user: 'UAPPROVER2' });
      expect(text(note)).toContain('already approved');
      expect(harness.slack.callsTo('chat.update')).toHaveLength(0);
    });

    it('names the discrepancy and who decided it in the late clicker’s note, leaving the channel message alone', async () => {
      answer = async () => ({
        kind: 'text',
        text: 'Megan Bowen already approved this at 2026-11-24 08:35 UTC.',
        current: { discrepancy: approvedDiscrepancy },
      });
      await harness.interact(
        blockActionsPayload({
          button: findButton(discrepancyBlocks, 'Give admin back…'),
          userId: 'UAPPROVER2',
          responseUrl: harness.slack.responseUrl('late'),
        }),
      );
      const note = await harness.slack.waitFor('chat.postEphemeral');
      expect(note.args.user).toBe('UAPPROVER2');
      expect(text(note)).toContain('Admin access removed in the tenant: adele@contoso.com · Approved by Megan Bowen');
      expect(text(note)).not.toContain('"button"');
      expect(harness.slack.callsTo('chat.update')).toHaveLength(0);
    });

    it('asks only the clicker when the decision asks first, and leaves the channel message alone', async () => {
      answer = async (request) => ({
        kind: 'confirm',
        title: 'Give adele@contoso.com the Global Administrator role again?',
        summary: ['The role was removed in Contoso Ltd’s tenant.'],
        confirmCommand: { ...(request.command as Extract<Command, { name: 'decide' }>), confirmed: true },
        confirmLabel: 'Give admin back',
        current: { discrepancy: openDiscrepancy },
      });
      await harness.interact(
        blockActionsPayload({
          button: findButton(discrepancyBlocks, 'Give admin back…'),
          userId: 'UAPPROVER1',
          responseUrl: harness.slack.responseUrl('asked'),
        }),
      );
      const question = await harness.slack.waitFor('chat.postEphemeral');
      expect(question.args.user).toBe('UAPPROVER1');
      expect(text(question)).toContain('Global Administrator role again?');
      expect(harness.slack.callsTo('chat.update')).toHaveLength(0);

      answer = async () => ({ kind: 'discrepancy', discrepancy: { ...openDiscrepancy, status: 'revoked' } });
      await harness.interact(
        blockActionsPayload({
          button: findButton(question.args.blocks, 'Give admin back'),
          userId: 'UAPPROVER1',
          responseUrl: harness.slack.responseUrl('confirmed'),
          ephemeral: true,
        }),
      );
      await waitUntil(() => scripted.requests.length === 2);
      expect(scripted.requests[1]!.command).toEqual({
        name: 'decide',
        discrepancyId: 'd-1',
        action: 'revoke',
        confirmed: true,
      });
      const removed = await harness.slack.waitFor('response_url', (call) => call.responseId === 'confirmed');
      expect(removed.args).toMatchObject({ delete_original: true });
    });

    it('tells only the clicker when their role may not decide', async () => {
      answer = async () => ({
        kind: 'error',
        code: 'forbidden',
        message: 'Deciding discrepancies needs the approver role.',
        neededRole: 'approver',
      });
      await harness.interact(
        blockActionsPayload({
          button: findButton(discrepancyBlocks, 'Accept removal'),
          userId: 'UHELP0001',
          responseUrl: harness.slack.responseUrl('refused'),
        }),
      );
      const note = await harness.slack.waitFor('chat.postEphemeral');
      expect(note.args.user).toBe('UHELP0001');
      expect(text(note)).toContain('needs the approver role');
    });

    it('refuses a button whose value was tampered with, without calling the handlers', async () => {
      await harness.interact(
        blockActionsPayload({
          button: { action_id: 'decide', value: JSON.stringify({ discrepancyId: 'd-1', action: 'delete-tenant' }) },
          userId: 'UAPPROVER1',
          responseUrl: harness.slack.responseUrl('forged'),
        }),
      );
      const note = await harness.slack.waitFor('chat.postEphemeral');
      expect(text(note)).toContain('could not be used');
      expect(scripted.requests).toHaveLength(0);
    });
  });

  describe('confirmations of destructive commands', () => {
    const confirm: Reply = {
      kind: 'confirm',
      title: 'Remove jane@contoso.com?',
      summary: ['Removes her licences and blocks sign-in.'],
      confirmCommand: { name: 'remove-user', upn: 'jane@contoso.com', delete: false, confirmed: true },
      confirmLabel: 'Remove user',
    };

    it('asks only the requester to confirm', async () => {
      answer = async () => confirm;
      await harness.command('remove user jane@contoso.com', { responseId: 'ask' });
      const asked = await harness.slack.waitFor('response_url', (call) => call.responseId === 'ask');
      expect(asked.args.response_type).toBe('ephemeral');
      expect(() => findButton(asked.args.blocks, 'Remove user')).not.toThrow();
    });

    it('runs the confirmed command, removes the question and posts the result to the channel', async () => {
      answer = async () => confirm;
      await harness.command('remove user jane@contoso.com', { responseId: 'ask' });
      const asked = await harness.slack.waitFor('response_url', (call) => call.responseId === 'ask');

      answer = async () => ({ kind: 'result', title: 'Removed jane@contoso.com', facts: [] });
      await harness.interact(
        blockActionsPayload({
          button: findButton(asked.args.blocks, 'Remove user'),
          userId: 'UHELP0001',
          responseUrl: harness.slack.responseUrl('confirmed'),
          ephemeral: true,
        }),
      );
      const result = await harness.slack.waitFor(
        'response_url',
        (call) => call.responseId === 'confirmed' && text(call).includes('Removed'),
      );
      expect(result.args.response_type).toBe('in_channel');
      const removal = harness.slack.calls.find(
        (call) => call.responseId === 'confirmed' && call.args.delete_original === true,
      );
      expect(removal).toBeDefined();
      expect(scripted.requests[1].command).toEqual({
        name: 'remove-user',
        upn: 'jane@contoso.com',
        delete: false,
        confirmed: true,
      });
    });

    it('replaces the question with a note when cancelled, without calling the handlers', async () => {
      answer = async () => confirm;
      await harness.command('remove user jane@contoso.com', { responseId: 'ask' });
      const asked = await harness.slack.waitFor('response_url', (call) => call.responseId === 'ask');
      await harness.interact(
        blockActionsPayload({
          button: findButton(asked.args.blocks, 'Cancel'),
          userId: 'UHELP0001',
          responseUrl: harness.slack.responseUrl('cancel'),
          ephemeral: true,
        }),
      );
      const note = await harness.slack.waitFor('response_url', (call) => call.responseId === 'cancel');
      expect(note.args.replace_original).toBe(true);
      expect(text(note)).toContain('Cancelled');
      expect(scripted.requests).toHaveLength(1);
    });
  });

  it('opens the form modal from a form button with the click’s trigger id', async () => {
    const message = renderReplyBlocks(addUserFormClean);
    answer = async () => addUserFormClean;
    const payload = blockActionsPayload({
      button: findButton(message.blocks, /^Open the .* form$/),
      userId: 'UHELP0001',
      responseUrl: harness.slack.responseUrl('form'),
    });
    await harness.interact(payload);
    const opened = await harness.slack.waitFor('views.open');
    expect(opened.args.trigger_id).toBe(payload.trigger_id);
    await harness.slack.waitFor('views.update');
    expect(scripted.requests[0].command).toEqual({ name: 'add-user-form', customerId: 'contoso' });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('The condition did not become true in time.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
