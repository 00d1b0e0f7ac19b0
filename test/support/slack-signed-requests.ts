/**
 * Sends what Slack sends: form-encoded bodies (`application/x-www-form-urlencoded`, no charset) signed with
 * the signing secret as api.slack.com/docs/verifying-requests-from-slack describes.
 */
import { createHmac } from 'node:crypto';
import { testSlackTeamId } from './slack-identities';

export function signSlackBody(signingSecret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackPostOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Overrides the computed signature; null sends none. */
  signature?: string | null;
  /** Sends no timestamp header. */
  omitTimestamp?: boolean;
  /** Events API bodies are JSON; commands and interactivity are form-encoded (the default). */
  contentType?: string;
  /** More headers Slack sends (`x-slack-retry-num` on a redelivered event). */
  headers?: Record<string, string>;
}

export interface SlackPostResult {
  status: number;
  text: string;
  json(): unknown;
}

export async function postSignedSlackBody(
  url: string,
  signingSecret: string,
  body: string,
  options: SlackPostOptions = {},
): Promise<SlackPostResult> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    ...options.headers,
  };
  if (!options.omitTimestamp) headers['x-slack-request-timestamp'] = timestamp;
  const signature = options.signature === undefined ? signSlackBody(signingSecret, timestamp, body) : options.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

/** A slash command's form fields, as Slack sends them (see samples/slack-slash-command.txt). */
export function slashCommandBody(fields: {
  text: string;
  userId: string;
  channelId: string;
  channelName?: string;
  responseUrl: string;
  triggerId?: string;
  command?: string;
  /** The workspace it is typed in; default the tests' own. */
  teamId?: string;
}): string {
  return new URLSearchParams({
    token: 'verification-token-unused',
    team_id: fields.teamId ?? testSlackTeamId,
    team_domain: 'msp-helpdesk',
    channel_id: fields.channelId,
    channel_name: fields.channelName ?? 'helpdesk',
    user_id: fields.userId,
    user_name: fields.userId.toLowerCase(),
    command: fields.command ?? '/m365',
    text: fields.text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `${Date.now()}.${Math.floor(Math.random() * 1e9)}.trigger`,
  }).toString();
}

/** An interactivity payload (block_actions, view_submission) in its wire form: `payload=<JSON>`. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
