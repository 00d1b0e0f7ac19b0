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
import {
  type Customer,
  type Discrepancy,
  type DiscrepancyKind,
  discrepancyKinds,
  type MessageRef,
} from '../store/types';
import { describeDiscrepancy } from './discrepancy-view';

export const digestThreshold = 10;
/**
 * A digest lists its discrepancies in the order found, decided ones in place with their outcome, up to this many
 * open ones and this many rows in all (within both renderers' caps); the counts and "Approve all" cover the rest.
 */
export const digestItemLimit = 20;
export const digestRowLimit = 25;

export { messageKey };

/** Store reads and writes of a digest's members go in batches of this many. */
const storeBatch = 500;

function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let at = 0; at < items.length; at += size) chunks.push(items.slice(at, at + size));
  return chunks;
}

export async function loadPlanNames(runtime: Runtime): Promise<Map<string, string>> {
  return new Map((await runtime.store.plans.list()).map((plan) => [plan.id, plan.name]));
}

/** The display name the decider had, kept in the decision's audit record. */
export async function deciderName(runtime: Runtime, discrepancy: Discrepancy): Promise<string | undefined> {
  return (await decisionTrail(runtime, discrepancy)).byName;
}

/** Who decided (display name) and what the decision did, from its audit record. */
async function decisionTrail(runtime: Runtime, discrepancy: Discrepancy): Promise<{ byName?: string; done?: string }> {
  const auditId = discrepancy.decision?.auditId;
  const details = auditId ? (await runtime.store.audit.get(auditId))?.details : undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return { byName: text(details?.byName), done: text(details?.done) };
}

/** The card's view, with the decider's display name and what was done from the decision's audit record. */
export async function viewOf(
  runtime: Runtime,
  discrepancy: Discrepancy,
  customer: Customer,
  planNames: ReadonlyMap<string, string>,
): Promise<DiscrepancyView> {
  const trail = await decisionTrail(runtime, discrepancy);
  return describeDiscrepancy(discrepancy, {
    customerName: customer.name,
    planNames,
    deciderName: trail.byName,
    done: trail.done,
  });
}

/**
 * Posts what is not posted yet (with `again`, also what was posted elsewhere: `notify here` moved the channel);
 * returns how many discrepancies reached the channel.
 */
export async function postDiscrepancies(
  runtime: Runtime,
  customer: Customer,
  ids: readonly string[],
  runId: string,
  options: { again?: boolean } = {},
): Promise<number> {
  const { notifier } = runtime;
  if (ids.length === 0 || !notifier || !(await notifier.canPost(customer.id))) return 0;
  const planNames = await loadPlanNames(runtime);
  const unposted = (d: Discrepancy) => options.again === true || !d.messageRef;
  if (ids.length > digestThreshold) return postDigest(runtime, customer, { ids, runId, unposted }, planNames);
  let posted = 0;
  for (const id of ids) {
    const discrepancy = await runtime.store.discrepancies.get(id);
    if (!discrepancy || !unposted(discrepancy)) continue;
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
  batch: { ids: readonly string[]; runId: string; unposted: (d: Discrepancy) => boolean },
  planNames: ReadonlyMap<string, string>,
): Promise<number> {
  const { ids, runId } = batch;
  const members: Discrepancy[] = [];
  for (const chunk of chunksOf(ids, storeBatch)) {
    for (const discrepancy of await runtime.store.discrepancies.getMany(chunk)) {
      if (batch.unposted(discrepancy)) members.push(discrepancy);
    }
  }
  if (members.length === 0) return 0;
  const reply = await digestReply(runtime, customer, runId, members, planNames);
  const ref = await runtime.notifier!.post(customer.id, reply);
  await runtime.store.digests.put(ref, { customerId: customer.id, runId });
  // One write per batch, not one (and one fsync) per member: a first sync's digest holds every user of the tenant.
  for (const chunk of chunksOf(members, storeBatch)) {
    await runtime.store.discrepancies.setMessageRefs(chunk.map(({ id }) => ({ id, messageRef: ref })));
  }
  return members.length;
}

/** The digest of `members`: counts per kind (all, open) and the listed window, in the order found. */
async function digestReply(
  runtime: Runtime,
  customer: Customer,
  runId: string,
  members: Discrepancy[],
  planNames: ReadonlyMap<string, string>,
): Promise<DigestReply> {
  const ordered = [...members].sort(digestOrder);
  const counts = new Map<DiscrepancyKind, { kind: DiscrepancyKind; count: number; open: number }>();
  for (const d of ordered) {
    const entry = counts.get(d.kind) ?? { kind: d.kind, count: 0, open: 0 };
    entry.count++;
    if (d.status === 'open') entry.open++;
    counts.set(d.kind, entry);
  }
  const items: DiscrepancyView[] = [];
  for (const discrepancy of listedWindow(ordered)) items.push(await viewOf(runtime, discrepancy, customer, planNames));
  return {
    kind: 'digest',
    customerId: customer.id,
    customerName: customer.name,
    runId,
    counts: [...counts.values()],
    items,
  };
}

/**
 * One order for a digest whatever its items' status, so a row never moves when it is decided: by kind (in the
 * order kinds are listed), then user, then id.
 */
export function digestOrder(a: Discrepancy, b: Discrepancy): number {
  const kind = discrepancyKinds.indexOf(a.kind) - discrepancyKinds.indexOf(b.kind);
  return kind || a.upn.localeCompare(b.upn) || a.id.localeCompare(b.id);
}

/** The first rows in order, until `digestItemLimit` open ones or `digestRowLimit` rows are listed. */
function listedWindow(ordered: readonly Discrepancy[]): Discrepancy[] {
  const listed: Discrepancy[] = [];
  let open = 0;
  for (const d of ordered) {
    if (listed.length >= digestRowLimit || open >= digestItemLimit) break;
    listed.push(d);
    if (d.status === 'open') open++;
  }
  return listed;
}

/** The digest a message is, if it is one. */
export async function findDigest(runtime: Runtime, ref: MessageRef): Promise<DigestRecord | null> {
  return runtime.store.digests.findByMessage(ref);
}

export async function findDigestOfRun(runtime: Runtime, customerId: string, runId: string): Promise<MessageRef | null> {
  return runtime.store.digests.findByRun(customerId, runId);
}

/** The discrepancies posted on the digest message `ref`. */
export async function digestMembers(runtime: Runtime, customerId: string, ref: MessageRef): Promise<Discrepancy[]> {
  const key = messageKey(ref);
  return (await runtime.store.discrepancies.list(customerId)).filter(
    (d) => d.messageRef !== undefined && messageKey(d.messageRef) === key,
  );
}

/** The digest as it stands now: every discrepancy posted on it, in the order found, decided ones in place. */
export async function renderDigest(
  runtime: Runtime,
  customer: Customer,
  ref: MessageRef,
  digest: DigestRecord,
): Promise<DigestReply> {
  const members = await digestMembers(runtime, customer.id, ref);
  return digestReply(runtime, customer, digest.runId, members, await loadPlanNames(runtime));
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
