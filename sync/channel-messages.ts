/**
 * Discrepancies in the customer's channel: posted one card each, or — more than `digestThreshold` from one run —
 * one digest card (counts per kind, "Approve all <kind>", a list to decide one by one). Every discrepancy keeps
 * the MessageRef it was posted with, so it is never posted twice and its card is updated in place for everyone.
 * A digest is remembered in the store's settings, so any replica can re-render it.
 */
import type { DigestReply, DiscrepancyView } from '../core/reply';
import type { Runtime } from '../core/runtime';
import { messageKey } from '../store/digest-repo';
import type { DigestRecord } from '../store/ports';
import type { Customer, Discrepancy, DiscrepancyKind, MessageRef } from '../store/types';
import { describeDiscrepancy } from './discrepancy-view';

export const digestThreshold = 10;
/** Items listed on a digest (open ones first; within both renderers' caps); counts and "Approve all" cover the rest. */
export const digestItemLimit = 20;

export { messageKey };

export async function loadPlanNames(runtime: Runtime): Promise<Map<string, string>> {
  return new Map((await runtime.store.plans.list()).map((plan) => [plan.id, plan.name]));
}

/** The display name the decider had, kept in the decision's audit record. */
export async function deciderName(runtime: Runtime, discrepancy: Discrepancy): Promise<string | undefined> {
  const auditId = discrepancy.decision?.auditId;
  if (!auditId) return undefined;
  const byName = (await runtime.store.audit.get(auditId))?.details?.byName;
  return typeof byName === 'string' ? byName : undefined;
}

/** The card's view, with the decider's display name from the decision's audit record when there is one. */
export async function viewOf(
  runtime: Runtime,
  discrepancy: Discrepancy,
  customer: Customer,
  planNames: ReadonlyMap<string, string>,
): Promise<DiscrepancyView> {
  return describeDiscrepancy(discrepancy, {
    customerName: customer.name,
    planNames,
    deciderName: await deciderName(runtime, discrepancy),
  });
}

/** Posts what is not posted yet; returns how many discrepancies reached the channel. */
export async function postDiscrepancies(
  runtime: Runtime,
  customer: Customer,
  ids: readonly string[],
  runId: string,
): Promise<number> {
  const { notifier } = runtime;
  if (ids.length === 0 || !notifier || !(await notifier.canPost(customer.id))) return 0;
  const planNames = await loadPlanNames(runtime);
  if (ids.length > digestThreshold) return postDigest(runtime, customer, ids, runId, planNames);
  let posted = 0;
  for (const id of ids) {
    const discrepancy = await runtime.store.discrepancies.get(id);
    if (!discrepancy || discrepancy.messageRef) continue;
    const view = await viewOf(runtime, discrepancy, customer, planNames);
    const ref = await notifier.post(customer.id, { kind: 'discrepancy', discrepancy: view });
    await runtime.store.discrepancies.setMessageRef(id, ref);
    posted++;
  }
  return posted;
}

async function postDigest(
  runtime: Runtime,
  customer: Customer,
  ids: readonly string[],
  runId: string,
  planNames: ReadonlyMap<string, string>,
): Promise<number> {
  const counts = new Map<DiscrepancyKind, number>();
  const shown: Discrepancy[] = [];
  const unposted: string[] = [];
  for (const id of ids) {
    const discrepancy = await runtime.store.discrepancies.get(id);
    if (!discrepancy || discrepancy.messageRef) continue;
    unposted.push(id);
    counts.set(discrepancy.kind, (counts.get(discrepancy.kind) ?? 0) + 1);
    if (shown.length < digestItemLimit && discrepancy.status === 'open') shown.push(discrepancy);
  }
  if (unposted.length === 0) return 0;
  const reply = await digestReply(runtime, customer, runId, counts, shown, planNames);
  const ref = await runtime.notifier!.post(customer.id, reply);
  await runtime.store.digests.put(ref, { customerId: customer.id, runId });
  for (const id of unposted) await runtime.store.discrepancies.setMessageRef(id, ref);
  return unposted.length;
}

async function digestReply(
  runtime: Runtime,
  customer: Customer,
  runId: string,
  counts: ReadonlyMap<DiscrepancyKind, number>,
  shown: readonly Discrepancy[],
  planNames: ReadonlyMap<string, string>,
): Promise<DigestReply> {
  const items: DiscrepancyView[] = [];
  for (const discrepancy of shown) items.push(await viewOf(runtime, discrepancy, customer, planNames));
  return {
    kind: 'digest',
    customerId: customer.id,
    customerName: customer.name,
    runId,
    counts: [...counts].map(([kind, count]) => ({ kind, count })),
    items,
  };
}

/** The digest a message is, if it is one. */
export async function findDigest(runtime: Runtime, ref: MessageRef): Promise<DigestRecord | null> {
  return runtime.store.digests.findByMessage(ref);
}

export async function findDigestOfRun(runtime: Runtime, customerId: string, runId: string): Promise<MessageRef | null> {
  return runtime.store.digests.findByRun(customerId, runId);
}

/** The digest as it stands now: every discrepancy posted on it, open ones listed first. */
export async function renderDigest(
  runtime: Runtime,
  customer: Customer,
  ref: MessageRef,
  digest: DigestRecord,
): Promise<DigestReply> {
  const key = messageKey(ref);
  const members = (await runtime.store.discrepancies.list(customer.id)).filter(
    (d) => d.messageRef !== undefined && messageKey(d.messageRef) === key,
  );
  const counts = new Map<DiscrepancyKind, number>();
  for (const d of members) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  const rank = (d: Discrepancy) => (d.status === 'open' ? 0 : d.status === 'deciding' ? 1 : 2);
  const shown = members.sort((a, b) => rank(a) - rank(b) || a.upn.localeCompare(b.upn)).slice(0, digestItemLimit);
  return digestReply(runtime, customer, digest.runId, counts, shown, await loadPlanNames(runtime));
}

/** Updates the card a discrepancy was posted on (its own, or the digest it is listed on) for everyone. */
export async function refreshMessage(runtime: Runtime, customer: Customer, discrepancy: Discrepancy): Promise<void> {
  const ref = discrepancy.messageRef;
  if (!ref || !runtime.notifier) return;
  try {
    const digest = await findDigest(runtime, ref);
    if (digest) {
      await runtime.notifier.update(ref, await renderDigest(runtime, customer, ref, digest));
      return;
    }
    const view = await viewOf(runtime, discrepancy, customer, await loadPlanNames(runtime));
    await runtime.notifier.update(ref, { kind: 'discrepancy', discrepancy: view });
  } catch (error) {
    // The decision stands and is in the audit log; only the card is stale.
    runtime.logger.warn({ err: error, discrepancyId: discrepancy.id }, 'could not update the discrepancy card');
  }
}
