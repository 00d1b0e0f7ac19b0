import type { MiddlewareOptions } from '@microsoft/microsoft-graph-client';
import { sleep as sleepMs } from '../common/clock';
import { M365Error } from './errors';
import { decideRetry, isRetryableStatus, parseRetryAfterMs, type RetryPolicy } from './retry-policy';

/**
 * What happened to one logical call across its attempts. Passed to the Graph SDK as a per-request middleware
 * option (the SDK's own mechanism), filled by the retry loop, and read back when mapping a failure.
 */
export class CallRecord implements MiddlewareOptions {
  attempts = 0;
  status?: number;
  requestId?: string;
  /** Set when the loop stopped although the answer was still 429/503/504. */
  gaveUp?: 'attempts' | 'retry-after';
  retryAfterMs?: number;
  /** Whatever was thrown below the loop (network failure, token failure): the SDK would hide it otherwise. */
  thrown?: unknown;

  /** `idempotent` allows resending after a network failure (GET, PATCH, DELETE are; POST only when declared). */
  constructor(readonly idempotent?: boolean) {}
}

/**
 * fetch's network failure (refused, reset, DNS, TLS), as opposed to an HTTP answer. Checked by name: Node's
 * fetch throws its own realm's TypeError, which `instanceof` misses under test runners with their own globals.
 */
export function isNetworkFailure(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TypeError' || name === 'AbortError' || name === 'TimeoutError';
}

export interface RetryLoopOptions {
  policy: RetryPolicy;
  idempotent: boolean;
  record: CallRecord;
  sleep?: (ms: number) => Promise<void>;
  /** Told the status of each answer, or undefined when an attempt got none (for metrics). */
  onAnswer?: (status: number | undefined) => void;
}

/**
 * Sends until the answer is not 429/503/504 (waiting Retry-After, else backing off) or the policy says stop;
 * returns the last answer either way, so the caller maps it. Network failures are retried for idempotent calls
 * only: a POST that may have reached Microsoft is not sent twice.
 */
export async function sendWithRetry(send: () => Promise<Response>, options: RetryLoopOptions): Promise<Response> {
  const { policy, record } = options;
  const sleep = options.sleep ?? sleepMs;
  for (let retry = 1; ; retry++) {
    record.attempts++;
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      record.thrown = error;
      if (!(error instanceof M365Error)) options.onAnswer?.(undefined);
      if (error instanceof M365Error || !options.idempotent || !isNetworkFailure(error)) throw error;
      const decision = decideRetry(policy, retry, undefined);
      if (!decision.retry) throw error;
      await sleep(decision.delayMs);
      continue;
    }
    record.thrown = undefined;
    record.status = response.status;
    options.onAnswer?.(response.status);
    record.requestId = response.headers.get('request-id') ?? undefined;
    if (!isRetryableStatus(response.status)) return response;
    const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
    record.retryAfterMs = retryAfterMs;
    const decision = decideRetry(policy, retry, retryAfterMs);
    if (!decision.retry) {
      record.gaveUp = decision.reason;
      return response;
    }
    await response.body?.cancel();
    await sleep(decision.delayMs);
  }
}
