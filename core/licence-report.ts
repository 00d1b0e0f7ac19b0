/**
 * The licence report of a month, from m365ops's own records: the licence history (core/licence-history.ts) folded
 * into seats, each held from one change to the next, and the seats held at any time in the month listed (customer,
 * user, plan, SKUs, assigned since, removed on). Users recorded before the history existed count from their
 * record's creation (and, once removed, to its last update). Nothing here reads the tenant, so a past month's report
 * says the same whenever it is drawn.
 */
import { writeCsv } from '../common/csv';
import type { LicenceChange } from '../store/licence-history';
import type { Customer, ServiceUser } from '../store/types';
import { fail } from './errors';
import type { Runtime } from './runtime';

export interface ReportMonth {
  /** YYYY-MM */
  label: string;
  start: Date;
  /** The first moment of the next month. */
  end: Date;
}

export interface SeatRow {
  customerId: string;
  upn: string;
  /** null: custom licences. */
  planId: string | null;
  skus: string[];
  since: Date;
  /** When the seat ended within the month; absent while it was still held at the month's end. */
  removedOn?: Date;
}

/** The month asked for (YYYY-MM, checked by the parser), or the clock's; refuses one that has not begun. */
export function reportMonth(asked: string | undefined, now: Date): ReportMonth {
  const current = now.toISOString().slice(0, 7);
  const label = asked ?? current;
  const [year, month] = label.split('-').map(Number) as [number, number];
  if (label > current) {
    throw fail(
      'future-month',
      `${label} has not begun yet: a report covers a month from its first day, up to this month (${current}).`,
      { suggestions: [`month ${current}`] },
    );
  }
  return { label, start: new Date(Date.UTC(year, month - 1, 1)), end: new Date(Date.UTC(year, month, 1)) };
}

/** Every seat of the customer held at some time in the month, by user then date. */
export async function seatsInMonth(runtime: Runtime, customer: Customer, month: ReportMonth): Promise<SeatRow[]> {
  const changes = await runtime.store.licenceHistory.list(customer.id, month.end);
  const records = await runtime.store.serviceUsers.list(customer.id);
  const seats = [...foldChanges(customer.id, changes, records), ...legacySeats(customer.id, changes, records)];
  const plans = new Map((await runtime.store.plans.list()).map((plan) => [plan.id, plan.skus]));
  return seats
    .filter((seat) => seat.since < month.end && (!seat.removedOn || seat.removedOn > month.start))
    .map((seat) => (seat.skus.length > 0 || !seat.planId ? seat : { ...seat, skus: plans.get(seat.planId) ?? [] }))
    .sort((a, b) => a.upn.localeCompare(b.upn) || a.since.getTime() - b.since.getTime());
}

/** The changes in order, as seats: each assignment opens one (ending the one before), a removal ends it. */
function foldChanges(customerId: string, changes: LicenceChange[], records: ServiceUser[]): SeatRow[] {
  const seats: SeatRow[] = [];
  const open = new Map<string, SeatRow>();
  const seen = new Set<string>();
  for (const change of changes) {
    const held = open.get(change.objectId);
    if (held) held.removedOn = change.at;
    open.delete(change.objectId);
    if (!held && !seen.has(change.objectId) && change.change === 'removed') {
      // Held from before the history began: from the record's creation, on the plan it still names.
      const record = records.find((candidate) => candidate.objectId === change.objectId);
      if (record && record.createdAt < change.at) seats.push({ ...seatOf(customerId, record), removedOn: change.at });
    }
    seen.add(change.objectId);
    if (change.change === 'assigned') {
      const seat = { customerId, upn: change.upn, planId: change.planId, skus: change.skus, since: change.at };
      seats.push(seat);
      open.set(change.objectId, seat);
    }
  }
  return seats;
}

/** Users whose record predates the history and who have no change in it: their seat as the record tells it. */
function legacySeats(customerId: string, changes: LicenceChange[], records: ServiceUser[]): SeatRow[] {
  const changed = new Set(changes.map((change) => change.objectId));
  return records
    .filter((record) => !changed.has(record.objectId) && (record.planId || record.customSkuIds?.length))
    .map((record) =>
      record.status === 'active'
        ? seatOf(customerId, record)
        : { ...seatOf(customerId, record), removedOn: record.updatedAt },
    );
}

function seatOf(customerId: string, record: ServiceUser): SeatRow {
  const skus = record.planId ? [] : (record.customSkuIds ?? []);
  return { customerId, upn: record.upn, planId: record.planId, skus, since: record.createdAt };
}

export const licenceReportColumns = ['customer', 'user', 'plan', 'SKUs', 'assigned since', 'removed on'];

/** The report as CSV: dates as YYYY-MM-DD (UTC), SKUs separated by `;`. */
export function licenceReportCsv(rows: readonly SeatRow[]): string {
  const day = (date: Date | undefined) => (date ? date.toISOString().slice(0, 10) : '');
  return writeCsv([
    licenceReportColumns,
    ...rows.map((row) => [
      row.customerId,
      row.upn,
      row.planId ?? 'custom',
      row.skus.join(';'),
      day(row.since),
      day(row.removedOn),
    ]),
  ]);
}
