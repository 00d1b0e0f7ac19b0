/**
 * The weekly licence digest (opt-in: `policy <customer> licence-digest weekly`): every Monday at 08:00 UTC a durable
 * job posts the customer's licences to its bound channel, with the seats assigned and removed in the week before
 * (from the licence history), then schedules next week's. One job per customer and Monday: its uniqueKey names
 * both, so turning the policy on twice, or two replicas, schedule it once; turned off, the next run posts nothing.
 */
import type { Customer } from '../store/types';
import { readCustomerLicences } from './customer-licences';
import type { LicencesReply } from './licences-view';
import type { Runtime } from './runtime';

export const licenceDigestJobType = 'licence-digest';

const day = 24 * 60 * 60 * 1000;

/** The first Monday 08:00 UTC after `now`. */
export function nextDigestAt(now: Date): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 8));
  const daysToMonday = (8 - at.getUTCDay()) % 7;
  const monday = new Date(at.getTime() + daysToMonday * day);
  return monday.getTime() > now.getTime() ? monday : new Date(monday.getTime() + 7 * day);
}

/** Schedules the customer's next digest (once, however often asked). */
export async function scheduleLicenceDigest(runtime: Runtime, customerId: string, now: Date): Promise<Date> {
  const runAt = nextDigestAt(now);
  await runtime.store.jobs.enqueue({
    type: licenceDigestJobType,
    payload: { customerId },
    runAt,
    maxAttempts: 3,
    uniqueKey: `${licenceDigestJobType}:${customerId}:${runAt.toISOString()}`,
  });
  return runAt;
}

/** The customer's licences now, with the seats assigned and removed in the seven days before `now`. */
export async function buildLicenceDigest(runtime: Runtime, customer: Customer, now: Date): Promise<LicencesReply> {
  const since = new Date(now.getTime() - 7 * day);
  const changes = (await runtime.store.licenceHistory.list(customer.id, now)).filter((change) => change.at >= since);
  return {
    kind: 'licences',
    all: false,
    customers: [await readCustomerLicences(runtime, customer, true)],
    week: {
      since: since.toISOString().slice(0, 10),
      assigned: changes.filter((change) => change.change === 'assigned').length,
      removed: changes.filter((change) => change.change === 'removed').length,
    },
  };
}
