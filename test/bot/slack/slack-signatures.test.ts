import { readFileSync } from 'node:fs';
import path from 'node:path';
import { verifySlackRequest } from '@slack/bolt';
import { addUserResult } from '../../support/sample-replies';
import { signSlackBody, slashCommandBody } from '../../support/slack-signed-requests';
import { type ScriptedApp, scriptedApp } from './scripted-app';
import { type SlackHarness, startSlackHarness, testSigningSecret } from './slack-harness';

const samples = path.join('/work/shared/reference/samples');
const officialBody = readFileSync(path.join(samples, 'slack-slash-command.txt'), 'utf8');
const officialMeta = JSON.parse(readFileSync(path.join(samples, 'slack-slash-command.meta.json'), 'utf8')) as {
  signing_secret: string;
  x_slack_request_timestamp: string;
  x_slack_signature: string;
};

describe('Slack request signing', () => {
  it('signs the official example exactly as Slack does', () => {
    expect(signSlackBody(officialMeta.signing_secret, officialMeta.x_slack_request_timestamp, officialBody)).toBe(
      officialMeta.x_slack_signature,
    );
  });

  it('accepts the official example with its own timestamp as the clock', () => {
    expect(() =>
      verifySlackRequest({
        signingSecret: officialMeta.signing_secret,
        body: officialBody,
        headers: {
          'x-slack-signature': officialMeta.x_slack_signature,
          'x-slack-request-timestamp': Number(officialMeta.x_slack_request_timestamp),
        },
        nowMilliseconds: Number(officialMeta.x_slack_request_timestamp) * 1000 + 10_000,
      }),
    ).not.toThrow();
  });
});

describe('POST /slack/events refuses requests Slack did not sign', () => {
  let harness: SlackHarness;
  let scripted: ScriptedApp;
  const body = () =>
    slashCommandBody({
      text: 'users contoso',
      userId: 'UHELP0001',
      channelId: 'C0HELPDESK',
      responseUrl: harness.slack.responseUrl('x'),
    });

  beforeEach(async () => {
    harness = await startSlackHarness(async (slack) => {
      scripted = scriptedApp(slack, async () => addUserResult);
      return scripted.app;
    });
  });
  afterEach(() => harness.close());

  it('answers 401 to an unsigned request and runs nothing', async () => {
    const response = await harness.postRaw(body(), { signature: null });
    expect(response.status).toBe(401);
    expect(scripted.requests).toHaveLength(0);
    expect(harness.slack.calls.filter((call) => call.method !== 'auth.test')).toHaveLength(0);
  });

  it('answers 401 to a request signed with another secret and runs nothing', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const forged = signSlackBody('not-the-signing-secret', String(timestamp), body());
    const response = await harness.postRaw(body(), { timestamp, signature: forged });
    expect(response.status).toBe(401);
    expect(scripted.requests).toHaveLength(0);
  });

  it('answers 401 when the body was changed after signing', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signSlackBody(testSigningSecret, String(timestamp), body());
    const response = await harness.postRaw(body().replace('users+contoso', 'remove+user+ceo%40contoso.com'), {
      timestamp,
      signature,
    });
    expect(response.status).toBe(401);
    expect(scripted.requests).toHaveLength(0);
  });

  it('answers 401 to a correctly signed request older than five minutes', async () => {
    const response = await harness.postRaw(body(), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
    expect(scripted.requests).toHaveLength(0);
  });

  it('answers 401 to a correctly signed request stamped more than five minutes in the future', async () => {
    const response = await harness.postRaw(body(), { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 });
    expect(response.status).toBe(401);
    expect(scripted.requests).toHaveLength(0);
  });

  it('accepts a correctly signed request stamped a minute ahead (clocks differ a little)', async () => {
    const response = await harness.postRaw(body(), { timestamp: Math.floor(Date.now() / 1000) + 60 });
    expect(response.status).toBe(200);
    await harness.slack.waitFor('response_url');
    expect(scripted.requests).toHaveLength(1);
  });

  it('answers 401 to a request without a timestamp', async () => {
    const response = await harness.postRaw(body(), { omitTimestamp: true });
    expect(response.status).toBe(401);
    expect(scripted.requests).toHaveLength(0);
  });

  it('answers Slack’s signed URL verification challenge', async () => {
    const body = JSON.stringify({ token: 'unused', challenge: 'c-3f9a', type: 'url_verification' });
    const response = await harness.postRaw(body, { contentType: 'application/json' });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ challenge: 'c-3f9a' });
  });

  it('acknowledges an app_uninstalled event', async () => {
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T0001',
      api_app_id: 'A0001',
      event: { type: 'app_uninstalled', event_ts: '1700000000.000001' },
      event_id: 'Ev0001',
      event_time: 1700000000,
    });
    const response = await harness.postRaw(body, { contentType: 'application/json' });
    expect(response.status).toBe(200);
    expect(scripted.requests).toHaveLength(0);
  });

  it('accepts a freshly signed request', async () => {
    const response = await harness.postRaw(body());
    expect(response.status).toBe(200);
    await harness.slack.waitFor('response_url');
    expect(scripted.requests).toHaveLength(1);
  });
});
