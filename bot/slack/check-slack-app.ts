/**
 * The doctor's Slack rows: `auth.test` proves SLACK_BOT_TOKEN and names its workspace, and the scopes Slack grants
 * the token (its `x-oauth-scopes` header) must hold every scope m365ops uses (slack-web-api.ts), and no more.
 */
import { webApi } from '@slack/bolt';
import { type DoctorCheck, type DoctorRow, fail, ok, warn } from '../../core/doctor/doctor-row';
import { SlackApiError } from './slack-error';
import { callSlack, requiredBotScopes } from './slack-web-api';

const check = 'Slack';

export interface SlackAppFacts {
  /** SLACK_BOT_TOKEN and SLACK_API_URL; absent when Slack is off. */
  slack?: { botToken: string; apiUrl: string };
  slackTeamId?: string;
}

export function slackAppCheck(facts: SlackAppFacts): DoctorCheck {
  return { check, run: () => checkSlackApp(facts) };
}

async function checkSlackApp(facts: SlackAppFacts): Promise<DoctorRow[]> {
  if (!facts.slack) return [ok(check, 'Off (SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are not set): nothing to check.')];
  const apiUrl = facts.slack.apiUrl.endsWith('/') ? facts.slack.apiUrl : `${facts.slack.apiUrl}/`;
  // One attempt: the doctor reports, it does not wait out an outage.
  const client = new webApi.WebClient(facts.slack.botToken, { slackApiUrl: apiUrl, retryConfig: { retries: 0 } });
  let identity: Awaited<ReturnType<typeof callSlack>>;
  try {
    identity = await callSlack(client, 'auth.test', {});
  } catch (error) {
    return [
      fail(
        check,
        new SlackApiError('check SLACK_BOT_TOKEN', error).message,
        'Copy the Bot User OAuth Token of the installed app (OAuth & Permissions) into SLACK_BOT_TOKEN.',
      ),
    ];
  }
  const team = `${String(identity.team ?? 'the workspace')} (${String(identity.team_id)})`;
  const rows: DoctorRow[] = [ok(check, `SLACK_BOT_TOKEN is the bot ${String(identity.user)} of ${team}.`)];
  if (facts.slackTeamId && identity.team_id !== facts.slackTeamId) {
    rows.push(
      fail(
        check,
        `SLACK_TEAM_ID is ${facts.slackTeamId}, but the bot token belongs to ${team}: every request from it is refused.`,
        'Set SLACK_TEAM_ID to the workspace the app is installed in, or the token of the app installed in yours.',
      ),
    );
  }
  rows.push(scopesRow(identity));
  return rows;
}

function scopesRow(identity: Record<string, unknown>): DoctorRow {
  const granted = (identity.response_metadata as { scopes?: string[] } | undefined)?.scopes;
  const needed = requiredBotScopes();
  if (!granted) {
    return warn(
      check,
      'Slack did not say which scopes the token has (no x-oauth-scopes header).',
      `Check under OAuth & Permissions that the bot has ${needed.join(', ')}.`,
    );
  }
  const missing = needed.filter((scope) => !granted.includes(scope));
  if (missing.length > 0) {
    return fail(
      check,
      `The bot token lacks ${missing.join(', ')}: Slack refuses the messages and commands that need them.`,
      'Add the scopes from manifest/slack-app.yaml under OAuth & Permissions, reinstall the app and set the new SLACK_BOT_TOKEN.',
    );
  }
  const extra = granted.filter((scope) => !needed.includes(scope));
  if (extra.length > 0) {
    return warn(
      check,
      `The bot token has scopes m365ops never uses: ${extra.join(', ')}.`,
      'Remove them under OAuth & Permissions (least privilege) and reinstall the app.',
    );
  }
  return ok(check, `The bot token has exactly the scopes m365ops uses: ${needed.join(', ')}.`);
}
