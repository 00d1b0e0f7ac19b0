/**
 * One sync run of one customer tenant: under the tenant's lease, read and compare (nothing stored until the read
 * succeeded), then record findings (one open discrepancy per user and kind), close those the tenant put right,
 * apply the kinds the customer auto-approves, store the new delta link, and post what is not posted yet.
 */
import { randomUUID } from 'node:crypto';
import { isCodedError } from '../common/coded-error';
import { formatWhen } from '../common/format-when';
import { HandlerError } from '../core/handler-error';
import type { SyncSummaryReply } from '../core/reply';
import type { ProgressListener } from '../core/request';
import type { Runtime } from '../core/runtime';
import { possessive } from '../core/words';
import type { Customer } from '../store/types';
import { type Comparison, compareTenant, type OpenIndex } from './compare-tenant';
import { openFindingSpool } from './finding-spool';
import { fullPassDue } from './full-pass';
import { buildPlanCatalog } from './plan-catalog';
import { postUnposted, recordFindings } from './record-findings';
import { acquireSyncLease, type HeldLease, LeaseLostError } from './tenant-lease';

export type CustomerSyncOutcome = SyncSummaryReply['customers'][number] & {
  runId?: string;
  /** Set when another replica holds the lease: when to look again. */
  retryAt?: Date;
};

export interface SyncCustomerOptions {
  /** Owner of the lease: unique per run. */
  owner: string;
  leaseMs: number;
  fullPassEveryMs: number;
  /** A run a person asked for (`sync`): plan groups are read on a delta round too, not only by the full pass. */
  planGroupsEveryRun?: boolean;
  /** A scheduled run: skipped when a run already started at or after this time (each tenant once per tick). */
  tick?: Date;
  onProgress?: ProgressListener;
  /** Aborting stops the run at the next page, leaving its lease to expire: as if the process had died. */
  signal?: AbortSignal;
}

/** Unfinished decisions (a replica died while applying) go back to open after this long. */
const staleDecisionMs = 15 * 60_000;

class RunAborted extends Error {}

export async function syncCustomer(
  runtime: Runtime,
  customer: Customer,
  options: SyncCustomerOptions,
): Promise<CustomerSyncOutcome> {
  const started = performance.now();
  let outcome: CustomerSyncOutcome | undefined;
  try {
    outcome = await syncCustomerOnce(runtime, customer, options);
    return outcome;
  } finally {
    // A run that threw counts as failed.
    const result = outcome?.outcome ?? 'failed';
    runtime.metrics?.syncs.inc({ result });
    runtime.metrics?.syncDuration.observe({ result }, (performance.now() - started) / 1000);
    runtime.metrics?.usersRead.inc(outcome?.usersRead ?? 0);
  }
}

async function syncCustomerOnce(
  runtime: Runtime,
  customer: Customer,
  options: SyncCustomerOptions,
): Promise<CustomerSyncOutcome> {
  const base = {
    customerId: customer.id,
    customerName: customer.name,
    found: 0,
    autoApproved: 0,
    posted: 0,
    resolved: 0,
    usersRead: 0,
  };
  if (!customer.tenantId) {
    return { ...base, outcome: 'skipped', error: `${customer.name} has no tenant yet (send a consent link first).` };
  }
  if (customer.consent.status === 'denied') {
    return { ...base, outcome: 'skipped', error: `${possessive(customer.name)} administrator declined consent.` };
  }
  const leaseOptions = {
    store: runtime.store,
    clock: runtime.clock,
    logger: runtime.logger,
    owner: options.owner,
    ttlMs: options.leaseMs,
  };
  const acquired = await acquireSyncLease(leaseOptions, customer.id);
  if (!('lease' in acquired)) {
    return {
      ...base,
      outcome: 'skipped',
      error: `Another m365ops replica is syncing ${customer.name} right now; it posts what it finds.`,
      retryAt: acquired.expiresAt,
    };
  }
  const { lease } = acquired;
  let abandoned = false;
  try {
    if (options.tick) {
      const last = (await runtime.store.syncState.get(customer.id))?.lastRun;
      if (last && last.outcome !== 'running' && last.startedAt.getTime() >= options.tick.getTime()) {
        return { ...base, outcome: 'skipped', error: `Already synced at ${formatWhen(last.startedAt)}.` };
      }
    }
    return await runUnderLease(runtime, customer, options, lease, base);
  } catch (error) {
    if (error instanceof RunAborted) {
      abandoned = true;
      lease.abandon();
      return { ...base, outcome: 'failed', error: 'The run was stopped before it finished.' };
    }
    if (error instanceof LeaseLostError) return { ...base, outcome: 'failed', error: error.message };
    throw error;
  } finally {
    if (!abandoned) await lease.release();
  }
}

async function runUnderLease(
  runtime: Runtime,
  customer: Customer,
  options: SyncCustomerOptions,
  lease: HeldLease,
  base: Omit<CustomerSyncOutcome, 'outcome'>,
): Promise<CustomerSyncOutcome> {
  const runId = randomUUID();
  const startedAt = runtime.clock.now();
  const log = runtime.logger.child({ customerId: customer.id, runId });
  const progress = options.onProgress ?? (() => {});
  const state = await runtime.store.syncState.get(customer.id);
  await runtime.store.syncState.put(customer.id, { lastRun: { runId, startedAt, outcome: 'running' } });

  const checkpoint = async () => {
    if (options.signal?.aborted) throw new RunAborted();
    await lease.check();
  };
  const tenant = runtime.gateway.forTenant(customer.tenantId!);
  const spool = await openFindingSpool();
  let comparison: Comparison;
  let open: OpenIndex;
  try {
    progress(`Reading ${possessive(customer.name)} tenant…`);
    open = await indexOpen(runtime, customer);
    const catalog = Promise.all([runtime.store.plans.list(), tenant.listSkus()]).then(([plans, skus]) =>
      buildPlanCatalog(customer, plans, skus),
    );
    comparison = await compareTenant({
      store: runtime.store,
      tenant,
      customer,
      catalog,
      open,
      spool,
      deltaLink: state?.deltaLink,
      now: startedAt,
      fullPassDue: fullPassDue(customer.id, state?.lastFullSyncAt, startedAt, options.fullPassEveryMs),
      planGroupsEveryRun: options.planGroupsEveryRun,
      logger: log,
      checkpoint,
      onUsersRead: (count) => progress(`Read ${count} users of ${customer.name}…`),
    });
  } catch (error) {
    await spool.discard();
    if (error instanceof RunAborted || error instanceof LeaseLostError) throw error;
    return failRun(runtime, customer, { runId, startedAt }, base, error, log);
  }

  try {
    await checkpoint();
    progress(`Comparing ${comparison.usersRead} users of ${customer.name} with m365ops…`);
    const recorded = await recordFindings(runtime, customer, runId, spool, comparison, open);
    await checkpoint();
    const counts = {
      found: spool.count,
      resolved: recorded.resolved,
      autoApproved: recorded.autoApproved,
      usersRead: comparison.usersRead,
    };
    await runtime.store.syncState.put(customer.id, {
      deltaLink: comparison.deltaLink,
      ...(comparison.mode === 'full' ? { lastFullSyncAt: startedAt } : {}),
      lastRun: { runId, startedAt, finishedAt: runtime.clock.now(), outcome: 'ok', counts },
    });
    await noteConsentVerified(runtime, customer, startedAt);
    const posting = await postUnposted(runtime, customer, recorded.created, runId, checkpoint, log, progress);
    const { posted } = posting;
    log.info({ mode: comparison.mode, fullReason: comparison.fullReason, ...counts, posted }, 'sync run finished');
    const notes = comparison.notes.length > 0 ? { notes: comparison.notes } : {};
    return { ...base, ...counts, ...posting, ...notes, created: recorded.created.length, outcome: 'ok', runId };
  } catch (error) {
    if (error instanceof RunAborted || error instanceof LeaseLostError) throw error;
    return failRun(runtime, customer, { runId, startedAt }, base, error, log);
  } finally {
    await spool.discard();
  }
}

/** A run that read the tenant acquired a token for it: its consent is verified (`status` says when). */
async function noteConsentVerified(runtime: Runtime, customer: Customer, at: Date): Promise<void> {
  const { consent } = customer;
  if (consent.status === 'awaiting-confirmation' || consent.status === 'denied') return;
  if (consent.status === 'granted' && consent.verifiedAt) return;
  const current = await runtime.store.customers.get(customer.id);
  if (!current || current.tenantId !== customer.tenantId) return;
  await runtime.store.customers.update(customer.id, {
    consent: { ...current.consent, status: 'granted', verifiedAt: at, detail: undefined },
  });
}

async function indexOpen(runtime: Runtime, customer: Customer): Promise<OpenIndex> {
  const open: OpenIndex = new Map();
  const now = runtime.clock.now().getTime();
  for (const d of await runtime.store.discrepancies.listOpen(customer.id)) {
    if (d.status === 'deciding' && d.decision && now - d.decision.at.getTime() > staleDecisionMs) {
      await runtime.store.discrepancies.reopen(d.id, 'The decision was interrupted before it finished; decide again.');
    }
    const entries = open.get(d.objectId) ?? [];
    entries.push({ id: d.id, kind: d.kind });
    open.set(d.objectId, entries);
  }
  return open;
}

async function failRun(
  runtime: Runtime,
  customer: Customer,
  run: { runId: string; startedAt: Date },
  base: Omit<CustomerSyncOutcome, 'outcome'>,
  error: unknown,
  log: Runtime['logger'],
): Promise<CustomerSyncOutcome> {
  const message = describeFailure(customer, error);
  log.warn({ err: error }, 'sync run failed; nothing was raised and the delta link was kept');
  await runtime.store.syncState.put(customer.id, {
    lastRun: { ...run, finishedAt: runtime.clock.now(), outcome: 'failed', error: message },
  });
  return { ...base, outcome: 'failed', error: message, runId: run.runId };
}

function describeFailure(customer: Customer, error: unknown): string {
  const reason =
    error instanceof HandlerError || isCodedError(error) ? error.message : 'an unexpected error (see the log)';
  return `Could not read ${possessive(customer.name)} tenant completely, so nothing was raised: ${reason}`;
}
