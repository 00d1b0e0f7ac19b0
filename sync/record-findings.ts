/**
 * What a successful read leaves behind: each finding stored as the one open discrepancy of its user and kind,
 * the open ones the tenant put right closed (their cards updated), the kinds the customer auto-approves applied,
 * and everything not yet in the channel posted.
 */
import type { ProgressListener } from '../core/request';
import type { Invocation, Runtime } from '../core/runtime';
import type { Customer, Discrepancy, DiscrepancyKind } from '../store/types';
import { messageKey, postDiscrepancies, refreshMessage } from './channel-messages';
import type { Comparison, OpenIndex } from './compare-tenant';
import { decide } from './decide';
import type { FindingSpool } from './finding-spool';
import { syncRequest } from './sync-request';

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
  for await (const finding of spool.drain()) {
    const { discrepancy, created: isNew } = await runtime.store.discrepancies.upsertOpen({
      ...finding,
      customerId: customer.id,
      runId,
    });
    if (isNew) {
      created.push(discrepancy.id);
      runtime.metrics?.discrepanciesOpened.inc({ kind: finding.kind });
    }
    if (autoKinds.has(finding.kind) && discrepancy.status === 'open') toApprove.push(discrepancy.id);
  }

  let resolved = 0;
  // One update per card: a digest whose items the tenant put right is re-rendered once, not once per item.
  const cards = new Map<string, Discrepancy>();
  for (const [objectId, entries] of open) {
    for (const entry of entries) {
      if (!comparison.evaluated(objectId, entry.kind) || comparison.foundKinds(objectId)?.has(entry.kind)) continue;
      const closed = await runtime.store.discrepancies.resolve(entry.id);
      if (!closed) continue;
      resolved++;
      if (closed.messageRef) cards.set(messageKey(closed.messageRef), closed);
    }
  }
  for (const closed of cards.values()) await refreshMessage(runtime, customer, closed);

  let autoApproved = 0;
  const invocation: Invocation = { runtime, request: syncRequest(customer), customer };
  for (const id of toApprove) {
    const discrepancy = await runtime.store.discrepancies.get(id);
    if (discrepancy?.status !== 'open') continue;
    const outcome = await decide(invocation, customer, discrepancy, { action: 'approve', automatic: true });
    if (outcome.outcome === 'applied') autoApproved++;
  }
  return { created, resolved, autoApproved };
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
): Promise<number> {
  const ids = new Set<string>();
  for (const id of created) ids.add(id);
  for (const d of await runtime.store.discrepancies.listOpen(customer.id)) if (!d.messageRef) ids.add(d.id);
  if (ids.size === 0) return 0;
  await checkpoint();
  progress(`Posting ${ids.size} ${ids.size === 1 ? 'discrepancy' : 'discrepancies'} of ${customer.name}…`);
  try {
    return await postDiscrepancies(runtime, customer, [...ids], runId);
  } catch (error) {
    // Stored and unposted: the next run posts them.
    log.warn({ err: error }, 'could not post the discrepancies; the next run will');
    return 0;
  }
}
