/**
 * Which Slack workspace a request comes from. An identity always carries its workspace (`slack:<team_id>:<user_id>`):
 * a user id is unique only within one, so a grant never follows the same id into another workspace. With
 * SLACK_TEAM_ID set, m365ops serves that workspace alone: a request naming any other (the payload's team or the
 * user's home team) is refused politely before anything runs.
 */
import type { ErrorReply } from '../../core/reply';
import type { SlackTransport } from './slack-transport';

/** The workspaces a payload names: the one it happened in, and the user's own (they differ in shared channels). */
export interface PayloadTeams {
  teamId?: string;
  userTeamId?: string;
}

export type WorkspaceCheck = { ok: true; teamId: string } | { ok: false; refusal: ErrorReply };

export function checkWorkspace(transport: SlackTransport, teams: PayloadTeams): WorkspaceCheck {
  const named = [teams.userTeamId, teams.teamId].filter((id): id is string => typeof id === 'string' && id !== '');
  const expected = transport.teamId;
  if (named.length === 0) {
    transport.logger.warn('refused a Slack request that names no workspace');
    return refuse('Slack did not say which workspace this came from, so m365ops did nothing.');
  }
  const stranger = expected ? named.find((id) => id !== expected) : undefined;
  if (stranger) {
    transport.logger.warn({ teams: named, expected }, 'refused a Slack request from another workspace');
    return refuse(
      `Sorry, m365ops takes requests only from its own Slack workspace, and this one came from another (${stranger}); nothing was done.`,
    );
  }
  return { ok: true, teamId: named[0] };
}

function refuse(message: string): WorkspaceCheck {
  return { ok: false, refusal: { kind: 'error', code: 'other-workspace', message } };
}
