/**
 * The Teams transport over real HTTP with scripted handlers: what reaches the handlers from each kind of Teams
 * activity, and what the bot sends back where.
 */

import type { Reply } from '../../../core/reply';
import type { ProgressListener, Request } from '../../../core/request';
import {
  addUserFormWithErrors,
  addUserResult,
  approvedDiscrepancy,
  openDiscrepancy,
  sampleSecretValue,
} from '../../support/sample-replies';
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import { type ScriptedApp, scriptedApp } from './scripted-app';
import {
  actionSubmit,
  cardAction,
  channelId,
  channelMessage,
  groupChatId,
  groupChatMessage,
  operator,
  people,
  personalConversationId,
  personalMessage,
} from './teams-activities';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

const helloReply: Reply = { kind: 'text', text: 'Hello from the handlers' };

let scripted: ScriptedApp;
let harness: TeamsHarness;
let answer: (request: Request, onProgress?: ProgressListener) => Promise<Reply>;

beforeEach(async () => {
  answer = async () => helloReply;
  scripted = scriptedApp((request, onProgress) => answer(request, onProgress));
  harness = await startTeamsHarness(scripted.app, { workingCardAfterMs: 300 });
});

afterEach(async () => {
  await harness.close();
});

function cardText(card: unknown): string {
  return JSON.stringify(card);
}

describe('Teams messages', () => {
  it('hands a personal message to the handlers as a personal request from teams:<aadObjectId>', async () => {
    const response = await harness.post(personalMessage(harness.connector.serviceUrl, 'users contoso'));
    expect(response.status).toBe(200);
    expect(scripted.requests).toHaveLength(1);
    const [request] = scripted.requests;
    expect(request!.command).toEqual({ name: 'users', customerId: 'contoso' });
    expect(request!.context).toMatchObject({
      identity: `teams:${operator.aadObjectId}`,
      origin: 'teams',
      isPersonal: true,
      channelKey: personalConversationId,
    });
    expect(request!.idempotencyKey).toContain(personalConversationId);
  });

  it('replies with a valid Adaptive Card in the same conversation', async () => {
    await harness.post(personalMessage(harness.connector.serviceUrl, 'status'));
    const [reply] = harness.connector.messages(personalConversationId);
    const card = reply!.body.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(card.content)).toContain('Hello from the handlers');
    expect(validateAdaptiveCard(card.content)).toEqual([]);
  });

  it('answers a quick command without a typing indicator (one connector round trip)', async () => {
    await harness.post(personalMessage(harness.connector.serviceUrl, 'status'));
    const types = harness.connector.recorded.map((a) => a.body?.type);
    expect(types).toEqual(['message']);
  });

  it('shows a typing indicator before an answer that is not ready at once', async () => {
    answer = () => new Promise((resolve) => setTimeout(() => resolve(helloReply), 150));
    await harness.close();
    harness = await startTeamsHarness(scripted.app, { workingCardAfterMs: 1_000, typingAfterMs: 20 });
    await harness.post(personalMessage(harness.connector.serviceUrl, 'status'));
    const types = harness.connector.recorded.map((a) => a.body?.type);
    expect(types).toEqual(['typing', 'message']);
  });

  it('strips the @mention in a channel and keeps the channel as context without the thread id', async () => {
    await harness.post(channelMessage(harness.connector.serviceUrl, 'sync contoso'));
    const [request] = scripted.requests;
    expect(request!.command).toEqual({ name: 'sync', customerId: 'contoso' });
    expect(request!.context).toMatchObject({
      isPersonal: false,
      channelKey: channelId,
      channelName: 'MSP Operations > Helpdesk',
    });
    const reference = request!.context.channelReference as { conversation: { id: string }; serviceUrl: string };
    expect(reference.conversation.id).toBe(channelId);
    expect(reference.serviceUrl).toBe(harness.connector.serviceUrl);
  });

  it('replies in the channel thread it was asked in', async () => {
    const activity = channelMessage(harness.connector.serviceUrl, 'status');
    await harness.post(activity);
    const [reply] = harness.connector.messages();
    expect(reply!.conversationId).toBe(activity.conversation.id);
    expect(reply!.activityId).toBe(activity.id);
  });

  it('treats a group chat as not personal', async () => {
    await harness.post(groupChatMessage(harness.connector.serviceUrl, 'status'));
    expect(scripted.requests[0]!.context).toMatchObject({ isPersonal: false, channelName: 'group chat' });
  });

  it('refuses a message without an Entra object id before any handler runs', async () => {
    const { aadObjectId: _none, ...anonymous } = operator;
    await harness.post(personalMessage(harness.connector.serviceUrl, 'status', anonymous));
    expect(scripted.requests).toHaveLength(0);
    const [reply] = harness.connector.messages();
    expect(cardText(reply!.body)).toContain('did not say which Microsoft Entra account');
  });

  it('answers a parse error with the parser message and does not call the handlers', async () => {
    await harness.post(personalMessage(harness.connector.serviceUrl, 'ad user'));
    expect(scripted.requests).toHaveLength(0);
    const [reply] = harness.connector.messages();
    expect(cardText(reply!.body)).toMatch(/add user/);
  });

  it('answers a failing handler with a plain sentence and no stack trace', async () => {
    answer = async () => {
      throw new Error('database exploded at line 42');
    };
    await harness.post(personalMessage(harness.connector.serviceUrl, 'status'));
    const text = cardText(harness.connector.messages()[0]!.body);
    expect(text).toContain('Something went wrong on our side');
    expect(text).not.toContain('line 42');
  });

  it('acts once when Teams redelivers the same activity', async () => {
    const activity = personalMessage(harness.connector.serviceUrl, 'sync contoso');
    await harness.post(activity);
    await harness.post(activity);
    expect(scripted.requests).toHaveLength(1);
    expect(harness.connector.messages()).toHaveLength(1);
  });

  it('runs a second command that reuses an activity id in another conversation', async () => {
    const first = personalMessage(harness.connector.serviceUrl, 'sync contoso');
    const second = { ...groupChatMessage(harness.connector.serviceUrl, 'status'), id: first.id };
    await harness.post(first);
    await harness.post(second);
    expect(scripted.requests.map((request) => request.command.name)).toEqual(['sync', 'status']);
    expect(harness.connector.messages(groupChatId)).toHaveLength(1);
  });

  it('runs a command that reuses another sender’s activity id in the same conversation', async () => {
    const first = groupChatMessage(harness.connector.serviceUrl, 'sync contoso');
    const second = { ...groupChatMessage(harness.connector.serviceUrl, 'status', people.stranger), id: first.id };
    await harness.post(first);
    await harness.post(second);
    expect(scripted.requests.map((request) => request.context.identity)).toEqual([
      `teams:${operator.aadObjectId}`,
      `teams:${people.stranger.aadObjectId}`,
    ]);
    expect(scripted.requests[0]!.idempotencyKey).not.toBe(scripted.requests[1]!.idempotencyKey);
  });
});

describe('Universal Actions', () => {
  it('answers an adaptiveCard/action invoke with HTTP 200 and the card that replaces the clicked one', async () => {
    answer = async () => addUserFormWithErrors;
    const base = personalMessage(harness.connector.serviceUrl, '');
    const response = await harness.post(
      cardAction(base, 'submit-form', { form: 'add-user', userName: 'jane', planId: 'business-premium' }),
    );
    expect(response.status).toBe(200);
    expect(response.body.statusCode).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(validateAdaptiveCard(response.body.value)).toEqual([]);
    expect(scripted.requests[0]!.command).toMatchObject({
      name: 'submit-form',
      form: 'add-user',
      values: { userName: 'jane', planId: 'business-premium' },
    });
  });

  it('answers a redelivered card action with the first outcome without acting again', async () => {
    const invoke = cardAction(personalMessage(harness.connector.serviceUrl, ''), 'run', {
      command: { name: 'sync', customerId: 'contoso' },
    });
    const first = await harness.post(invoke);
    const again = await harness.post(invoke);
    expect(scripted.requests).toHaveLength(1);
    expect(again.body).toEqual(first.body);
  });

  it('never hands one clicker’s answer to another who reuses the activity id', async () => {
    answer = async (request) => ({ kind: 'text', text: `answer for ${request.context.identity}` });
    const base = groupChatMessage(harness.connector.serviceUrl, '');
    const adminClick = cardAction(base, 'run', { command: { name: 'sync', customerId: 'contoso' } });
    const strangerClick = { ...adminClick, from: people.stranger };
    await harness.post(adminClick);
    const stolen = await harness.post(strangerClick);
    expect(scripted.requests).toHaveLength(2);
    expect(JSON.stringify(stolen.body)).toContain(`answer for teams:${people.stranger.aadObjectId}`);
    expect(JSON.stringify(stolen.body)).not.toContain(operator.aadObjectId);
  });

  it('refuses a card action that is not Action.Execute with a 400 error body', async () => {
    const base = personalMessage(harness.connector.serviceUrl, '');
    const activity = cardAction(base, 'decide', {});
    activity.value.action.type = 'Action.Submit';
    const response = await harness.post(activity);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
  });

  it('answers a forged button with an error card and no handler call', async () => {
    const base = personalMessage(harness.connector.serviceUrl, '');
    const response = await harness.post(cardAction(base, 'run', { command: { name: 'access', role: 'admin' } }));
    expect(response.status).toBe(200);
    expect(cardText(response.body.value)).toContain('That button could not be used');
    expect(scripted.requests).toHaveLength(0);
  });

  it('answers a late decide click with the discrepancy card as decided, who decided on top and no buttons', async () => {
    const late = 'Megan Bowen already approved this at 2026-11-24 08:35 UTC.';
    answer = async () => ({ kind: 'text', text: late, current: { discrepancy: approvedDiscrepancy } });
    const base = channelMessage(harness.connector.serviceUrl, '');
    const response = await harness.post(cardAction(base, 'decide', { discrepancyId: 'd-1', action: 'revoke' }));
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const card = response.body.value;
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardText(card)).toContain(late);
    expect(cardText(card)).toContain(approvedDiscrepancy.summary);
    expect(cardText(card)).toContain('Approved by Megan Bowen at 2026-11-24 08:35 UTC');
    expect(cardText(card)).not.toContain('Action.Execute');
  });

  it('answers a refused decide click with the discrepancy card and why it was refused', async () => {
    const refusal = 'You caused this difference for adele@contoso.com, so another approver must decide it.';
    answer = async () => ({
      kind: 'error',
      code: 'own-change',
      message: refusal,
      current: { discrepancy: openDiscrepancy },
    });
    const base = channelMessage(harness.connector.serviceUrl, '');
    const response = await harness.post(cardAction(base, 'decide', { discrepancyId: 'd-1', action: 'approve' }));
    const card = response.body.value;
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardText(card)).toContain(refusal);
    expect(cardText(card)).toContain(openDiscrepancy.summary);
    expect(cardText(card)).toContain(openDiscrepancy.approveMeans);
  });

  it('handles the Action.Submit fallback and replaces the submitted card in place', async () => {
    const base = channelMessage(harness.connector.serviceUrl, '');
    const submit = actionSubmit(base, { verb: 'decide', discrepancyId: 'd-1', action: 'approve' }, 'card-42');
    await harness.post(submit);
    expect(scripted.requests[0]!.command).toEqual({ name: 'decide', discrepancyId: 'd-1', action: 'approve' });
    const update = harness.connector.recorded.find((a) => a.operation === 'update');
    expect(update).toMatchObject({ conversationId: submit.conversation.id, activityId: 'card-42' });
    expect(cardText(update!.body)).toContain('Hello from the handlers');
  });
});

describe('temporary passwords', () => {
  beforeEach(() => {
    answer = async () => addUserResult;
  });

  it('shows the password in a personal chat only as a separate card', async () => {
    await harness.post(
      personalMessage(harness.connector.serviceUrl, 'add user jane@contoso.com plan business-premium'),
    );
    const messages = harness.connector.messages(personalConversationId);
    expect(messages).toHaveLength(2);
    expect(cardText(messages[0]!.body)).not.toContain(sampleSecretValue);
    expect(cardText(messages[1]!.body)).toContain(sampleSecretValue);
    expect(validateAdaptiveCard(messages[1]!.body.attachments[0].content)).toEqual([]);
  });

  it('never posts the password in a channel: it goes to a new 1:1 chat with the requester', async () => {
    const activity = channelMessage(harness.connector.serviceUrl, 'add user jane@contoso.com plan business-premium');
    await harness.post(activity);
    const created = harness.connector.recorded.find((a) => a.operation === 'create-conversation');
    expect(created!.body).toMatchObject({
      isGroup: false,
      members: [{ id: operator.id }],
      tenantId: activity.conversation.tenantId,
    });
    const channelMessages = harness.connector.messages().filter((m) => m.conversationId.startsWith('19:'));
    expect(channelMessages.length).toBeGreaterThan(0);
    for (const message of channelMessages) expect(cardText(message.body)).not.toContain(sampleSecretValue);
    const privateMessages = harness.connector.messages(created!.conversationId);
    expect(privateMessages).toHaveLength(1);
    expect(cardText(privateMessages[0]!.body)).toContain(sampleSecretValue);
    expect(cardText(channelMessages.at(-1)!.body)).toContain('I sent the temporary password to you in a private chat');
  });

  it('says in the channel that the password could not be sent when the private chat is refused', async () => {
    harness.connector.refuseNewConversations(403);
    await harness.post(channelMessage(harness.connector.serviceUrl, 'add user jane@contoso.com plan business-premium'));
    const all = JSON.stringify(harness.connector.recorded.map((a) => a.body));
    expect(all).not.toContain(sampleSecretValue);
    expect(cardText(harness.connector.messages().at(-1)!.body)).toContain('could not open a private chat');
  });

  it('keeps the password out of the invoke response when a card is submitted in a channel', async () => {
    const base = channelMessage(harness.connector.serviceUrl, '');
    const response = await harness.post(cardAction(base, 'submit-form', { form: 'add-user', userName: 'jane' }));
    expect(JSON.stringify(response.body)).not.toContain(sampleSecretValue);
    const created = harness.connector.recorded.find((a) => a.operation === 'create-conversation');
    expect(cardText(harness.connector.messages(created!.conversationId)[0]!.body)).toContain(sampleSecretValue);
  });
});

describe('long work', () => {
  it('posts a working card and replaces it with the result when the handler is slow', async () => {
    let finish: (reply: Reply) => void = () => undefined;
    answer = () => new Promise((resolve) => (finish = resolve));
    const response = await harness.post(personalMessage(harness.connector.serviceUrl, 'sync contoso'));
    expect(response.status).toBe(200);
    const [working] = harness.connector.messages();
    expect(cardText(working!.body)).toContain('Working');
    finish(helloReply);
    const update = await harness.connector.waitFor((a) => a.operation === 'update');
    expect(update.activityId).toBe(working!.newActivityId);
    expect(cardText(update.body)).toContain('Hello from the handlers');
  });

  it('shows the handler’s progress on the working card before the result', async () => {
    let finish: (reply: Reply) => void = () => undefined;
    let report: ProgressListener = () => undefined;
    answer = (_request, onProgress) =>
      new Promise((resolve) => {
        finish = resolve;
        report = onProgress ?? report;
      });
    await harness.post(personalMessage(harness.connector.serviceUrl, 'sync contoso'));
    const [working] = harness.connector.messages();
    report('Read 120 of 300 users');
    const progress = await harness.connector.waitFor((a) => a.operation === 'update');
    expect(progress.activityId).toBe(working!.newActivityId);
    expect(cardText(progress.body)).toContain('Read 120 of 300 users');
    finish(helloReply);
    const result = await harness.connector.waitFor(
      (a) => a.operation === 'update' && cardText(a.body).includes('Hello from the handlers'),
    );
    expect(result.activityId).toBe(working!.newActivityId);
  });

  it('answers a slow card action with a working card and updates the clicked card later', async () => {
    let finish: (reply: Reply) => void = () => undefined;
    answer = () => new Promise((resolve) => (finish = resolve));
    const base = personalMessage(harness.connector.serviceUrl, '');
    const response = await harness.post(
      cardAction(base, 'run', { command: { name: 'sync', customerId: 'contoso' } }, 'card-7'),
    );
    expect(cardText(response.body.value)).toContain('Working');
    finish(helloReply);
    const update = await harness.connector.waitFor((a) => a.operation === 'update');
    expect(update.activityId).toBe('card-7');
  });
});
