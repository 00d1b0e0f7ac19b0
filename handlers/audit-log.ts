/**
 * `audit <customer> [since <date>]`: the customer's audit log, newest first, as lines people can read; every record
 * also as one row of a table the CLI exports as CSV (`npx m365ops audit <customer> --csv`). Requests, decisions,
 * grants, extensions and expiries show who asked, who approved, why, the ticket, their times and the result.
 */
import { formatWhen } from '../common/format-when';
import type { CommandOf } from '../core/commands';
import type { ReplyTable, ResultReply } from '../core/reply';
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
    table: auditTable(records),
  };
}

/** What one audit record says about a request, its decision or an admin grant, read from wherever it was kept. */
export interface AuditRow {
  at: string;
  action: string;
  result: string;
  actor: string;
  target?: string;
  requestId?: string;
  requester?: string;
  approver?: string;
  reason?: string;
  ticket?: string;
  comment?: string;
  askedAt?: string;
  decidedAt?: string;
  grantedAt?: string;
  endsAt?: string;
  endedAt?: string;
  error?: string;
}

const columns: (keyof AuditRow)[] = [
  'at',
  'action',
  'result',
  'actor',
  'target',
  'requestId',
  'requester',
  'approver',
  'reason',
  'ticket',
  'comment',
  'askedAt',
  'decidedAt',
  'grantedAt',
  'endsAt',
  'endedAt',
  'error',
];

export function auditRowOf(record: AuditRecord): AuditRow {
  const details = record.details ?? {};
  const behalf = (details.onBehalfOf ?? {}) as Record<string, unknown>;
  const read = (key: string): string | undefined => {
    const value = details[key] ?? behalf[key];
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  // An approved request runs as the approver: the approver of its grant is whoever ran it.
  const approver = read('approver') ?? (record.details?.onBehalfOf ? record.actor : undefined);
  const row: AuditRow = {
    at: record.at.toISOString(),
    action: record.action,
    result: record.result,
    actor: record.actor,
    target: record.target,
    requestId: read('requestId'),
    requester: read('requester'),
    approver,
    reason: read('reason'),
    ticket: read('ticket'),
    comment: read('comment'),
    askedAt: read('askedAt'),
    decidedAt: read('decidedAt'),
    grantedAt: read('grantedAt'),
    endsAt: read('endsAt'),
    endedAt: read('endedAt'),
    error: record.error,
  };
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as unknown as AuditRow;
}

function auditTable(records: AuditRecord[]): ReplyTable {
  return { columns, rows: records.map((record) => columns.map((column) => auditRowOf(record)[column] ?? '')) };
}

/** "approve-request ok by teams:… · Request K7M2QX · asked by teams:… · reason "…" · ticket INC-1 · until …". */
export function describeRecord(record: AuditRecord): string {
  const row = auditRowOf(record);
  const when = (iso: string | undefined) => (iso ? formatWhen(new Date(iso)) : undefined);
  const parts = [
    `${row.action} ${row.result} by ${row.actor}`,
    row.target,
    row.requestId ? `Request ${row.requestId}` : undefined,
    row.requester ? `asked by ${row.requester}` : undefined,
    row.approver && row.approver !== row.actor ? `approver ${row.approver}` : undefined,
    row.reason ? `reason "${row.reason}"` : undefined,
    row.ticket ? `ticket ${row.ticket}` : undefined,
    row.comment ? `comment "${row.comment}"` : undefined,
    row.askedAt && row.decidedAt ? `asked ${when(row.askedAt)}` : undefined,
    row.grantedAt && row.action !== 'grant-admin' ? `granted ${when(row.grantedAt)}` : undefined,
    row.endsAt ? `until ${when(row.endsAt)}` : undefined,
    row.endedAt ? `ended ${when(row.endedAt)}` : undefined,
    row.error,
  ];
  return parts.filter(Boolean).join(' · ');
}
