import type { SimFaults } from '../types';

/**
 * Faults on demand: 429 on every Nth Graph/Exchange request (batch items counted one by one), a share of 503s
 * from a seeded RNG so a failing run can be replayed, latency, and a failure at the Kth page of a user read.
 * These strike before a request does anything, so a retried write never runs twice. One strikes after: a lost
 * answer, for a request that was carried out but whose caller never hears so.
 */

export type InjectedFault =
  | { kind: 'throttled'; retryAfterSeconds: number; code: 'TooManyRequests' | 'Request_ThrottledTemporarily' }
  | { kind: 'unavailable' }
  | { kind: 'server-error' };

/** mulberry32: small, fast and good enough to spread 503s reproducibly. */
function seededRandom(seed: number): () => number {
  let value = seed >>> 0;
  return () => {
    value = (value + 0x6d2b79f5) >>> 0;
    let t = value;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private faults: SimFaults = {};
  private counted = 0;
  private random = seededRandom(1);
  private pageFailuresLeft = 0;
  private lostAnswersLeft = 0;
  private routeFailuresLeft = 0;

  constructor(initial?: SimFaults) {
    if (initial) this.set(initial);
  }

  set(faults: SimFaults): void {
    this.faults = { ...faults };
    this.counted = 0;
    this.random = seededRandom(faults.seed ?? 1);
    this.pageFailuresLeft = faults.pageFailure?.times ?? 1;
    this.lostAnswersLeft = faults.lostAnswer?.times ?? 1;
    this.routeFailuresLeft = faults.routeFailure?.times ?? 1;
  }

  clear(): void {
    this.set({});
  }

  get latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  /** Counts one request (or batch item) and says whether it fails instead of running. */
  strike(): InjectedFault | undefined {
    this.counted += 1;
    const every = this.faults.throttleEvery;
    if (every && every > 0 && this.counted % every === 0) {
      return {
        kind: 'throttled',
        retryAfterSeconds: this.faults.retryAfterSeconds ?? 0.05,
        code: this.faults.throttleCode ?? 'TooManyRequests',
      };
    }
    const share = this.faults.serviceUnavailableShare ?? 0;
    if (share > 0 && this.random() < share) return { kind: 'unavailable' };
    return undefined;
  }

  /** Whether the given page (1 = first) of a `users` or `users/delta` read fails. */
  strikePage(route: 'users' | 'users/delta', page: number): InjectedFault | undefined {
    const failure = this.faults.pageFailure;
    if (!failure || failure.route !== route || failure.page !== page || this.pageFailuresLeft <= 0) return undefined;
    this.pageFailuresLeft -= 1;
    return failure.status === 500 ? { kind: 'server-error' } : { kind: 'unavailable' };
  }

  /** The failure a request of `route` meets instead of running (routeFailure), if any. */
  strikeRoute(route: string): { status: number; code: string; message: string } | undefined {
    const failure = this.faults.routeFailure;
    if (failure?.route !== route || this.routeFailuresLeft <= 0) return undefined;
    this.routeFailuresLeft -= 1;
    return { status: failure.status, code: failure.code, message: failure.message };
  }

  /** Whether the answer to this request of `route` (carried out already) is lost instead of sent. */
  loseAnswer(route: string): boolean {
    if (this.faults.lostAnswer?.route !== route || this.lostAnswersLeft <= 0) return false;
    this.lostAnswersLeft -= 1;
    return true;
  }
}
