/**
 * What a successful read leaves behind: each finding stored as the one open discrepancy of its user and kind,
 * the open ones the tenant put right closed (their cards updated), the kinds the customer auto-approves applied,
 * and everything not yet in the channel posted.
 */
import type { ProgressListener } from '../core/request';
import type { Invocation, Runtime } from '../core/runtime';
import { countOf } from '../core/words';
import type { Customer, Discrepancy, DiscrepancyKind } from '../store/types';
import { messageKey, postDiscrepancies, refreshMessage } from './channel-messages';
import type { Comparison, OpenIndex } from './compare-tenant';
import { decide } from './decide';
import type { FindingSpool } from './finding-spool';
import { syncRequest } from './sync-request';

/** Findings per store write: one journal append and fsync (or one bulk write) each, a bounded batch in memory. */
const writeBatch = 500;

export interface Recorded {
  created: string[];
  resolved: number;
  autoApproved: number;
}

export async function recordFindings(
  runtime: Runtime,
  customer: Customer,
  runId: string,
  spool: FindingSpool,
  comparison: Comparison,
  open: OpenIndex,
): Promise<Recorded> {
  const autoKinds = new Set<DiscrepancyKind>(customer.syncPolicy.autoApprove);
  const created: string[] = [];
  const toApprove: string[] = [];
  for await (const findings of inBatches(spool.drain(), writeBatch)) {
    const stored = await runtime.store.discrepancies.upsertOpenMany(
      findings.map((finding) => ({ ...finding, customerId: customer.id, runId })),
    );
    for (const { discrepancy, created: isNew } of stored) {
      if (isNew) {
        created.push(discrepancy.id);
        runtime.metrics?.discrepanciesOpened.inc({ kind: discrepancy.kind });
      }
      if (autoKinds.has(discrepancy.kind) && discrepancy.status === 'open') toApprove.push(discrepancy.id);
    }
  }
  const resolved = await resolvePutRight(runtime, customer, comparison, open);
  const autoApproved = await autoApprove(runtime, customer, toApprove);
  return { created, resolved, autoApproved };
}

/** The open discrepancies the tenant put right, closed in batches; each card they sit on updated once. */
async function resolvePutRight(
  runtime: Runtime,
  customer: Customer,
  comparison: Comparison,
  open: OpenIndex,
): Promise<number> {
  const putRight: string[] = [];
  for (const [objectId, entries] of open) {
    for (const entry of entries) {
      if (comparison.evaluated(objectId, entry.kind) && !comparison.foundKinds(objectId)?.has(entry.kind)) {
        putRight.push(entry.id);
      }
    }
  }
  let resolved = 0;
  // One update per card: a digest whose items the tenant put right is re-rendered once, not once per item.
  const cards = new Map<string, Discrepancy>();
  for (let start = 0; start < putRight.length; start += writeBatch) {
    for (const closed of await runtime.store.discrepancies.resolveMany(putRight.slice(start, start + writeBatch))) {
      resolved++;
      if (closed.messageRef) cards.set(messageKey(closed.messageRef), closed);
    }
  }
  for (const closed of cards.values()) await refreshMessage(runtime, customer, closed);
  return resolved;
}

/** The customer's auto-approved kinds, decided as a click would be; read again first, as a person may have been quicker. */
async function autoApprove(runtime: Runtime, customer: Customer, ids: readonly string[]): Promise<number> {
  let autoApproved = 0;
  const invocation: Invocation = { runtime, request: syncRequest(customer), customer };
  for (let start = 0; start < ids.length; start += writeBatch) {
    for (const discrepancy of await runtime.store.discrepancies.getMany(ids.slice(start, start + writeBatch))) {
      if (discrepancy.status !== 'open') continue;
      const outcome = await decide(invocation, customer, discrepancy, { action: 'approve', automatic: true });
      if (outcome.outcome === 'applied') autoApproved++;
    }
  }
  return autoApproved;
}

async function* inBatches<T>(items: AsyncIterable<T>, size: number): AsyncIterable<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** This run's new discrepancies, and any an earlier run stored but could not post (its poster died, no channel). */
export async function postUnposted(
  runtime: Runtime,
  customer: Customer,
  created: readonly string[],
  runId: string,
  checkpoint: () => Promise<void>,
  log: Runtime['logger'],
  progress: ProgressListener,
): Promise<PostOutcome> {
  const ids = new Set<string>();
  for (const id of created) ids.add(id);
  for (const d of await runtime.store.discrepancies.listOpen(customer.id)) if (!d.messageRef) ids.add(d.id);
  if (ids.size === 0) return { toPost: 0, posted: 0, noChannel: false };
  await checkpoint();
  const noChannel = !(await runtime.notifier?.canPost(customer.id));
  progress(`Posting ${countOf(ids.size, 'discrepancy', 'discrepancies')} of ${customer.name}…`);
  try {
    return { toPost: ids.size, posted: await postDiscrepancies(runtime, customer, [...ids], runId), noChannel };
  } catch (error) {
    // Stored and unposted: the next run posts them.
    log.warn({ err: error }, 'could not post the discrepancies; the next run will');
    return { toPost: ids.size, posted: 0, noChannel };
  }
}

export interface PostOutcome {
  toPost: number;
  posted: number;
  /** No channel receives the customer's notifications, so they wait for `notify here`. */
  noChannel: boolean;
}
