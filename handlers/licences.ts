/**
 * `licences <customer|all>`: the tenant's licences per SKU and who holds them by plan; and `report licences
 * [<customer>|all] [month <yyyy-mm>]`: the month's seats from m365ops's records as a CSV file for billing.
 */
import { createBoundedQueue } from '../common/bounded-queue';
import { formatWhen } from '../common/format-when';
import { recordAudit } from '../core/audit';
import type { CommandOf } from '../core/commands';
import { readCustomerLicences } from '../core/customer-licences';
import { scheduleLicenceDigest } from '../core/licence-digest';
import { licenceReportCsv, reportMonth, type SeatRow, seatsInMonth } from '../core/licence-report';
import type { LicencesReply, ResultReply } from '../core/reply';
import { boundCustomer, getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { countOf } from '../core/words';
import type { Customer } from '../store/types';

/** Customers' tenants are read this many at once for `licences all`. */
const tenantConcurrency = 8;

export async function showLicences(invocation: Invocation, command: CommandOf<'licences'>): Promise<LicencesReply> {
  const { runtime } = invocation;
  if (command.customerId.toLowerCase() !== 'all') {
    const customer = await getCustomer(invocation, command.customerId);
    return { kind: 'licences', all: false, customers: [await readCustomerLicences(runtime, customer)] };
  }
  const queue = createBoundedQueue(tenantConcurrency);
  const customers = await runtime.store.customers.list();
  const rows = await Promise.all(
    customers.map((customer) => queue.run(customer.id, () => readCustomerLicences(runtime, customer, true))),
  );
  return { kind: 'licences', all: true, customers: rows };
}

export async function reportLicences(
  invocation: Invocation,
  command: CommandOf<'report-licences'>,
): Promise<ResultReply> {
  const { runtime } = invocation;
  const month = reportMonth(command.month, runtime.clock.now());
  const customers = await customersOfReport(invocation, command.customerId);
  const rows: SeatRow[] = [];
  for (const customer of customers) rows.push(...(await seatsInMonth(runtime, customer, month)));
  const one = customers.length === 1 && command.customerId?.toLowerCase() !== 'all' ? customers[0] : undefined;
  const plans = new Map<string, number>();
  for (const row of rows) plans.set(row.planId ?? 'custom', (plans.get(row.planId ?? 'custom') ?? 0) + 1);
  const users = new Set(rows.map((row) => `${row.customerId}\n${row.upn}`)).size;
  return {
    kind: 'result',
    title: `Licence report of ${one ? one.name : 'every customer'} for ${month.label}`,
    facts: [
      { label: 'Seats', value: `${countOf(rows.length, 'seat')} held by ${countOf(users, 'user')}` },
      ...[...plans]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([plan, seats]) => ({ label: plan, value: countOf(seats, 'seat') })),
    ],
    notes: [
      `From m365ops's own records: every seat held at some time in ${month.label}, with when it was assigned and, if it was, removed.`,
    ],
    ...(one ? { customerId: one.id, customerName: one.name } : {}),
    file: {
      name: `licences-${one ? one.id : 'all'}-${month.label}.csv`,
      mediaType: 'text/csv',
      content: licenceReportCsv(rows),
      again: `report licences ${one ? one.id : 'all'} month ${month.label}`,
    },
  };
}

/** The customer named; `all` or nothing: the channel's customer, else every customer. */
async function customersOfReport(invocation: Invocation, customerId: string | undefined): Promise<Customer[]> {
  if (customerId && customerId.toLowerCase() !== 'all') return [await getCustomer(invocation, customerId)];
  const bound = customerId ? undefined : await boundCustomer(invocation);
  return bound ? [bound] : invocation.runtime.store.customers.list();
}

/** `policy <customer> licence-digest weekly|off`: the weekly digest in the bound channel, from next Monday. */
export async function setLicenceDigest(
  invocation: Invocation,
  command: CommandOf<'policy-licence-digest'>,
): Promise<ResultReply> {
  const { runtime } = invocation;
  const customer = await getCustomer(invocation, command.customerId);
  const weekly = command.schedule === 'weekly';
  await runtime.store.customers.update(customer.id, { licenceDigest: weekly ? 'weekly' : undefined });
  const next = weekly ? await scheduleLicenceDigest(runtime, customer.id, runtime.clock.now()) : undefined;
  const canPost = weekly && (await runtime.notifier?.canPost(customer.id));
  const audit = await recordAudit(invocation, {
    action: 'policy-licence-digest',
    result: 'ok',
    target: customer.id,
    details: { schedule: command.schedule },
  });
  return {
    kind: 'result',
    title: weekly ? `Weekly licence digest of ${customer.name} on` : `Weekly licence digest of ${customer.name} off`,
    facts: next ? [{ label: 'First', value: formatWhen(next) }] : [],
    notes:
      weekly && !canPost
        ? [
            `No channel receives ${customer.name}'s notifications yet: \`notify here ${customer.id}\` in the channel that should.`,
          ]
        : [],
    customerId: customer.id,
    customerName: customer.name,
    auditId: audit.id,
  };
}
