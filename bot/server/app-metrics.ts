/**
 * The App's metrics registry and the sources it reads when scraped: the durable jobs in the store, every answer
 * from Microsoft and every wait before a retry. The rest is counted where it happens (handlers, sync, notifier).
 */
import { type Clock, sleep } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { createMetrics, type DurableJobCounts, type Metrics } from '../../common/metrics';
import type { M365GatewayOptions } from '../../m365/index';
import type { Store } from '../../store/ports';

/** A pending job due for longer than this, not taken by any replica, is overdue. */
export const overdueAfterMs = 60_000;

export function createAppMetrics(store: Store, clock: Clock, logger: Logger): Metrics {
  const metrics = createMetrics();
  metrics.watchJobs(async () => {
    try {
      return await countDurableJobs(store, clock.now());
    } catch (error) {
      logger.warn({ err: error }, 'metrics: could not count the durable jobs; the gauge keeps its last value');
      return undefined;
    }
  });
  return metrics;
}

export async function countDurableJobs(store: Store, now: Date): Promise<DurableJobCounts> {
  const [pending, running] = await Promise.all([
    store.jobs.list({ status: 'pending' }),
    store.jobs.list({ status: 'running' }),
  ]);
  const late = pending.filter((job) => now.getTime() - job.runAt.getTime() > overdueAfterMs).length;
  const abandoned = running.filter((job) => job.lockedUntil && job.lockedUntil.getTime() < now.getTime()).length;
  return { waiting: pending.length, overdue: late + abandoned };
}

/** What the gateway reports to the metrics: each answer from Microsoft, and each wait before a retry. */
export function gatewayMetrics(metrics: Metrics): Pick<M365GatewayOptions, 'onAnswer' | 'sleep'> {
  return {
    onAnswer({ service, status }) {
      metrics.microsoftRequests.inc({ service, status: status === undefined ? 'network' : String(status) });
      if (status === 429) metrics.microsoftThrottled.inc({ service });
    },
    sleep(ms) {
      metrics.retryWaits.observe(ms / 1000);
      return sleep(ms);
    },
  };
}
