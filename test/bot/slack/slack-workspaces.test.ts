/**
 * Which Slack workspace a request comes from: with SLACK_TEAM_ID, m365ops serves that one alone and refuses the
 * others before the handlers see anything; without it, every identity carries the workspace its user belongs to.
 * Signed commands, clicks and submissions to /slack/events, handled by scripted handlers.
 */
import { renderFormModal } from '../../../cards';
import { addUserFormClean } from '../../support/sample-replies';
import type { RecordedSlackCall } from '../../support/slack-api-stand-in';
import { slackIdentityOf, testSlackTeamId } from '../../support/slack-identities';
import { type ScriptedApp, scriptedApp } from './scripted-app';
import { type SlackHarness, startSlackHarness } from './slack-harness';
import { blockActionsPayload, viewSubmissionPayload } from './slack-payloads';

const otherTeamId = 'T0OTHER99';
const refusal = 'only from its own Slack workspace';
const button = { action_id: 'run', value: JSON.stringify({ text: 'status' }) };
const text = (call: RecordedSlackCall) => JSON.stringify(call.args);

let harness: SlackHarness;
let scripted: ScriptedApp;

async function start(slackTeamId?: string): Promise<void> {
  harness = await startSlackHarness(async (slack) => {
    scripted = scriptedApp(slack, async () => ({ kind: 'text', text: 'ok' }), { slackTeamId });
    return scripted.app;
  });
}

afterEach(() => harness.close());

function webApiCalls(): RecordedSlackCall[] {
  return harness.slack.calls.filter((call) => call.method !== 'auth.test' && call.method !== 'response_url');
}

describe('with SLACK_TEAM_ID', () => {
  beforeEach(() => start(testSlackTeamId));

  it('answers a command from another workspace with a polite refusal to the requester alone, running nothing', async () => {
    const response = await harness.command('status', { teamId: otherTeamId, responseId: 'other' });
    expect(response.status).toBe(200);
    const answer = await harness.slack.waitFor('response_url', (call) => call.responseId === 'other');
    expect(answer.args.response_type).toBe('ephemeral');
    expect(text(answer)).toContain(refusal);
    expect(scripted.requests).toHaveLength(0);
    expect(webApiCalls()).toEqual([]);
  });

  it('refuses a click from another workspace through its response_url, running nothing', async () => {
    const responseUrl = harness.slack.responseUrl('click');
    await harness.interact(blockActionsPayload({ button, userId: 'UHELP0001', responseUrl, teamId: otherTeamId }));
    const answer = await harness.slack.waitFor('response_url', (call) => call.responseId === 'click');
    expect(text(answer)).toContain(refusal);
    expect(scripted.requests).toHaveLength(0);
  });

  it('refuses a click in a shared channel by a user whose own workspace is another', async () => {
    const payload = blockActionsPayload({
      button,
      userId: 'UGUEST001',
      responseUrl: harness.slack.responseUrl('guest'),
    });
    await harness.interact({ ...payload, user: { ...payload.user, team_id: otherTeamId } });
    const answer = await harness.slack.waitFor('response_url', (call) => call.responseId === 'guest');
    expect(text(answer)).toContain(refusal);
    expect(scripted.requests).toHaveLength(0);
  });

  it('answers a form submitted from another workspace with a refusal over the form, running nothing', async () => {
    const view = renderFormModal(addUserFormClean, '');
    const response = await harness.interact(
      viewSubmissionPayload({ view, viewId: 'V0001', userId: 'UHELP0001', values: {}, teamId: otherTeamId }),
    );
    const ack = response.json() as { response_action: string; view: unknown };
    expect(ack.response_action).toBe('push');
    expect(JSON.stringify(ack.view)).toContain(refusal);
    expect(scripted.requests).toHaveLength(0);
  });

  it('runs a command from its own workspace as slack:<team_id>:<user_id>', async () => {
    await harness.command('status', { userId: 'UHELP0001', responseId: 'own' });
    await harness.slack.waitFor('response_url', (call) => call.responseId === 'own');
    expect(scripted.requests.map((request) => request.context.identity)).toEqual([slackIdentityOf('UHELP0001')]);
  });
});

describe('without SLACK_TEAM_ID', () => {
  beforeEach(() => start());

  it('runs a command from any workspace as a user of that workspace', async () => {
    await harness.command('status', { userId: 'UHELP0001', teamId: otherTeamId, responseId: 'other' });
    await harness.slack.waitFor('response_url', (call) => call.responseId === 'other');
    expect(scripted.requests[0].context.identity).toBe(slackIdentityOf('UHELP0001', otherTeamId));
  });

  it('names a shared channel’s guest by the workspace the guest belongs to', async () => {
    const payload = blockActionsPayload({
      button,
      userId: 'UGUEST001',
      responseUrl: harness.slack.responseUrl('guest'),
    });
    await harness.interact({ ...payload, user: { ...payload.user, team_id: otherTeamId } });
    await harness.slack.waitFor('response_url', (call) => call.responseId === 'guest');
    expect(scripted.requests[0].context.identity).toBe(slackIdentityOf('UGUEST001', otherTeamId));
  });
});
