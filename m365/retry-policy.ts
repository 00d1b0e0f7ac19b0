/**
 * When and how long to wait before sending a Microsoft call again. Shared by the Graph middleware, the `$batch`
 * resubmission and the Exchange client so every call is retried the same way.
 */

export interface RetryPolicy {
  /** Retries after the first attempt (so at most maxRetries + 1 requests). */
  maxRetries: number;
  /** Longest single wait. A Retry-After above it is not shortened: the call gives up instead (see delayFor). */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 6, maxDelayMs: 60_000 };

/** Microsoft's throttling and transient statuses; the Graph SDK's RetryHandler retries the same three. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

/**
 * Retry-After as milliseconds: seconds (Graph sends fractions such as `2.128`) or an HTTP-date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

/** Exponential backoff for answers without Retry-After: 0.5 s, 1 s, 2 s … plus up to 25 % jitter. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const base = 500 * 2 ** Math.max(0, retry - 1);
  return Math.round(base * (1 + random() * 0.25));
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: 'attempts' | 'retry-after' };

/**
 * Whether to send again after `retry - 1` retries already made. Microsoft asks clients to wait at least
 * Retry-After; rather than hammer it sooner or block a chat turn for minutes, a Retry-After above maxDelayMs
 * ends the call (the caller reports 'throttled' with the wait, and durable jobs reschedule).
 */
export function decideRetry(policy: RetryPolicy, retry: number, retryAfterMs: number | undefined): RetryDecision {
  if (retry > policy.maxRetries) return { retry: false, reason: 'attempts' };
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxDelayMs) return { retry: false, reason: 'retry-after' };
    return { retry: true, delayMs: retryAfterMs };
  }
  return { retry: true, delayMs: Math.min(policy.maxDelayMs, backoffMs(retry)) };
}

/** Methods that may be sent again after a network failure without risking a second effect. */
export function isIdempotentMethod(method: string): boolean {
  return ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].includes(method.toUpperCase());
}
