import { CodedError } from '../../common/coded-error';

/** Slack's own error code from a failed Web API call (`not_in_channel`), or undefined for other failures. */
export function slackErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const data = (error as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

const advice: Record<string, string> = {
  not_in_channel:
    'invite the m365ops app to the channel (`/invite @m365ops`), or bind another channel with `notify here`',
  channel_not_found:
    'the channel is private or gone: invite the m365ops app to it, or bind another channel with `notify here`',
  is_archived: 'the channel is archived: bind another channel with `notify here`',
  invalid_auth: 'SLACK_BOT_TOKEN is not valid for this workspace',
  not_authed: 'SLACK_BOT_TOKEN is not valid for this workspace',
  token_revoked: 'the app was uninstalled or its token revoked: reinstall it and set the new SLACK_BOT_TOKEN',
  missing_scope: 'the app lacks a scope: reinstall it from manifest/slack-app.yaml',
};

/** A Slack Web API call that failed, with a sentence saying what would fix it. */
export class SlackApiError extends CodedError<'slack-api-failed'> {
  readonly slackError?: string;

  constructor(action: string, cause: unknown) {
    const code = slackErrorCode(cause);
    const fix = code ? advice[code] : undefined;
    const reason = code ? `Slack answered ${code}` : 'Slack could not be reached';
    super(
      'slack-api-failed',
      `Could not ${action}: ${reason}${fix ? `; ${fix}` : '; try again in a minute'}.`,
      {
        slackError: code,
      },
      { cause },
    );
    this.slackError = code;
  }
}
