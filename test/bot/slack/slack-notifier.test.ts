import type { PlatformNotifier } from '../../../core/notifier';
import type { NotificationBinding } from '../../../store/types';
import { addUserResult, approvedDiscrepancy, openDiscrepancy, sampleSecretValue } from '../../support/sample-replies';
import { slackIdentityOf } from '../../support/slack-identities';
import { type ScriptedApp, scriptedApp } from './scripted-app';
import { type SlackHarness, startSlackHarness } from './slack-harness';
import { findButton } from './slack-payloads';

const binding: NotificationBinding = {
  customerId: 'contoso',
  platform: 'slack',
  channelKey: 'C0CONTOSO',
  channelName: 'contoso-alerts',
  reference: { channelId: 'C0CONTOSO', teamId: 'T0001' },
  boundBy: slackIdentityOf('UADMIN001'),
  boundAt: new Date('2026-11-24T08:00:00Z'),
};

describe('Slack notifier', () => {
  let harness: SlackHarness;
  let scripted: ScriptedApp;
  let notifier: PlatformNotifier;

  beforeEach(async () => {
    harness = await startSlackHarness(
      async (slack) => {
        scripted = scriptedApp(slack, async () => ({ kind: 'text', text: 'ok' }));
        return scripted.app;
      },
      { minMessageIntervalMs: 400 },
    );
    [notifier] = scripted.notifiers;
  });
  afterEach(() => harness.close());

  it('registers itself with the app for Slack', () => {
    expect(scripted.notifiers.map((registered) => registered.platform)).toEqual(['slack']);
  });

  it('posts a discrepancy with its two buttons to the bound channel and returns where it lives', async () => {
    const ref = await notifier.post(binding, { kind: 'discrepancy', discrepancy: openDiscrepancy });
    const [posted] = harness.slack.callsTo('chat.postMessage');
    expect(posted.args.channel).toBe('C0CONTOSO');
    expect(posted.authorization).toBe(`Bearer ${harness.slack.botToken}`);
    expect(findButton(posted.args.blocks, 'Accept removal').action_id).toMatch(/^decide/);
    expect(findButton(posted.args.blocks, 'Give admin back…').action_id).toMatch(/^decide/);
    expect(ref).toEqual({ platform: 'slack', ref: { channel: 'C0CONTOSO', ts: expect.stringMatching(/^\d+\.\d+$/) } });
  });

  it('shows a secret in a direct message only, never in a channel', async () => {
    const secret = { label: 'Temporary password for jane@contoso.com', value: sampleSecretValue };
    const dm = { ...binding, channelKey: 'UHELP0001', reference: { channelId: 'UHELP0001' } };
    await notifier.postSecret!(dm, secret);
    const [sent] = harness.slack.callsTo('chat.postMessage');
    expect(sent.args.channel).toBe('UHELP0001');
    expect(JSON.stringify(sent.args)).toContain(sampleSecretValue);
    await expect(notifier.postSecret!(binding, secret)).rejects.toThrow('only in a direct message');
    expect(harness.slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('updates the message in place after a decision: who, what, when, and no buttons', async () => {
    const ref = await notifier.post(binding, { kind: 'discrepancy', discrepancy: openDiscrepancy });
    await notifier.update(ref, { kind: 'discrepancy', discrepancy: approvedDiscrepancy });
    const [updated] = harness.slack.callsTo('chat.update');
    expect(updated.args).toMatchObject({ channel: 'C0CONTOSO', ts: ref.ref.ts });
    const body = JSON.stringify(updated.args.blocks);
    expect(body).toContain('Megan Bowen');
    expect(body).toMatch(/approved/i);
    expect((updated.args.blocks as { type: string }[]).some((block) => block.type === 'actions')).toBe(false);
  });

  it('never posts a secret to a channel', async () => {
    await notifier.post(binding, addUserResult);
    const [posted] = harness.slack.callsTo('chat.postMessage');
    expect(posted.raw).not.toContain(sampleSecretValue);
  });

  // The spacing itself is measured with a fake clock in channel-pacer.test.ts; wall-clock gaps flake on busy machines.
  it('sends messages to one channel one after the other, in order', async () => {
    await Promise.all([
      notifier.post(binding, { kind: 'discrepancy', discrepancy: openDiscrepancy }),
      notifier.post(binding, { kind: 'discrepancy', discrepancy: { ...openDiscrepancy, id: 'd-2' } }),
    ]);
    const [first, second] = harness.slack.callsTo('chat.postMessage');
    expect(second.at).toBeGreaterThanOrEqual(first.at);
  });

  it('does not make one channel wait for another', async () => {
    const other = {
      ...binding,
      customerId: 'fabrikam',
      channelKey: 'C0FABRIKAM',
      reference: { channelId: 'C0FABRIKAM' },
    };
    await Promise.all([
      notifier.post(binding, { kind: 'discrepancy', discrepancy: openDiscrepancy }),
      notifier.post(binding, { kind: 'discrepancy', discrepancy: { ...openDiscrepancy, id: 'd-2' } }),
      notifier.post(other, { kind: 'discrepancy', discrepancy: { ...openDiscrepancy, id: 'd-9' } }),
    ]);
    // The other channel's message goes out while the first channel's second message still waits its turn.
    const channels = harness.slack.callsTo('chat.postMessage').map((call) => call.args.channel);
    expect(channels.indexOf('C0FABRIKAM')).toBeLessThan(channels.lastIndexOf(binding.channelKey));
  });

  it('waits the Retry-After Slack names when rate limited, then delivers', async () => {
    harness.slack.failNext('chat.postMessage', { error: 'ratelimited', retryAfterSeconds: 1 });
    const ref = await notifier.post(binding, { kind: 'discrepancy', discrepancy: openDiscrepancy });
    const attempts = harness.slack.callsTo('chat.postMessage');
    expect(attempts.map((attempt) => attempt.status)).toEqual([429, 200]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1000);
    expect(ref.ref.ts).toEqual(expect.any(String));
  });

  it('says what to do when Slack refuses the channel', async () => {
    harness.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    await expect(notifier.post(binding, { kind: 'discrepancy', discrepancy: openDiscrepancy })).rejects.toMatchObject({
      code: 'slack-api-failed',
      message: expect.stringContaining('invite the m365ops app to the channel'),
    });
  });
});
