/** Who runs sync work in this process: a lease owner per run, and the sync defaults. */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

const processOwner = `${hostname()}:${process.pid}`;

/** A lease owner unique to one run, so two runs in one process never both hold a tenant. */
export function runOwner(prefix = processOwner): string {
  return `${prefix}:${randomUUID().slice(0, 8)}`;
}

export const syncDefaults = {
  /** A replica that dies loses the tenant after this long; a live one renews every third of it. */
  leaseMs: 60_000,
  /** Delta does not report every licence change: read everything once a day. */
  fullPassEveryMs: 24 * 60 * 60_000,
};
