/**
 * `bulk run <id>` (a preview's Confirm): each pending row runs as its own command through the handlers' entry
 * (authorised by that command's effects, audited), a few rows at once per tenant; a batch with rows an approver must
 * decide is first one request as a whole (./bulk-request.ts), run once approved. Each row is claimed first by one conditional update of its part (pending → running), so
 * two replicas, a double click or a run after a restart never run a row twice; rows done stay done. Temporary
 * passwords go only into the reply's secret, which the transports show to the requester alone.
 */
import { type BoundedQueue, createBoundedQueue } from '../common/bounded-queue';
import { writeCsv } from '../common/csv';
import { recordAudit } from '../core/audit';
import type { CommandOf } from '../core/commands';
import { fail } from '../core/errors';
import type { ConfirmReply, Reply, ResultReply } from '../core/reply';
import type { ProgressListener } from '../core/request';
import type { Invocation } from '../core/runtime';
import type { StepChange } from '../store/tracked-operation';
import { type Batch, type BatchRowInput, readBatch, setRowStep } from './bulk-batch';
import { scheduleBatchResume } from './bulk-job';
import { askForBatch } from './bulk-request';
import { batchResult, confirmBatch } from './bulk-view';

/** Rows of one tenant running at once: well inside Graph's write limits for one app in one tenant. */
const rowsPerTenant = 4;

interface NewPassword {
  upn: string;
  password: string;
}

export async function runBulk(
  invocation: Invocation,
  command: CommandOf<'bulk-run'>,
  onProgress?: ProgressListener,
): Promise<Reply> {
  const { runtime, request } = invocation;
  const batch = await readBatch(runtime, command.batchId);
  if (!batch) throw fail('unknown-batch', `No bulk batch ${command.batchId} is recorded; its preview shows its id.`);
  // The one who previewed it runs it, or an approver who approved their request for it.
  const asker = request.onBehalfOf?.requester ?? request.context.identity;
  if (batch.requestedBy !== asker) {
    throw fail('not-your-request', `Batch ${batch.id} was previewed by someone else; only they may run it.`);
  }
  const states = new Map(batch.steps.map((step) => [step.key, step.state]));
  const pending = batch.rows.filter((row) => row.command && states.get(`row:${row.row}`) === 'pending');
  if (pending.length > 0 && !command.confirmed) return confirmBatch(batch) as ConfirmReply;
  // Rows an approver must decide (admin, or what the customer's policy holds back) make the whole batch a request.
  if (pending.length > 0 && !request.onBehalfOf && !command.resumed) {
    const asked = await askForBatch(invocation, batch, pending);
    if (asked) return asked;
  }
  if (pending.length > 0) await scheduleBatchResume(runtime, batch.id);
  const passwords: NewPassword[] = [];
  const queues = new Map<string, BoundedQueue>();
  const queueOf = (customerId: string) => {
    if (!queues.has(customerId)) queues.set(customerId, createBoundedQueue(rowsPerTenant));
    return queues.get(customerId)!;
  };
  const tally = { done: 0, asked: 0, failed: 0 };
  await Promise.all(
    pending.map((row) =>
      queueOf(row.customerId ?? '').run(`row:${row.row}`, async () => {
        const state = await runRow(invocation, batch, row, command.resumed ? undefined : passwords);
        if (state === 'done') tally.done += 1;
        else if (state === 'waiting') tally.asked += 1;
        else if (state === 'failed') tally.failed += 1;
        // The working card, redrawn as rows finish (Teams and Slack show it while the batch runs).
        onProgress?.(
          `Bulk batch ${batch.id}: ${tally.done + tally.asked + tally.failed} of ${pending.length} rows run — ${tally.done} done, ${tally.asked} asked of an approver, ${tally.failed} failed…`,
        );
      }),
    ),
  );
  const after = (await readBatch(runtime, batch.id)) ?? batch;
  const failed = after.steps.filter((step) => step.state === 'failed').length;
  // Each row audits itself as its command; the batch's own record says a run happened (none when nothing was left).
  if (pending.length > 0)
    await recordAudit(invocation, {
      action: 'bulk-run',
      result: failed > 0 ? 'failed' : 'ok',
      target: batch.id,
      details: { ran: pending.length, failed },
    });
  return withPasswords(batchResult(after), passwords);
}

async function runRow(
  invocation: Invocation,
  batch: Batch,
  row: BatchRowInput,
  /** Where a new user's password goes; none when nobody is there to see it (the batch's job). */
  passwords: NewPassword[] | undefined,
): Promise<StepChange['state'] | undefined> {
  const { runtime, request } = invocation;
  const key = `row:${row.row}`;
  const claimed = await setRowStep(runtime, batch, key, { state: 'running', at: runtime.clock.now() }, ['pending']);
  if (!claimed) return undefined;
  let change: StepChange;
  try {
    if (!invocation.dispatch) throw new Error('bulk run needs the handlers’ dispatch.');
    const reply = await invocation.dispatch({
      context: request.context,
      // Approved as a whole: each row runs as the approver on the requester's behalf, asking nobody again.
      ...(request.onBehalfOf ? { onBehalfOf: request.onBehalfOf } : {}),
      command: row.command!,
      // A row run again after a crash resumes its own operation (add user's intent) instead of starting another.
      idempotencyKey: `bulk:${batch.id}:${row.row}`,
    });
    change = changeOf(reply, runtime.clock.now());
    if (reply.kind === 'result' && reply.secret) {
      if (passwords) passwords.push({ upn: row.user, password: reply.secret.value });
      else
        change.detail = `${change.detail ?? ''} Its temporary password was shown to nobody: \`reset password ${row.user}\` gives a new one.`;
    }
  } catch (error) {
    runtime.logger.error({ err: error, batchId: batch.id, row: row.row }, 'a bulk row failed unexpectedly');
    change = {
      state: 'failed',
      detail: 'Something unexpected went wrong; the log has the details.',
      at: runtime.clock.now(),
    };
  }
  await setRowStep(runtime, batch, key, change);
  return change.state;
}

/** A row's outcome from its command's reply: done (what it did), asked of an approver, or failed (why). */
function changeOf(reply: Reply, at: Date): StepChange {
  switch (reply.kind) {
    case 'error':
      return { state: 'failed', detail: reply.message, at };
    case 'approval-request':
      return { state: 'waiting', detail: `Request ${reply.request.id} waits for an approver.`, at };
    case 'result': {
      const progress = reply.progress?.summary;
      const failedStep = reply.progress?.steps.some((step) => step.state === 'failed');
      return {
        state: failedStep ? 'failed' : 'done',
        detail: progress ? `${reply.title}. ${progress}` : reply.title,
        at,
      };
    }
    default:
      return { state: 'failed', detail: `It answered with a ${reply.kind} instead of running; run it on its own.`, at };
  }
}

/** The new users' temporary passwords as a CSV only the requester is shown. */
function withPasswords(reply: ResultReply, passwords: NewPassword[]): ResultReply {
  if (passwords.length === 0) return reply;
  const csv = writeCsv([['upn', 'temporaryPassword'], ...passwords.map((entry) => [entry.upn, entry.password])]);
  return {
    ...reply,
    secret: { label: `Temporary passwords of the ${passwords.length} new users (CSV, shown only to you)`, value: csv },
  };
}
