/**
 * Who someone is, whatever the transport: `teams:<aadObjectId>`, `slack:<team_id>:<user_id>` (a Slack user id is
 * unique only within its workspace) or `cli:<user>`. Identities written by people (the config file's `access`,
 * `access … add`) are read here, so the file and the chat accept the same forms.
 */

/** The forms, as help and refusals name them. */
export const identityForms = 'teams:<aadObjectId>, slack:<team_id>:<user_id> or cli:<user>';
export const slackIdentityExample = 'slack:T0123ABCD:U024BE7LH';

const slackIdPattern = /^[A-Z0-9]{2,32}$/i;
const otherIdPattern = /^(teams|cli):[^\s:]\S*$/;

export function slackIdentity(teamId: string, userId: string): string {
  return `slack:${teamId.toUpperCase()}:${userId.toUpperCase()}`;
}

/** A readable identity, or what it must be instead (a phrase that follows "it must be"). */
export type IdentityReading = { ok: true; identity: string } | { ok: false; mustBe: string };

/**
 * Reads an identity. A bare `slack:<user_id>` belongs to `slackTeamId` (SLACK_TEAM_ID) when one is configured;
 * without one nobody can tell which workspace it means, and it is refused.
 */
export function readIdentity(raw: string, options: { slackTeamId?: string } = {}): IdentityReading {
  const text = raw.trim();
  if (otherIdPattern.test(text)) return { ok: true, identity: text };
  const slack = /^slack:(.*)$/.exec(text);
  if (!slack) return { ok: false, mustBe: `one of ${identityForms}, such as ${slackIdentityExample}` };
  const parts = slack[1].split(':');
  if (parts.length === 2 && parts.every((part) => slackIdPattern.test(part))) {
    return { ok: true, identity: slackIdentity(parts[0], parts[1]) };
  }
  if (parts.length === 1 && slackIdPattern.test(parts[0])) {
    if (options.slackTeamId) return { ok: true, identity: slackIdentity(options.slackTeamId, parts[0]) };
    return {
      ok: false,
      mustBe: `a Slack identity with its workspace, slack:<team_id>:<user_id> such as ${slackIdentityExample} (a bare slack:<user_id> is read only when SLACK_TEAM_ID names the workspace it belongs to)`,
    };
  }
  return { ok: false, mustBe: `a Slack identity slack:<team_id>:<user_id>, such as ${slackIdentityExample}` };
}
