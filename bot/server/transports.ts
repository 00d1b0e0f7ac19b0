/** Which transports the server mounts: Teams always, Slack when configured, the web chat while Teams auth is off. */
import type { EnvConfig } from '../../config/env';
import { mountDevChat } from '../devchat/mount';
import { mountSlack } from '../slack/mount';
import { mountTeams } from '../teams/mount';
import type { Mount } from './http-server';

export function transportMounts(env: EnvConfig): Mount[] {
  const mounts: Mount[] = [(server, app) => mountTeams(server, app)];
  if (env.slack) mounts.push((server, app) => mountSlack(server, app));
  if (!env.teams.authEnabled) mounts.push((server, app) => mountDevChat(server, app));
  return mounts;
}
