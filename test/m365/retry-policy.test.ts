import {
  backoffMs,
  decideRetry,
  isIdempotentMethod,
  isRetryableStatus,
  parseRetryAfterMs,
} from '../../m365/retry-policy';

describe('parseRetryAfterMs', () => {
  it('reads whole seconds', () => {
    expect(parseRetryAfterMs('3')).toBe(3000);
  });

  it('reads fractional seconds as Graph sends them', () => {
    expect(parseRetryAfterMs('2.128')).toBe(2128);
  });

  it('reads an HTTP-date relative to now', () => {
    const now = new Date('2025-01-06T12:00:00Z');
    expect(parseRetryAfterMs('Mon, 06 Jan 2025 12:00:05 GMT', now)).toBe(5000);
  });

  it('treats an HTTP-date in the past as no wait', () => {
    const now = new Date('2025-01-06T12:00:00Z');
    expect(parseRetryAfterMs('Mon, 06 Jan 2025 11:59:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
  });
});

describe('decideRetry', () => {
  const policy = { maxRetries: 3, maxDelayMs: 1000 };

  it('waits exactly Retry-After when it is within the cap', () => {
    expect(decideRetry(policy, 1, 250)).toEqual({ retry: true, delayMs: 250 });
  });

  it('gives up rather than retry sooner than a Retry-After above the cap', () => {
    expect(decideRetry(policy, 1, 5000)).toEqual({ retry: false, reason: 'retry-after' });
  });

  it('stops after the configured number of retries', () => {
    expect(decideRetry(policy, 3, 10).retry).toBe(true);
    expect(decideRetry(policy, 4, 10)).toEqual({ retry: false, reason: 'attempts' });
  });

  it('backs off exponentially, capped, when there is no Retry-After', () => {
    const first = decideRetry({ maxRetries: 6, maxDelayMs: 60_000 }, 1, undefined);
    const third = decideRetry({ maxRetries: 6, maxDelayMs: 60_000 }, 3, undefined);
    expect(first.retry && first.delayMs).toBeGreaterThanOrEqual(500);
    expect(third.retry && third.delayMs).toBeGreaterThanOrEqual(2000);
    expect(decideRetry(policy, 3, undefined)).toEqual({ retry: true, delayMs: 1000 });
  });
});

describe('backoffMs', () => {
  it('doubles per retry and adds at most a quarter of jitter', () => {
    expect(backoffMs(1, () => 0)).toBe(500);
    expect(backoffMs(2, () => 0)).toBe(1000);
    expect(backoffMs(2, () => 1)).toBe(1250);
  });
});

describe('retryable answers and methods', () => {
  it('retries only 429, 503 and 504', () => {
    expect([429, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 404, 500, 502].some(isRetryableStatus)).toBe(false);
  });

  it('resends after a network failure only methods without a second effect', () => {
    expect(isIdempotentMethod('get')).toBe(true);
    expect(isIdempotentMethod('PATCH')).toBe(true);
    expect(isIdempotentMethod('POST')).toBe(false);
  });
});
