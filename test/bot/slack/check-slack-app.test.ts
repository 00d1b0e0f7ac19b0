/**
 * The doctor's Slack rows against the local Slack Web API: auth.test proves the bot token and names its workspace,
 * and the scopes Slack says the token has (x-oauth-scopes) must be those m365ops uses.
 */
import { slackAppCheck } from '../../../bot/slack/check-slack-app';
import { requiredBotScopes } from '../../../bot/slack/slack-web-api';
import { type SlackApiStandIn, startSlackApiStandIn } from '../../support/slack-api-stand-in';
import { testSlackTeamId } from '../../support/slack-identities';

const started: SlackApiStandIn[] = [];

async function standIn(options: { scopes?: string[] } = {}): Promise<SlackApiStandIn> {
  const slack = await startSlackApiStandIn(options);
  started.push(slack);
  return slack;
}

afterAll(async () => {
  await Promise.all(started.map((slack) => slack.close()));
});

const check = (slack: SlackApiStandIn, options: { botToken?: string; slackTeamId?: string } = {}) =>
  slackAppCheck({
    slack: { botToken: options.botToken ?? slack.botToken, apiUrl: slack.apiUrl },
    slackTeamId: options.slackTeamId,
  }).run();

it('accepts the bot token of the workspace, with exactly the scopes m365ops uses', async () => {
  const slack = await standIn();
  const rows = await check(slack, { slackTeamId: testSlackTeamId });
  expect(rows.map((row) => row.status)).toEqual(['ok', 'ok']);
  expect(rows[0]!.sentence).toContain(testSlackTeamId);
  expect(rows[1]!.sentence).toContain(requiredBotScopes().join(', '));
  expect(slack.callsTo('auth.test')).toHaveLength(1);
});

it('names a scope the token lacks and what it breaks', async () => {
  const scopes = requiredBotScopes().filter((scope) => scope !== 'chat:write.public');
  const rows = await check(await standIn({ scopes }));
  expect(rows[1]).toMatchObject({ status: 'fail', sentence: expect.stringContaining('lacks chat:write.public') });
  expect(rows[1]!.fix).toContain('manifest/slack-app.yaml');
});

it('warns about scopes m365ops never uses', async () => {
  const rows = await check(await standIn({ scopes: [...requiredBotScopes(), 'users:read.email'] }));
  expect(rows[1]).toMatchObject({ status: 'warn', sentence: expect.stringContaining('users:read.email') });
});

it('says Slack refuses a wrong token, without waiting to retry', async () => {
  const slack = await standIn();
  const rows = await check(slack, { botToken: 'xoxb-not-the-token' });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: 'fail', sentence: expect.stringContaining('invalid_auth') });
  expect(rows[0]!.sentence).not.toContain('xoxb-not-the-token');
});

it('refuses a token of another workspace than SLACK_TEAM_ID', async () => {
  const rows = await check(await standIn(), { slackTeamId: 'T0OTHERTEAM' });
  expect(rows.find((row) => row.status === 'fail')?.sentence).toContain('SLACK_TEAM_ID is T0OTHERTEAM');
});

it('skips Slack when it is off', async () => {
  expect(await slackAppCheck({}).run()).toEqual([expect.objectContaining({ status: 'ok', check: 'Slack' })]);
});
