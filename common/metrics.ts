/**
 * What m365ops counts, in Prometheus's text format (GET /metrics) through prom-client. Every App has a registry
 * of its own, never prom-client's global one, so several apps in one process (tests, a bench) keep their own
 * counts. Label values come from small fixed sets (command names, discrepancy kinds, HTTP statuses), never from
 * users, UPNs or tenants.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Durable jobs as the store holds them when scraped. */
export interface DurableJobCounts {
  /** Pending, whether due or not. */
  waiting: number;
  /** Due for over a minute and not taken yet, or running under a lock that expired. */
  overdue: number;
}

export interface Metrics {
  readonly registry: Registry;
  /** Sync runs of one customer by result: ok, failed or skipped. */
  syncs: Counter<'result'>;
  syncDuration: Histogram<'result'>;
  syncRoundDuration: Histogram<string>;
  syncSlowestTenant: Gauge<string>;
  /** Tenant users read by sync runs. */
  usersRead: Counter;
  /** New discrepancies a sync recorded, by kind. */
  discrepanciesOpened: Counter<'kind'>;
  /** Discrepancy decisions (approve, revoke, auto-approve) by kind and whether they applied. */
  decisions: Counter<'kind' | 'decision' | 'result'>;
  /** Answers from Microsoft (every attempt) by service (login, graph, exchange) and HTTP status. */
  microsoftRequests: Counter<'service' | 'status'>;
  /** 429 answers from Microsoft, by service. */
  microsoftThrottled: Counter<'service'>;
  /** How long calls to Microsoft waited before retrying (Retry-After or backoff). */
  retryWaits: Histogram;
  /** Posts and updates of channel messages by platform and outcome (ok, failed). */
  notifierSends: Counter<'platform' | 'outcome'>;
  /**
   * Throttling m365ops waited out: each `ratelimited` answer from Slack; a 429 from Teams once botbuilder's own
   * HTTP retries (three) gave up and the notifier's pacer waited.
   */
  notifierThrottled: Counter<'platform'>;
  /** Commands handled (chat, CLI, buttons) by command, origin and outcome (ok, refused, failed). */
  requests: Counter<'command' | 'origin' | 'outcome'>;
  requestDuration: Histogram<'command'>;
  /** Where the durable-job gauge reads its counts when scraped (undefined: unknown now, keep the last). */
  watchJobs(read: () => Promise<DurableJobCounts | undefined>): void;
  /** Adds Node's process metrics (CPU, memory, event loop): for the server, once. */
  collectProcessMetrics(): void;
}

export const metricsPrefix = 'm365ops_';

const secondsBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter<L>({ name: `${metricsPrefix}${name}`, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Histogram<L>({ name: `${metricsPrefix}${name}`, help, labelNames, buckets: secondsBuckets, registers });
  let readJobs: (() => Promise<DurableJobCounts | undefined>) | undefined;
  let processMetrics = false;

  new Gauge({
    name: `${metricsPrefix}durable_jobs`,
    help: 'Durable jobs (alias retries, deferred work) waiting in the store, and those overdue.',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      if (!readJobs) return;
      const counts = await readJobs();
      if (!counts) return;
      this.set({ state: 'waiting' }, counts.waiting);
      this.set({ state: 'overdue' }, counts.overdue);
    },
  });

  return {
    registry,
    syncs: counter('syncs_total', 'Sync runs of one customer, by result.', ['result']),
    syncDuration: histogram('sync_duration_seconds', 'How long a sync run of one customer took, by result.', [
      'result',
    ]),
    syncRoundDuration: histogram(
      'sync_round_duration_seconds',
      'How long one scheduled tick took to sync every tenant due on it (queue waits included).',
    ),
    syncSlowestTenant: new Gauge({
      name: `${metricsPrefix}sync_slowest_tenant_seconds`,
      help: 'The longest run of one tenant in the last scheduled tick (its customer id is in the log).',
      registers,
    }),
    usersRead: counter('sync_users_read_total', 'Tenant users read by sync runs.'),
    discrepanciesOpened: counter('discrepancies_opened_total', 'Discrepancies a sync found and recorded, by kind.', [
      'kind',
    ]),
    decisions: counter('decisions_total', 'Discrepancy decisions, by kind, decision and result.', [
      'kind',
      'decision',
      'result',
    ]),
    microsoftRequests: counter(
      'microsoft_requests_total',
      'Answers from Microsoft 365 (each attempt), by service and HTTP status ("network" when none came).',
      ['service', 'status'],
    ),
    microsoftThrottled: counter('microsoft_throttled_total', 'Answers 429 from Microsoft 365, by service.', [
      'service',
    ]),
    retryWaits: histogram(
      'microsoft_retry_wait_seconds',
      'Waits before retrying a call to Microsoft 365 (Retry-After or backoff).',
    ),
    notifierSends: counter('notifier_sends_total', 'Channel messages posted or updated, by platform and outcome.', [
      'platform',
      'outcome',
    ]),
    notifierThrottled: counter(
      'notifier_throttled_total',
      'Throttling by Teams or Slack that m365ops waited out (Teams: after botbuilder retried 3 times), by platform.',
      ['platform'],
    ),
    requests: counter(
      'requests_total',
      'Commands handled (typed, clicked or submitted), by command, origin and outcome.',
      ['command', 'origin', 'outcome'],
    ),
    requestDuration: histogram('request_duration_seconds', 'How long a command took to answer, by command.', [
      'command',
    ]),
    watchJobs(read) {
      readJobs = read;
    },
    collectProcessMetrics() {
      if (processMetrics) return;
      processMetrics = true;
      collectDefaultMetrics({ register: registry, prefix: metricsPrefix });
    },
  };
}
