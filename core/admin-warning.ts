/**
 * The warning before a time-boxed admin grant ends (15 minutes before, half-way for short grants): to the customer's
 * channel and privately to the requester, with "Extend 1h" (an approver's click extends at once; helpdesk's becomes a
 * request) and "End now". Sent once per end time: the grant records the end time it warned for.
 */
import { formatWhen } from '../common/format-when';
import { endFacts, tell } from './admin-expiry';
import type { Runtime } from './runtime';

/** Warns that the grant ends at `endsAt`, unless it has moved on (extended, ended) or was warned already. */
export async function warnAdminGrant(runtime: Runtime, grantId: string, endsAt: Date): Promise<void> {
  const { store } = runtime;
  const claimed = await store.adminGrants.transition(
    grantId,
    ['active'],
    { warnedFor: endsAt },
    (g) => g.endsAt?.getTime() === endsAt.getTime() && g.warnedFor?.getTime() !== endsAt.getTime(),
  );
  if (!claimed?.won) return;
  const grant = claimed.grant;
  const customer = await store.customers.get(grant.customerId);
  if (!customer) return;
  const minutes = Math.max(1, Math.round((endsAt.getTime() - runtime.clock.now().getTime()) / 60_000));
  await tell(runtime, grant, {
    kind: 'admin-access',
    tone: 'warning',
    title: `Admin access of ${grant.upn} ends in ${minutes} minutes`,
    customerId: customer.id,
    customerName: customer.name,
    sections: [
      {
        facts: endFacts(grant, customer),
        actions: [
          {
            label: 'Extend 1h',
            command: { name: 'extend-admin', upn: grant.upn, durationMinutes: 60, customerId: customer.id },
          },
          {
            label: 'End now',
            command: { name: 'revoke-admin', upn: grant.upn, customerId: customer.id, confirmed: true },
          },
        ],
      },
    ],
    notes: [`The role is removed at ${formatWhen(endsAt)} unless it is extended.`],
  });
}
