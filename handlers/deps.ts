/** Everything a handler needs, passed in: no handler reaches for globals, so tests build the real thing. */
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Metrics } from '../common/metrics';
import type { DoctorRow } from '../core/doctor/doctor-row';
import type { M365Gateway } from '../m365/types';
import type { Store } from '../store/ports';
import type { Notifier } from './notifier';

export interface HandlerSettings {
  /** Base URL the outside world reaches (the consent redirect is `${publicUrl}/consent/callback`). */
  publicUrl: string;
  /** Default sync schedule (SYNC_CRON). */
  syncCron: string;
  /** HMAC key for consent `state`; persisted in the store's settings so it survives restarts. */
  consentSigningKey: string;
  /** How long a consent link stays valid. */
  consentLinkTtlMs: number;
  /** How long alias jobs keep retrying while the mailbox does not exist yet (24 h). */
  aliasRetryWindowMs: number;
  /** SLACK_TEAM_ID: the workspace a bare `slack:<user_id>` in `access … add` belongs to. */
  slackTeamId?: string;
}

export interface HandlerDeps {
  store: Store;
  gateway: M365Gateway;
  clock: Clock;
  logger: Logger;
  settings: HandlerSettings;
  /** Absent where no transport is running (the CLI): reports then go to the audit log only. */
  notifier?: Notifier;
  /** What /metrics shows; absent in tests that build handlers without an App. */
  metrics?: Metrics;
  /** Runs every check of `doctor` (the composition root knows the configuration and the transports). */
  doctor?: () => Promise<DoctorRow[]>;
}
