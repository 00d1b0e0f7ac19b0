/**
 * The one runtime of a process: the injected dependencies plus the per-process state every use case shares (the
 * per-user lock and the tenant domain cache). The composition root makes it once with `createRuntime`; chat
 * commands, sync decisions, scheduled auto-approve and durable jobs all receive that same object.
 */
import type { Clock } from '../common/clock';
import { createKeyedLock, type KeyedLock } from '../common/keyed-lock';
import type { Logger } from '../common/logger';
import type { Metrics } from '../common/metrics';
import type { M365Gateway } from '../m365/types';
import type { Store } from '../store/ports';
import type { Customer, Platform } from '../store/types';
import type { DoctorRow } from './doctor/doctor-row';
import { recordLicenceChanges } from './licence-history';
import type { Notifier } from './notifier';
import type { Reply } from './reply';
import type { Request } from './request';
import { createTenantDomainCache, type TenantDomainCache } from './tenant-domains';
import { createTenantSkuCache, type TenantSkuCache } from './tenant-skus';

export interface RuntimeSettings {
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
  /** REQUEST_TTL: how long an approval request stays open (default 24 h). */
  requestTtlMs?: number;
  /** APPROVALS_CHANNEL: per platform, the channel (Teams conversation id, Slack channel id) requests go to. */
  approvalsChannels?: Partial<Record<Platform, string>>;
}

export interface RuntimeDeps {
  store: Store;
  gateway: M365Gateway;
  clock: Clock;
  logger: Logger;
  settings: RuntimeSettings;
  /** Absent where no transport is running (the CLI): reports then go to the audit log only. */
  notifier?: Notifier;
  /** What /metrics shows; absent in tests that build a runtime without an App. */
  metrics?: Metrics;
  /** Runs every check of `doctor` (the composition root knows the configuration and the transports). */
  doctor?: () => Promise<DoctorRow[]>;
}

/** `store` is the injected one, watched so every change of a service user's seat is recorded (core/licence-history.ts). */
export interface Runtime extends RuntimeDeps {
  domains: TenantDomainCache;
  /** SKUs for chat commands (short TTL); `gateway` is the injected one, watched so licence writes refresh it. */
  skus: TenantSkuCache;
  lock: KeyedLock;
}

/** The only place a per-user lock and the tenant caches are made: call it once per process. */
export function createRuntime(deps: RuntimeDeps): Runtime {
  const skus = createTenantSkuCache(deps.gateway, deps.clock);
  return {
    ...deps,
    store: recordLicenceChanges(deps.store, deps.clock, deps.logger),
    gateway: skus.gateway,
    skus: skus.cache,
    domains: createTenantDomainCache(deps.gateway, deps.clock),
    lock: createKeyedLock(),
  };
}

/**
 * One request on its way through a handler: what it has learnt so far (the customer, the user it is about), so
 * that a refusal or failure can be audited with them at the edge.
 */
export interface Invocation {
  runtime: Runtime;
  request: Request;
  customer?: Customer;
  target?: string;
  /** The handlers' own entry (authorise, route, audit), for a use case that runs another command (an approved request). */
  dispatch?: (request: Request) => Promise<Reply>;
}
