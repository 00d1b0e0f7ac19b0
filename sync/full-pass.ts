/**
 * When a tenant's periodic full pass is due. Delta does not report every licence change, so each tenant is read
 * whole once a period (a day by default) — at its own time of day: the period is cut into slots at an offset drawn
 * from the customer id, and a pass is due once the clock has crossed the tenant's slot boundary since its last
 * full read. A thousand tenants whose first syncs ran together so spread their full reads over the day instead of
 * repeating them all in one tick, and a tenant never waits much over one period.
 */
import { createHash } from 'node:crypto';

export function fullPassDue(customerId: string, lastFullAt: Date | undefined, now: Date, everyMs: number): boolean {
  if (!lastFullAt || everyMs <= 0) return true;
  const offset = slotOffset(customerId, everyMs);
  const slot = (at: number) => Math.floor((at - offset) / everyMs);
  return slot(now.getTime()) > slot(lastFullAt.getTime());
}

/** A stable point within the period for this customer. */
export function slotOffset(customerId: string, everyMs: number): number {
  const digest = createHash('sha256').update(customerId).digest();
  return digest.readUInt32BE(0) % Math.max(1, Math.floor(everyMs));
}
