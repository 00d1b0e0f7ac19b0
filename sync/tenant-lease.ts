/**
 * One replica syncs a tenant at a time: a lease per customer in the store, expiring, renewed while the run lasts.
 * A replica that dies stops renewing, so another takes the lease once it expires and does the work again; one
 * that merely stalls finds out it lost the lease before it writes anything, unless nobody took it meanwhile.
 */
import type { Clock } from '../common/clock';
import { CodedError } from '../common/coded-error';
import type { Logger } from '../common/logger';
import type { Store } from '../store/ports';

export class LeaseLostError extends CodedError<'lease-lost'> {}

export interface HeldLease {
  readonly name: string;
  /** Throws LeaseLostError when another replica has taken the lease; an expired lease nobody took is taken back. */
  check(): Promise<void>;
  release(): Promise<void>;
  /** Stops renewing without releasing: what a replica that dies leaves behind (the lease then expires). */
  abandon(): void;
}

export interface LeaseOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  owner: string;
  ttlMs: number;
}

export function syncLeaseName(customerId: string): string {
  return `sync:${customerId}`;
}

/** Takes the lease or returns null (with when it expires) when another replica holds it. */
export async function acquireSyncLease(
  options: LeaseOptions,
  customerId: string,
): Promise<{ lease: HeldLease } | { heldBy: string; expiresAt: Date }> {
  const { store, clock, logger, owner, ttlMs } = options;
  const name = syncLeaseName(customerId);
  const taken = await store.leases.acquire(name, owner, ttlMs, clock.now());
  if (!taken) {
    const current = await store.leases.get(name);
    return { heldBy: current?.owner ?? 'another replica', expiresAt: current?.expiresAt ?? clock.now() };
  }
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      renewing = store.leases.renew(name, owner, ttlMs, clock.now()).then(
        (ok) => {
          if (!ok) lost = true;
        },
        (error: unknown) => logger.warn({ err: error, lease: name }, 'could not renew the sync lease; will retry'),
      );
    },
    Math.max(50, Math.floor(ttlMs / 3)),
  );
  timer.unref?.();

  const lostError = () =>
    new LeaseLostError(
      'lease-lost',
      'Another m365ops replica took over this sync (this one was too slow to renew its lease); it finishes the work.',
      { lease: name, owner },
    );

  return {
    lease: {
      name,
      async check() {
        await renewing;
        if (lost) throw lostError();
        const current = await store.leases.get(name);
        if (current?.owner === owner && current.expiresAt <= clock.now()) {
          // Renewal came late (a slow store or a busy machine) but nobody took the lease: take it back and go on,
          // rather than leave the tenant unsynced until the next tick.
          if (await store.leases.acquire(name, owner, ttlMs, clock.now())) return;
        }
        if (!current || current.owner !== owner || current.expiresAt <= clock.now()) {
          lost = true;
          throw lostError();
        }
      },
      abandon() {
        clearInterval(timer);
      },
      async release() {
        clearInterval(timer);
        await renewing;
        if (!lost) await store.leases.release(name, owner);
      },
    },
  };
}
