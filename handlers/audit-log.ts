/** `audit <customer> [since <date>]`: the customer's audit log, newest first, as lines people can read. */
import { formatWhen } from '../common/format-when';
import type { CommandOf } from '../core/commands';
import type { ResultReply } from '../core/reply';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import type { AuditRecord } from '../store/types';

const shown = 50;

export async function showAudit(invocation: Invocation, command: CommandOf<'audit'>): Promise<ResultReply> {
  const customer = await getCustomer(invocation, command.customerId);
  const since = command.since ? new Date(`${command.since}T00:00:00Z`) : undefined;
  const records = (await invocation.runtime.store.audit.list({ customerId: customer.id })).filter(
    (record) => !since || record.at.getTime() >= since.getTime(),
  );
  return {
    kind: 'result',
    title: `Audit log of ${customer.name}${command.since ? ` since ${command.since}` : ''}`,
    facts: records.slice(0, shown).map((record) => ({ label: formatWhen(record.at), value: describeRecord(record) })),
    notes: [
      records.length === 0
        ? 'Nothing was recorded in that time.'
        : `${records.length} entries${records.length > shown ? `, the newest ${shown} shown` : ''}; \`npx m365ops audit ${customer.id} --csv\` exports them all.`,
    ],
    customerId: customer.id,
    customerName: customer.name,
  };
}

/** "approve-request ok by teams:… · Request K7M2QX · asked by teams:… · reason "…" · ticket INC-1". */
export function describeRecord(record: AuditRecord): string {
  const details = record.details ?? {};
  const behalf = (details.onBehalfOf ?? {}) as Record<string, unknown>;
  const requestId = details.requestId ?? behalf.requestId;
  const requester = details.requester ?? behalf.requester;
  const reason = details.reason ?? behalf.reason;
  const ticket = details.ticket ?? behalf.ticket;
  const parts = [
    `${record.action} ${record.result} by ${record.actor}`,
    record.target,
    requestId ? `Request ${String(requestId)}` : undefined,
    requester ? `asked by ${String(requester)}` : undefined,
    details.approver ? `approver ${String(details.approver)}` : undefined,
    reason ? `reason "${String(reason)}"` : undefined,
    ticket ? `ticket ${String(ticket)}` : undefined,
    record.error,
  ];
  return parts.filter(Boolean).join(' · ');
}
