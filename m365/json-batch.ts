import { sleep as sleepMs } from '../common/clock';
import { M365Error } from './errors';
import { decideRetry, isRetryableStatus, parseRetryAfterMs, type RetryPolicy } from './retry-policy';
import type { TenantGraph } from './tenant-graph';

/**
 * JSON `$batch` built by hand (the SDK's BatchRequestContent cannot express "this item depends on that one"
 * for mixed batches) and resubmitted per item: Graph throttles each item separately and the SDK does not retry
 * inner 429s. Items that succeeded are never sent again.
 */

export interface BatchItem {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version: `/users/…`, never `/v1.0/users/…`. */
  url: string;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchItemResult {
  id: string;
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: unknown;
  /** How many batches carried this item. */
  attempts: number;
}

interface BatchResponseBody {
  responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
}

export const maxBatchItems = 20;

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
}

function toRequest(item: BatchItem, pending: Set<string>) {
  // A dependency that already succeeded is not in this round's batch, and Graph refuses unknown ids.
  const dependsOn = item.dependsOn?.filter((id) => pending.has(id));
  return {
    id: item.id,
    method: item.method,
    url: item.url,
    ...(item.body !== undefined ? { body: item.body, headers: { 'Content-Type': 'application/json' } } : {}),
    ...(dependsOn?.length ? { dependsOn } : {}),
  };
}

/** Items throttled this round, plus those that failed with 424 because something they depend on was. */
function itemsToResend(items: BatchItem[], results: Map<string, BatchItemResult>): Set<string> {
  const resend = new Set(items.filter((item) => isRetryableStatus(results.get(item.id)?.status ?? 0)).map((i) => i.id));
  let grew = resend.size > 0;
  while (grew) {
    grew = false;
    for (const item of items) {
      if (resend.has(item.id) || results.get(item.id)?.status !== 424) continue;
      if (item.dependsOn?.some((id) => resend.has(id))) {
        resend.add(item.id);
        grew = true;
      }
    }
  }
  return resend;
}

export async function runBatch(
  graph: TenantGraph,
  items: BatchItem[],
  options: { policy: RetryPolicy; sleep?: (ms: number) => Promise<void> },
): Promise<Map<string, BatchItemResult>> {
  if (items.length === 0) return new Map();
  if (items.length > maxBatchItems) {
    throw new M365Error(
      'bad-request',
      `A Graph batch holds at most ${maxBatchItems} requests; this one had ${items.length}.`,
      {
        items: items.length,
      },
    );
  }
  const sleep = options.sleep ?? sleepMs;
  const results = new Map<string, BatchItemResult>();
  let pending = items;
  // Only rounds in which every item was throttled again use up retries: a round that settled some items made
  // progress, and Graph asks for exactly this resubmission of the rest.
  let retries = 0;
  for (let round = 1; ; round++) {
    const pendingIds = new Set(pending.map((item) => item.id));
    const answer = await graph.post<BatchResponseBody>('/$batch', {
      requests: pending.map((item) => toRequest(item, pendingIds)),
    });
    for (const response of answer.responses ?? []) {
      results.set(response.id, {
        id: response.id,
        status: response.status,
        headers: lowerCaseKeys(response.headers),
        body: response.body,
        attempts: round,
      });
    }
    const missing = pending.filter((item) => !results.has(item.id) || results.get(item.id)?.attempts !== round);
    if (missing.length > 0) {
      throw new M365Error('unexpected', 'Microsoft 365 answered a batch without answering every request in it.', {
        missing: missing.map((item) => item.id),
      });
    }
    const resend = itemsToResend(pending, results);
    if (resend.size === 0) return results;
    const waits = [...resend]
      .map((id) => parseRetryAfterMs(results.get(id)?.headers['retry-after']))
      .filter((ms): ms is number => ms !== undefined);
    if (resend.size === pending.length) retries++;
    const decision = decideRetry(options.policy, Math.max(1, retries), waits.length ? Math.max(...waits) : undefined);
    if (!decision.retry) return results;
    await sleep(decision.delayMs);
    pending = pending.filter((item) => resend.has(item.id));
  }
}
