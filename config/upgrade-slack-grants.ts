/**
 * Grants kept from before Slack identities named their workspace (`slack:<user_id>`) match nobody now. With
 * SLACK_TEAM_ID they are moved to `slack:<team_id>:<user_id>` at start, keeping who granted them; without it they
 * are left alone and the start-up log says so, naming how to grant them again.
 */
import { slackIdentity } from '../common/identity';
import type { Logger } from '../common/logger';
import type { Store } from '../store/ports';

const bareSlackIdentity = /^slack:([^:]+)$/;

export async function upgradeBareSlackGrants(store: Store, slackTeamId?: string, logger?: Logger): Promise<void> {
  for (const grant of await store.access.list()) {
    const bare = bareSlackIdentity.exec(grant.identity);
    if (!bare) continue;
    if (!slackTeamId) {
      logger?.warn(
        { identity: grant.identity, role: grant.role },
        `access: ${grant.identity} (${grant.role}) names no Slack workspace and matches nobody; set SLACK_TEAM_ID, or grant slack:<team_id>:${bare[1]} instead`,
      );
      continue;
    }
    const identity = slackIdentity(slackTeamId, bare[1]);
    await store.access.grant(identity, grant.role, grant.grantedBy);
    await store.access.revoke(grant.identity, grant.role);
    logger?.info(
      { identity, role: grant.role },
      `access: ${grant.identity} (${grant.role}) is now ${identity}, in the workspace SLACK_TEAM_ID names`,
    );
  }
}
