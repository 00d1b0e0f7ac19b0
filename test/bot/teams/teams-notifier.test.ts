/** The Teams notifier: proactive posts into a bound channel, edits in place, pacing and throttling. */
import { delayBeforeNextSend, teamsConversationLimits } from '../../../bot/teams/conversation-pacer';
import type { PlatformNotifier } from '../../../core/notifier';
import type { NotificationBinding } from '../../../store/types';
import { addUserResult, sampleSecretValue } from '../../support/sample-replies';
import { scriptedApp } from './scripted-app';
import { botAccount, channelId, teamsTenantId } from './teams-activities';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

let harness: TeamsHarness;
let notifier: PlatformNotifier;

beforeEach(async () => {
  const scripted = scriptedApp(async () => ({ kind: 'text', text: 'unused' }));
  harness = await startTeamsHarness(scripted.app);
  notifier = scripted.notifiers[0]!;
});

afterEach(async () => {
  await harness.close();
});

function binding(): NotificationBinding {
  return {
    customerId: 'contoso',
    platform: 'teams',
    channelKey: channelId,
    channelName: 'MSP Operations > Helpdesk',
    reference: {
      channelId: 'msteams',
      serviceUrl: harness.connector.serviceUrl,
      bot: botAccount,
      conversation: { id: channelId, isGroup: true, conversationType: 'channel', tenantId: teamsTenantId },
    },
    boundBy: 'teams:someone',
    boundAt: new Date(),
  };
}

it('registers itself as the Teams notifier', () => {
  expect(notifier.platform).toBe('teams');
});

it('posts a card into the bound channel and returns a reference to it', async () => {
  const ref = await notifier.post(binding(), { kind: 'text', text: 'Sync found 2 differences' });
  expect(ref.platform).toBe('teams');
  const [posted] = harness.connector.messages(channelId);
  expect(JSON.stringify(posted!.body)).toContain('Sync found 2 differences');
  expect(ref.ref.activityId).toBe(posted!.newActivityId);
});

it('updates the posted card in place', async () => {
  const ref = await notifier.post(binding(), { kind: 'text', text: 'Open' });
  await notifier.update(ref, { kind: 'text', text: 'Approved by Ana' });
  const update = harness.connector.recorded.find((a) => a.operation === 'update');
  expect(update).toMatchObject({ conversationId: channelId, activityId: ref.ref.activityId });
  expect(JSON.stringify(update!.body)).toContain('Approved by Ana');
});

it('never posts a secret into a channel', async () => {
  await notifier.post(binding(), addUserResult);
  expect(JSON.stringify(harness.connector.recorded.map((a) => a.body))).not.toContain(sampleSecretValue);
});

it('waits for Retry-After when Teams throttles and then delivers once', async () => {
  harness.connector.throttleNext(1, 1);
  await notifier.post(binding(), { kind: 'text', text: 'Throttled once' });
  const attempts = harness.connector.recorded.filter((a) => a.conversationId === channelId);
  expect(attempts.map((a) => a.status)).toEqual([429, 201]);
  expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
});

it('keeps retrying past the connector client’s own retries while Teams throttles', async () => {
  harness.connector.throttleNext(5, 0);
  await notifier.post(binding(), { kind: 'text', text: 'Throttled five times' });
  expect(harness.connector.messages(channelId)).toHaveLength(1);
});

it('sends no more than 7 messages in a second into one channel', async () => {
  await Promise.all(Array.from({ length: 9 }, (_, i) => notifier.post(binding(), { kind: 'text', text: `n${i}` })));
  const times = harness.connector.messages(channelId).map((a) => a.at);
  expect(times).toHaveLength(9);
  expect(times[7]! - times[0]!).toBeGreaterThanOrEqual(990);
});

describe('delayBeforeNextSend', () => {
  it('lets the first 7 sends of a second go at once', () => {
    expect(delayBeforeNextSend([0, 1, 2, 3, 4, 5], 10, teamsConversationLimits)).toBe(0);
  });

  it('holds the 8th send until the first leaves the one-second window', () => {
    expect(delayBeforeNextSend([0, 1, 2, 3, 4, 5, 6], 10, teamsConversationLimits)).toBe(990);
  });

  it('holds the 61st send of 30 seconds', () => {
    const sentAt = Array.from({ length: 60 }, (_, i) => i * 400);
    expect(delayBeforeNextSend(sentAt, 24_000, teamsConversationLimits)).toBe(6000);
  });

  it('holds the 1,801st send of an hour', () => {
    const sentAt = Array.from({ length: 1800 }, (_, i) => i * 1000);
    expect(delayBeforeNextSend(sentAt, 1_800_000, teamsConversationLimits)).toBe(1_800_000);
  });
});

it('shows a secret only in a personal chat, and refuses a channel without sending anything', async () => {
  const secret = { label: 'Temporary password for jane@contoso.com', value: sampleSecretValue };
  const before = harness.connector.recorded.length;
  await expect(notifier.postSecret!(binding(), secret)).rejects.toThrow('only in a personal chat');
  expect(harness.connector.recorded.length).toBe(before);

  const personal = binding();
  personal.channelKey = 'a:personal-jane';
  personal.reference = {
    ...personal.reference,
    conversation: { id: 'a:personal-jane', conversationType: 'personal', tenantId: teamsTenantId },
  };
  await notifier.postSecret!(personal, secret);
  const [sent] = harness.connector.messages('a:personal-jane');
  expect(JSON.stringify(sent!.body)).toContain(sampleSecretValue);
});
