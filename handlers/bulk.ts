/**
 * `bulk template` (the CSV to fill in) and `bulk` (a CSV previewed): every row checked and resolved without writing,
 * answered as a table with a Confirm button. The batch (its rows, as the commands they run, and who asked) is kept
 * as a tracked operation with a step per row, so the Confirm works after a restart and each row runs once.
 */
import { writeCsv } from '../common/csv';
import { recordAudit } from '../core/audit';
import { readBulkCsv } from '../core/bulk/bulk-csv';
import { bulkTemplateRows, describeRow } from '../core/bulk/bulk-row-command';
import type { CommandOf } from '../core/commands';
import type { ConfirmReply, ResultReply } from '../core/reply';
import { boundCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import type { TrackedStep } from '../store/tracked-operation';
import { type BatchRowInput, createBatch } from './bulk-batch';
import { type PreviewRow, previewRows } from './bulk-preview';
import { confirmBatch } from './bulk-view';

export function bulkTemplate(): Promise<ResultReply> {
  return Promise.resolve({
    kind: 'result',
    title: 'Bulk template',
    facts: [{ label: 'Actions', value: 'add, change-plan, remove, offboard, grant-admin' }],
    notes: [
      'Fill in a row per user and send the file back (or paste its lines after `bulk`); m365ops shows what each row would do before anything runs.',
      'aliases and offboard options are separated by ;. options: admin (add), delete (remove), offboard options such as block-sign-in;remove-licences. for and reason: grant-admin.',
    ],
    file: {
      name: 'm365ops-bulk-template.csv',
      mediaType: 'text/csv',
      content: writeCsv(bulkTemplateRows),
      again: 'bulk template',
    },
  });
}

export async function previewBulk(
  invocation: Invocation,
  command: CommandOf<'bulk'>,
): Promise<ConfirmReply | ResultReply> {
  const { runtime, request } = invocation;
  const rows = readBulkCsv(command.csv);
  const chatCustomer = command.customerId ?? (await boundCustomer({ ...invocation }))?.id;
  const previews = await previewRows(invocation, rows, chatCustomer);
  const runnable = previews.filter((preview) => preview.runs);
  const steps = previews.map(stepOf);
  const batch = await createBatch(runtime, {
    customerId: runnable[0]?.customer?.id ?? chatCustomer ?? '',
    name: command.fileName ?? 'pasted CSV',
    requester: request.context,
    steps,
    rows: previews.map(inputOf),
  });
  await recordAudit(invocation, {
    action: 'bulk-preview',
    result: 'ok',
    target: batch.id,
    details: { rows: rows.length, runnable: runnable.length },
  });
  return confirmBatch(batch);
}

function stepOf(preview: PreviewRow): TrackedStep {
  const label = `Row ${preview.row.row}: ${describeRow(preview.row)}`;
  return preview.runs
    ? { key: `row:${preview.row.row}`, label, state: 'pending', detail: preview.expected }
    : { key: `row:${preview.row.row}`, label, state: 'skipped', detail: preview.expected };
}

function inputOf(preview: PreviewRow): BatchRowInput {
  return {
    row: preview.row.row,
    action: preview.row.action ?? '',
    user: preview.row.upn ?? preview.row.displayName ?? '',
    ...(preview.customer ? { customerId: preview.customer.id } : {}),
    // The customer the preview resolved runs it, whatever the domains say later.
    ...(preview.command && preview.runs
      ? { command: { ...preview.command, ...(preview.customer ? { customerId: preview.customer.id } : {}) } }
      : {}),
  };
}
