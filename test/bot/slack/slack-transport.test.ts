import type { SlackView } from '../../../cards';
import type { Reply } from '../../../core/reply';
import type { Request } from '../../../core/request';
import {
  addUserFormClean,
  addUserFormWithErrors,
  addUserResult,
  sampleSecretValue,
} from '../../support/sample-replies';
import type { RecordedSlackCall } from '../../support/slack-api-stand-in';
import { slackIdentityOf } from '../../support/slack-identities';
import { type ScriptedApp, scriptedApp } from './scripted-app';
import { type SlackHarness, startSlackHarness } from './slack-harness';
import { viewSubmissionPayload } from './slack-payloads';

const text = (call: RecordedSlackCall) => JSON.stringify(call.args);

describe('Slack transport', () => {
  let harness: SlackHarness;
  let scripted: ScriptedApp;
  let answer: (request: Request) => Promise<Reply>;

  beforeEach(async () => {
    answer = async () => ({ kind: 'text', text: 'ok' });
    harness = await startSlackHarness(
      async (slack) => {
        scripted = scriptedApp(slack, (request) => answer(request));
        return scripted.app;
      },
      { timings: { workingAfterMs: 300, modalAnswerWithinMs: 300 } },
    );
  });
  afterEach(() => harness.close());

  /** No password in any message that others can see: channel posts, updates, in-channel responses. */
  function expectNoSecretInPublicMessages() {
    const publicCalls = harness.slack.calls.filter(
      (call) =>
        call.method === 'chat.postMessage' ||
        call.method === 'chat.update' ||
        (call.method === 'response_url' && call.args.response_type !== 'ephemeral'),
    );
    for (const call of publicCalls) expect(call.raw).not.toContain(sampleSecretValue);
  }

  describe('/m365 commands', () => {
    it('acks at once with an empty 200 and answers through the response_url', async () => {
      answer = async () => ({ kind: 'text', text: 'Contoso has 3 users.' });
      const response = await harness.command('users contoso', { responseId: 'users' });
      expect(response.status).toBe(200);
      expect(response.text).toBe('');
      const posted = await harness.slack.waitFor('response_url', (call) => call.responseId === 'users');
      expect(posted.args.response_type).toBe('in_channel');
      expect(text(posted)).toContain('Contoso has 3 users.');
    });

    it('hands the handlers the parsed command with the Slack identity, channel and idempotency key', async () => {
      await harness.command('users contoso', { userId: 'UHELP0042', channelId: 'C0HELPDESK', triggerId: 'trig.1' });
      await harness.slack.waitFor('response_url');
      expect(scripted.requests[0]).toEqual({
        context: {
          identity: slackIdentityOf('UHELP0042'),
          displayName: 'uhelp0042',
          origin: 'slack',
          channelKey: 'C0HELPDESK',
          channelName: 'helpdesk',
          isPersonal: false,
          channelReference: { channelId: 'C0HELPDESK', teamId: 'T0001' },
          privateConversation: { channelKey: 'UHELP0042', reference: { channelId: 'UHELP0042' } },
        },
        command: { name: 'users', customerId: 'contoso' },
        idempotencyKey: 'slack:trig.1',
      });
    });

    it('marks a command typed in a direct message as personal', async () => {
      await harness.command('status', { channelId: 'D0DIRECT1' });
      await harness.slack.waitFor('response_url');
      expect(scripted.requests[0].context.isPersonal).toBe(true);
    });

    it('tells only the requester what was wrong with a mistyped command, without calling the handlers', async () => {
      await harness.command('ad user jane@contoso.com', { responseId: 'typo' });
      const posted = await harness.slack.waitFor('response_url', (call) => call.responseId === 'typo');
      expect(posted.args.response_type).toBe('ephemeral');
      expect(text(posted)).toMatch(/add user/);
      expect(scripted.requests).toHaveLength(0);
    });

    it('tells only the requester when their role does not allow the command', async () => {
      answer = async () => ({
        kind: 'error',
        code: 'forbidden',
        message: `Only approvers may grant admin access; ask an admin to add you with \`access approver add ${slackIdentityOf('UHELP0001')}\`.`,
        neededRole: 'approver',
      });
      await harness.command('grant admin jane@contoso.com', { responseId: 'refused' });
      const posted = await harness.slack.waitFor('response_url', (call) => call.responseId === 'refused');
      expect(posted.args.response_type).toBe('ephemeral');
      expect(text(posted)).toContain('Only approvers may grant admin access');
      expect(text(posted)).toContain('approver');
    });

    it('posts a new user to the channel and its temporary password only to the requester', async () => {
      answer = async () => addUserResult;
      await harness.command('add user jane@contoso.com plan business-premium', {
        userId: 'UHELP0007',
        responseId: 'add',
      });
      const ephemeral = await harness.slack.waitFor('chat.postEphemeral');
      expect(ephemeral.args).toMatchObject({ channel: 'C0HELPDESK', user: 'UHELP0007' });
      expect(ephemeral.raw).toContain(encodeURIComponent(sampleSecretValue).replace(/%20/g, '+'));
      const posted = await harness.slack.waitFor('response_url', (call) => call.responseId === 'add');
      expect(posted.args.response_type).toBe('in_channel');
      expect(text(posted)).toContain('Added jane@contoso.com');
      expectNoSecretInPublicMessages();
    });

    it('sends the password through the response_url as ephemeral when the bot may not post in the channel', async () => {
      answer = async () => addUserResult;
      harness.slack.failNext('chat.postEphemeral', { error: 'channel_not_found' });
      await harness.command('add user jane@contoso.com plan business-premium', {
        channelId: 'D0OTHER01',
        responseId: 'dm',
      });
      const secret = await harness.slack.waitFor(
        'response_url',
        (call) => call.responseId === 'dm' && call.raw.includes(sampleSecretValue),
      );
      expect(secret.args.response_type).toBe('ephemeral');
      expectNoSecretInPublicMessages();
    });

    it('shows "working…" for long work and replaces it in place with the answer', async () => {
      answer = () =>
        new Promise((resolve) => setTimeout(() => resolve({ kind: 'text', text: 'Sync found 2 differences.' }), 900));
      await harness.command('sync contoso', { responseId: 'slow' });
      const final = await harness.slack.waitFor(
        'response_url',
        (call) => call.responseId === 'slow' && text(call).includes('Sync found'),
      );
      const posts = harness.slack.calls.filter((call) => call.responseId === 'slow');
      expect(posts).toHaveLength(2);
      expect(text(posts[0])).toContain('Working');
      expect(final.args.replace_original).toBe(true);
    });

    it('answers quick work without a "working…" message', async () => {
      await harness.command('status', { responseId: 'quick' });
      await harness.slack.waitFor('response_url', (call) => call.responseId === 'quick');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(harness.slack.calls.filter((call) => call.responseId === 'quick')).toHaveLength(1);
    });

    it('tells the requester when the handlers fail unexpectedly, without the details', async () => {
      answer = async () => {
        throw new Error('socket hang up at 10.0.0.7');
      };
      await harness.command('status', { responseId: 'boom' });
      const posted = await harness.slack.waitFor('response_url', (call) => call.responseId === 'boom');
      expect(text(posted)).toContain('Something went wrong on our side');
      expect(text(posted)).not.toContain('10.0.0.7');
    });
  });

  describe('the add-user modal', () => {
    async function openAddUserModal(): Promise<{ view: SlackView; viewId: string }> {
      answer = async () => addUserFormClean;
      await harness.command('add user', { triggerId: 'trig.open', responseId: 'open' });
      const opened = await harness.slack.waitFor('views.open');
      expect(opened.args.trigger_id).toBe('trig.open');
      const updated = await harness.slack.waitFor('views.update');
      return { view: updated.args.view as SlackView, viewId: String(updated.args.view_id) };
    }

    it('opens with the trigger id and shows the form with the design’s block ids and the customer’s choices', async () => {
      const { view } = await openAddUserModal();
      expect(view.callback_id).toBe('form:add-user');
      const blockIds = view.blocks.filter((block) => block.type === 'input').map((block) => block.block_id);
      expect(blockIds).toEqual([
        'customerId',
        'givenName',
        'surname',
        'displayName',
        'userName',
        'domain',
        'planId',
        'usageLocation',
        'admin',
        'aliases',
      ]);
      expect(JSON.stringify(view)).toContain('contoso.onmicrosoft.com');
      expect(scripted.requests[0].command).toEqual({ name: 'add-user-form' });
    });

    it('answers invalid input with errors next to the fields, then a valid submission with the result', async () => {
      const { view, viewId } = await openAddUserModal();
      const input = {
        customerId: { kind: 'select' as const, value: 'contoso' },
        userName: { kind: 'text' as const, value: 'jane doe' },
        domain: { kind: 'select' as const, value: 'contoso.com' },
        planId: { kind: 'select' as const, value: 'business-premium' },
        admin: { kind: 'checkbox' as const, checked: true },
      };
      answer = async () => addUserFormWithErrors;
      const invalid = await harness.interact(
        viewSubmissionPayload({ view, viewId, userId: 'UHELP0001', values: input }),
      );
      expect(invalid.status).toBe(200);
      const errors = invalid.json() as { response_action: string; errors: Record<string, string> };
      expect(errors.response_action).toBe('errors');
      expect(errors.errors.userName).toContain('cannot contain spaces');
      expect(errors.errors.domain).toContain('not verified');
      expect(scripted.requests[1].command).toEqual({
        name: 'submit-form',
        form: 'add-user',
        values: expect.objectContaining({ userName: 'jane doe', domain: 'contoso.com', admin: true }),
      });

      answer = async () => addUserResult;
      const valid = await harness.interact(
        viewSubmissionPayload({
          view,
          viewId,
          userId: 'UHELP0001',
          values: { ...input, userName: { kind: 'text', value: 'jane' } },
        }),
      );
      const result = valid.json() as { response_action: string; view: { blocks: unknown[] } };
      expect(result.response_action).toBe('update');
      expect(JSON.stringify(result.view)).toContain(sampleSecretValue);
      const posted = await harness.slack.waitFor('chat.postMessage');
      expect(posted.args.channel).toBe('C0HELPDESK');
      expect(text(posted)).toContain('Added jane@contoso.com');
      expectNoSecretInPublicMessages();
    });

    it('carries the channel and identity of the command into the submission', async () => {
      const { view, viewId } = await openAddUserModal();
      answer = async () => addUserResult;
      await harness.interact(viewSubmissionPayload({ view, viewId, userId: 'UHELP0009', values: {} }));
      expect(scripted.requests[1].context).toMatchObject({
        identity: slackIdentityOf('UHELP0009'),
        channelKey: 'C0HELPDESK',
        origin: 'slack',
      });
    });

    it('answers "working…" to a slow submission and updates the modal with the result', async () => {
      const { view, viewId } = await openAddUserModal();
      answer = () => new Promise((resolve) => setTimeout(() => resolve(addUserResult), 700));
      const response = await harness.interact(viewSubmissionPayload({ view, viewId, userId: 'UHELP0001', values: {} }));
      const ack = response.json() as { response_action: string; view: unknown };
      expect(ack.response_action).toBe('update');
      expect(JSON.stringify(ack.view)).toContain('Working');
      const updated = await harness.slack.waitFor('views.update', (call) => text(call).includes('Added jane'));
      expect(updated.args.view_id).toBe(viewId);
      await harness.slack.waitFor('chat.postMessage');
      expectNoSecretInPublicMessages();
    });

    it('shows a refusal over the form, keeping the form to go back to', async () => {
      const { view, viewId } = await openAddUserModal();
      answer = async () => ({
        kind: 'error',
        code: 'plan-limit',
        message: 'Contoso may have 25 users on Business Premium and has 25.',
      });
      const response = await harness.interact(viewSubmissionPayload({ view, viewId, userId: 'UHELP0001', values: {} }));
      const ack = response.json() as { response_action: string; view: unknown };
      expect(ack.response_action).toBe('push');
      expect(JSON.stringify(ack.view)).toContain('may have 25 users');
      expect(harness.slack.callsTo('chat.postMessage')).toHaveLength(0);
    });
  });
});
