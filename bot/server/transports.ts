/**
 * Which transports the server mounts: Teams unless it is off, Slack when configured, the web chat in dev mode
 * only. `rawEnv` is where the transports read their own keys (the Bot Framework's, DEVCHAT_USER_ID).
 */
import type { EnvConfig } from '../../config/env';
import { mountDevChat } from '../devchat/mount';
import { mountSlack } from '../slack/mount';
import { mountTeams } from '../teams/mount';
import type { Mount } from './http-server';

export function transportMounts(env: EnvConfig, rawEnv: Record<string, string | undefined> = process.env): Mount[] {
  const mounts: Mount[] = [];
  if (env.teams.mode !== 'off') mounts.push((server, app) => mountTeams(server, app, { env: rawEnv }));
  if (env.slack) mounts.push((server, app) => mountSlack(server, app));
  if (env.teams.mode === 'dev') mounts.push((server, app) => mountDevChat(server, app, { env: rawEnv }));
  return mounts;
}
