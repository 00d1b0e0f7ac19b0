/**
 * What a transport is given to mount itself: the m365ops port, a logger, where to add its notifier and its
 * shutdown work, and the slice of the configuration that switches it on. The composition root (bot/server) passes
 * its App, which has all of these; a transport never sees the store or the Microsoft client.
 */
import type { Logger } from '../common/logger';
import type { Metrics } from '../common/metrics';
import type { M365ops } from '../core/m365ops-port';
import type { PlatformNotifier } from '../core/notifier';

/**
 * The largest request body a route reads (Teams activities, Slack payloads, the web chat's connector). A Teams
 * message is capped near 28 KB and Slack's payloads are smaller still; a command is at most 4,000 characters
 * (core/input-limits.ts). A larger body is answered 413 before it is parsed.
 */
export const maxRequestBodyBytes = 1024 * 1024;

export interface TransportEnv {
  teams: {
    mode: 'authenticated' | 'dev' | 'off';
    /** Why Teams is in this mode ("MicrosoftAppId is not set"). */
    why: string;
    /** Entra tenant ids whose users may talk to the bot; empty outside authenticated mode. */
    allowedTenants: string[];
    /** In dev mode, the one serviceUrl besides the web chat's that replies may go to. */
    devConnectorUrl?: string;
  };
  slack?: { signingSecret: string; botToken: string; apiUrl: string };
  /** SLACK_TEAM_ID: the one Slack workspace served. */
  slackTeamId?: string;
}

export interface TransportHost {
  env: TransportEnv;
  m365ops: M365ops;
  logger: Logger;
  /** Where a transport counts what only it sees (Teams and Slack throttling its messages). */
  metrics: Pick<Metrics, 'notifierThrottled'>;
  addNotifier(notifier: PlatformNotifier): void;
  /** Runs on close, last added first. */
  onClose(task: () => Promise<void>): void;
}
