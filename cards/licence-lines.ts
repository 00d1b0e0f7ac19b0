/**
 * `licences` in words, for every renderer: the heading, one section per SKU (or per customer for `all`) with its
 * facts, and the customers short of seats. Cards and Block Kit draw these; the CLI prints them as a table.
 */
import type { CustomerLicences, LicencesReply, SkuLicences } from '../core/reply';

export interface LicenceSection {
  title: string;
  facts: { label: string; value: string }[];
  /** Short of seats: drawn in the attention colour. */
  warning: boolean;
}

export function describeLicencesHeading(reply: LicencesReply): string {
  const name = reply.customers[0]?.customerName ?? 'the customer';
  if (reply.week) return `Licences of ${name} this week`;
  if (!reply.all) return `Licences of ${name}`;
  const short = reply.customers.filter((customer) => customer.short).length;
  const customers = `${reply.customers.length} ${reply.customers.length === 1 ? 'customer' : 'customers'}`;
  return short > 0 ? `Licences of ${customers}: ${short} short of seats` : `Licences of ${customers}`;
}

/** One section per SKU of the one customer, or one per customer for `all`. */
export function describeLicenceSections(reply: LicencesReply): LicenceSection[] {
  if (reply.all) return reply.customers.map(describeCustomerTotals);
  const customer = reply.customers[0];
  if (!customer) return [];
  return customer.skus.map((sku) => ({
    title: `${sku.name} (${sku.partNumber})`,
    facts: [
      { label: 'Bought', value: String(sku.purchased) },
      { label: 'Assigned', value: String(sku.assigned) },
      { label: 'Free', value: describeFree(sku.free) },
      { label: 'Held by', value: describeHolders(sku) },
    ],
    warning: sku.free < 0,
  }));
}

/** What is said under the sections: nothing to show, plans at their limit. */
export function describeLicenceNotes(reply: LicencesReply): string[] {
  if (reply.all) return reply.customers.length === 0 ? ['No customers yet.'] : [];
  const customer = reply.customers[0];
  if (!customer) return [];
  const { week } = reply;
  return [
    ...(week ? [`Since ${week.since}: ${seats(week.assigned)} assigned, ${seats(week.removed)} removed.`] : []),
    ...(customer.unreadable ? [customer.unreadable] : []),
    ...(customer.skus.length === 0 && !customer.unreadable ? ['The tenant has no licences.'] : []),
    ...customer.plansAtLimit.map((plan) => `Plan limit reached: ${plan}.`),
  ];
}

function seats(count: number): string {
  return `${count} ${count === 1 ? 'seat' : 'seats'}`;
}

/** "4 on Microsoft 365 Business Premium · 27 not managed by m365ops": counts first, plans by their names. */
export function describeHolders(sku: SkuLicences): string {
  const plans = sku.byPlan.map((entry) => `${entry.users} on ${entry.planName}`);
  const unmanaged = sku.unmanaged > 0 ? [`${sku.unmanaged} not managed by m365ops`] : [];
  return [...plans, ...unmanaged].join(' · ') || 'nobody';
}

export function describeFree(free: number): string {
  return free < 0 ? `${free} (${-free} short)` : String(free);
}

function describeCustomerTotals(customer: CustomerLicences): LicenceSection {
  const title = `${customer.customerName} (${customer.customerId})${customer.short ? ' ⚠️ short of seats' : ''}`;
  if (customer.unreadable) return { title, facts: [{ label: 'Licences', value: customer.unreadable }], warning: false };
  const sum = (pick: (sku: SkuLicences) => number) => customer.skus.reduce((total, sku) => total + pick(sku), 0);
  const short = [
    ...customer.skus.filter((sku) => sku.free < 0).map((sku) => `${sku.partNumber} ${-sku.free} short`),
    ...customer.plansAtLimit.map((plan) => `plan limit ${plan}`),
  ];
  return {
    title,
    facts: [
      { label: 'Bought', value: String(sum((sku) => sku.purchased)) },
      { label: 'Assigned', value: String(sum((sku) => sku.assigned)) },
      { label: 'Free', value: String(sum((sku) => sku.free)) },
      { label: 'Not managed by m365ops', value: String(sum((sku) => sku.unmanaged)) },
      ...(short.length > 0 ? [{ label: 'Short', value: short.join(' · ') }] : []),
    ],
    warning: customer.short,
  };
}

/** The CLI's table: a row per section, the facts as columns. */
export function renderLicencesTable(reply: LicencesReply): { headers: string[]; rows: string[][] } {
  const sections = describeLicenceSections(reply);
  const labels = [...new Set(sections.flatMap((entry) => entry.facts.map((fact) => fact.label)))];
  const rows = sections.map((entry) => [
    entry.title,
    ...labels.map((label) => entry.facts.find((fact) => fact.label === label)?.value ?? ''),
  ]);
  return { headers: [reply.all ? 'Customer' : 'Licence', ...labels], rows };
}
