/**
 * How a bulk batch reads: the preview (a line per row: row, action, user, what to expect; totals; Confirm) and the
 * result (done, waiting for an approver, failed and skipped counts, the failures with their reasons, and the rows
 * as a CSV with a status column). Both are drawn from the stored batch alone, so they read the same after a restart.
 */
import { writeCsv } from '../common/csv';
import type { ConfirmReply, ReplyFile, ResultReply } from '../core/reply';
import { countOf } from '../core/words';
import type { StepState, TrackedStep } from '../store/tracked-operation';
import type { Batch } from './bulk-batch';

/** The preview shows this many rows (problems first); the rest are counted. */
const shownRows = 50;

export function confirmBatch(batch: Batch): ConfirmReply | ResultReply {
  const total = batch.steps.length;
  const pending = batch.steps.filter((step) => step.state === 'pending');
  const refused = batch.steps.filter((step) => step.state === 'skipped');
  const totals = `${countOf(total, 'row')}: ${pending.length} to run, ${refused.length} refused.`;
  // In the file's order; a batch too long to show whole shows its refusals first.
  const ordered = batch.steps.length > shownRows ? [...refused, ...pending] : [...refused, ...pending].sort(byRow);
  const lines = ordered.slice(0, shownRows).map((step) => `${step.label} → ${step.detail ?? ''}`);
  if (ordered.length > shownRows) lines.push(`… and ${ordered.length - shownRows} more rows.`);
  if (pending.length === 0) {
    return {
      kind: 'result',
      title: `Nothing in the batch can run (batch ${batch.id})`,
      facts: [{ label: 'Rows', value: totals }],
      notes: [...lines, 'Correct the rows and send the file again.'],
    };
  }
  return {
    kind: 'confirm',
    title: `Bulk batch ${batch.id}: run ${countOf(pending.length, 'row')}?`,
    summary: [
      totals,
      ...lines,
      'Nothing has changed yet. Rows refused here never run; each row runs as its own command, with its own checks.',
    ],
    confirmCommand: { name: 'bulk-run', batchId: batch.id, confirmed: true },
    confirmLabel: `Run ${countOf(pending.length, 'row')}`,
  };
}

function byRow(a: TrackedStep, b: TrackedStep): number {
  return Number(a.key.slice('row:'.length)) - Number(b.key.slice('row:'.length));
}

const statusOf: Record<StepState, string> = {
  pending: 'not run',
  running: 'running',
  done: 'done',
  waiting: 'asked',
  failed: 'failed',
  skipped: 'refused',
};

export function batchResult(batch: Batch): ResultReply {
  const count = (state: StepState) => batch.steps.filter((step) => step.state === state).length;
  const failures = batch.steps.filter((step) => step.state === 'failed');
  const notRun = count('pending') + count('running');
  return {
    kind: 'result',
    title: `Bulk batch ${batch.id}: ${count('done')} done, ${failures.length} failed`,
    facts: [
      { label: 'Done', value: String(count('done')) },
      { label: 'Asked of an approver', value: String(count('waiting')) },
      { label: 'Failed', value: String(failures.length) },
      { label: 'Refused in the preview', value: String(count('skipped')) },
      ...(notRun > 0 ? [{ label: 'Not run yet', value: String(notRun) }] : []),
    ],
    notes: failures.slice(0, shownRows).map((step) => `${step.label}: ${step.detail ?? 'failed'}`),
    ...(batch.customerId ? { customerId: batch.customerId } : {}),
    file: resultFile(batch),
  };
}

function resultFile(batch: Batch): ReplyFile {
  const steps = new Map(batch.steps.map((step) => [step.key, step]));
  const lines = batch.rows.map((row) => {
    const step = steps.get(`row:${row.row}`);
    return [
      String(row.row),
      row.action,
      row.user,
      row.customerId ?? '',
      statusOf[step?.state ?? 'pending'],
      step?.detail ?? '',
    ];
  });
  return {
    name: `bulk-${batch.id}-results.csv`,
    mediaType: 'text/csv',
    content: writeCsv([['row', 'action', 'user', 'customer', 'status', 'detail'], ...lines]),
    again: `bulk run ${batch.id}`,
  };
}
