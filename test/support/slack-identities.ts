/**
 * The Slack workspace the tests' requests come from, and the identities of its users as m365ops writes them:
 * `slack:<team_id>:<user_id>` (a user id means someone only within its workspace).
 */
export const testSlackTeamId = 'T0001';

export function slackIdentityOf(userId: string, teamId = testSlackTeamId): string {
  return `slack:${teamId}:${userId}`;
}
