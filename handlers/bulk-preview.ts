/**
 * What each row of a bulk CSV would do, read without writing (design §9): the customer (its `customer` column, the
 * UPN's domain, or the chat's), the plan, whether the UPN is free or names a user it would link, and the free
 * seats of each licence counted across the whole file, in the file's order. A row that could not run says why.
 */
import { createBoundedQueue } from '../common/bounded-queue';
import { needsApprover } from '../core/approvals/requestable';
import { authorize, roleOf } from '../core/authorize';
import type { BulkRow } from '../core/bulk/bulk-csv';
import { commandOfRow } from '../core/bulk/bulk-row-command';
import { effectsOf } from '../core/command-catalog';
import { HandlerError } from '../core/handler-error';
import { licenceName } from '../core/licence-names';
import { type EnabledPlan, findSku, getEnabledPlan } from '../core/licences';
import { findManagedUser, readTenantUser, requireActive } from '../core/managed-user';
import { deriveUpn } from '../core/plan-templates/derive-upn';
import type { Command } from '../core/request';
import { requireTenant, resolveCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { M365Error } from '../m365/errors';
import type { TenantSku, TenantUser } from '../m365/types';
import type { Customer } from '../store/types';

export interface PreviewRow {
  row: BulkRow;
  command?: Command;
  customer?: Customer;
  /** What it would do ("create", "link existing"), or why it would not run ("refused: …"). */
  expected: string;
  /** The UPN a row with only a display name gets from the plan's username format. */
  derivedUpn?: string;
  runs: boolean;
}

interface Seats {
  enabled: EnabledPlan;
  tenantId: string;
  /** SKU part numbers the row takes a seat of (not those the user holds already). */
  skus: string[];
}

export async function previewRows(
  invocation: Invocation,
  rows: BulkRow[],
  customerId: string | undefined,
): Promise<PreviewRow[]> {
  const role = await roleOf(invocation.runtime, invocation.request.context);
  const seats = new Map<PreviewRow, Seats>();
  // Rows are read a few at a time (each reads the tenant); the counts across the file follow, in the file's order.
  const queue = createBoundedQueue(rowsReadAtOnce);
  const previews = await Promise.all(
    rows.map((row) => queue.run(`row:${row.row}`, () => previewRow(invocation, row, customerId, role, seats))),
  );
  refuseDerivedTwice(previews);
  await countPlanLimits(invocation, previews, seats);
  await countSeats(invocation, previews, seats);
  return previews;
}

const rowsReadAtOnce = 8;
const transient: readonly string[] = ['throttled', 'unavailable'];

async function previewRow(
  invocation: Invocation,
  row: BulkRow,
  customerId: string | undefined,
  role: Awaited<ReturnType<typeof roleOf>>,
  seats: Map<PreviewRow, Seats>,
): Promise<PreviewRow> {
  if (row.errors.length > 0) return { row, expected: `refused: ${row.errors.join(' ')}`, runs: false };
  const preview: PreviewRow = { row, command: commandOfRow(row, customerId), expected: '', runs: true };
  try {
    await resolveRow(invocation, preview, role, seats);
  } catch (error) {
    if (!(error instanceof HandlerError || error instanceof M365Error || error instanceof RowRefusal)) throw error;
    // Microsoft busy or unreachable says nothing about the row: it runs, and its own command checks it then.
    if (error instanceof M365Error && transient.includes(error.code)) {
      preview.expected = `not checked now (${error.message}); checked when it runs`;
      return preview;
    }
    preview.expected = `refused: ${error.message}`;
    preview.runs = false;
  }
  return preview;
}

async function resolveRow(
  invocation: Invocation,
  preview: PreviewRow,
  role: Awaited<ReturnType<typeof roleOf>>,
  seats: Map<PreviewRow, Seats>,
): Promise<void> {
  const { runtime } = invocation;
  const command = preview.command!;
  const { row } = preview;
  const customerId = 'customerId' in command ? command.customerId : undefined;
  const customer = await inColumn('customer', resolveCustomer({ ...invocation }, { upn: row.upn, customerId }));
  preview.customer = customer;
  const tenantId = requireTenant(customer);
  const enabled = row.planId ? await inColumn('plan', getEnabledPlan(runtime, customer, row.planId)) : undefined;
  // A row about a user m365ops manages is refused now as its command would refuse it (not managed, removed, gone).
  const found =
    row.action === 'add'
      ? row.upn
        ? await runtime.gateway.forTenant(tenantId).findUserByUpn(row.upn)
        : null
      : await inColumn('upn', readManagedUser({ ...invocation }, row.upn ?? '', customer.id));
  if (row.action === 'add' && !row.upn && enabled) {
    preview.derivedUpn = (
      await inColumn('displayName', deriveUpn(runtime, customer, tenantId, enabled, row.displayName ?? ''))
    ).upn;
  }
  const asks = await asksApprover(invocation, customer, command, role);
  preview.expected = expectedOf(row, found, enabled, preview.derivedUpn) + (asks ? ' (asks an approver)' : '');
  if (enabled)
    seats.set(preview, { enabled, tenantId, skus: seatsTaken(enabled, found, await runtime.skus.list(tenantId)) });
}

async function readManagedUser(invocation: Invocation, upn: string, customerId: string): Promise<TenantUser> {
  const managed = await findManagedUser(invocation, upn, customerId);
  requireActive(managed);
  return readTenantUser(managed);
}

/** Why a row would not run, as the preview says it. */
class RowRefusal extends Error {}

/** A refusal of a row's value names its column, as the file's own errors do ("plan: There is no plan …"). */
async function inColumn<T>(column: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof HandlerError) throw new RowRefusal(`${column}: ${error.message}`);
    throw error;
  }
}

/** A row beyond the requester's role: asked of an approver when a request may carry it, else refused now. */
async function asksApprover(
  invocation: Invocation,
  customer: Customer,
  command: Command,
  role: Awaited<ReturnType<typeof roleOf>>,
): Promise<boolean> {
  if (needsApprover(role, customer, effectsOf(command))) return true;
  await authorize(invocation.runtime, invocation.request.context, command);
  return false;
}

function expectedOf(
  row: BulkRow,
  found: TenantUser | null,
  enabled: EnabledPlan | undefined,
  derivedUpn: string | undefined,
): string {
  switch (row.action) {
    case 'add': {
      const made = found ? 'link existing' : derivedUpn ? `create ${derivedUpn}` : 'create';
      return row.options.includes('admin') ? `${made}, admin` : made;
    }
    case 'change-plan':
      return `change plan to ${enabled?.plan.name ?? row.planId}`;
    case 'remove':
      return row.options.includes('delete') ? 'remove and delete' : 'remove licences';
    case 'offboard':
      return `offboard: ${row.options.join(', ')}`;
    default:
      return 'grant admin';
  }
}

/** The plan's licences the user does not hold yet: each takes a free seat. */
function seatsTaken(enabled: EnabledPlan, found: TenantUser | null, skus: readonly TenantSku[]): string[] {
  const held = new Set((found?.assignedLicenses ?? []).map((licence) => licence.skuId));
  return enabled.plan.skus.filter((part) => {
    const sku = findSku(skus, part);
    return !sku || !held.has(sku.skuId);
  });
}

/** Seats handed out in the file's order; a row past the free ones is refused with how many the file is short. */
async function countSeats(
  invocation: Invocation,
  previews: PreviewRow[],
  seats: Map<PreviewRow, Seats>,
): Promise<void> {
  const wanted = new Map<string, number>();
  for (const need of seats.values()) {
    for (const part of need.skus)
      wanted.set(`${need.tenantId}|${part}`, (wanted.get(`${need.tenantId}|${part}`) ?? 0) + 1);
  }
  const given = new Map<string, number>();
  for (const preview of previews) {
    const need = seats.get(preview);
    if (!need || !preview.runs) continue;
    const skus = await invocation.runtime.skus.list(need.tenantId);
    for (const part of need.skus) {
      const key = `${need.tenantId}|${part}`;
      const free = findSku(skus, part)?.availableUnits ?? 0;
      const taken = (given.get(key) ?? 0) + 1;
      given.set(key, taken);
      if (taken <= free) continue;
      const short = (wanted.get(key) ?? 0) - free;
      const name = need.enabled.plan.skus.length === 1 ? need.enabled.plan.name : licenceName(part);
      preview.expected = `refused: no free ${name} seats, ${short} short`;
      preview.runs = false;
      break;
    }
  }
}

/** A customer's limit of users on a plan holds for the whole file: the rows past it are refused, in the file's order. */
async function countPlanLimits(
  invocation: Invocation,
  previews: PreviewRow[],
  seats: Map<PreviewRow, Seats>,
): Promise<void> {
  const used = new Map<string, number>();
  for (const preview of previews) {
    const need = seats.get(preview);
    const limit = need?.enabled.customerPlan.limit;
    if (!need || limit === undefined || !preview.runs || !preview.customer) continue;
    const key = `${preview.customer.id}|${need.enabled.plan.id}`;
    const before =
      used.get(key) ??
      (await invocation.runtime.store.serviceUsers.countOnPlan(preview.customer.id, need.enabled.plan.id));
    used.set(key, before + 1);
    if (before < limit) continue;
    preview.expected = `refused: ${preview.customer.name} may have at most ${limit} users on ${need.enabled.plan.name}, and the rows before this one reach it`;
    preview.runs = false;
  }
}

/** Two rows that would make one UPN (two Jane Does, or a name that makes a UPN another row gives): the later is refused. */
function refuseDerivedTwice(previews: PreviewRow[]): void {
  const rowOf = new Map<string, number>();
  for (const preview of previews) if (preview.row.upn) rowOf.set(preview.row.upn, preview.row.row);
  for (const preview of previews) {
    const upn = preview.derivedUpn;
    if (!upn || !preview.runs) continue;
    const other = rowOf.get(upn);
    if (other === undefined) {
      rowOf.set(upn, preview.row.row);
      continue;
    }
    preview.expected = `refused: displayName: makes ${upn}, which row ${other} has too; give this row its upn.`;
    preview.runs = false;
  }
}
