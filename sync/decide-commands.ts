/**
 * The Approve / Revoke buttons (`decide`) and "Approve all <kind>" on a digest (`decide-all`). Roles are checked
 * by the handlers' dispatch (approver, and for decide-all the effects of its kind); a single decision's effects
 * are known once its discrepancy is read, so they are checked here (a Revoke of admin-revoked gives an admin role
 * back). Here too: never one's own change, one that takes something away or gives an admin role asks first (and
 * "Approve all" once for its batch: sync/decision-confirmation.ts), the first click wins, and the answer.
 */
import { recordAudit } from '../core/audit';
import { requireEffects } from '../core/authorize';
import { decisionEffects } from '../core/commands/effects';
import { toErrorReply } from '../core/errors';
import type {
  ClickedCard,
  ConfirmReply,
  DigestReply,
  DiscrepancyReply,
  Reply,
  ResultReply,
  TextReply,
} from '../core/reply';
import type { Command, Request } from '../core/request';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation, Runtime } from '../core/runtime';
import type { Customer, Discrepancy, DiscrepancyKind, MessageRef } from '../store/types';
import {
  deciderName,
  findDigest,
  findDigestOfRun,
  loadPlanNames,
  messageKey,
  refreshMessage,
  renderDigest,
  viewOf,
} from './channel-messages';
import { alreadyDecided, checkNotOwnChange, decide, getDiscrepancy } from './decide';
import { asksFirst, batchQuestion, revokeQuestion } from './decision-confirmation';
import { renderSavedListing } from './discrepancy-listing';
import { movedCardNote } from './move-discrepancies';

type DecideCommand = Extract<Command, { name: 'decide' }>;
type DecideAllCommand = Extract<Command, { name: 'decide-all' }>;

export async function decideOne(runtime: Runtime, request: Request, command: DecideCommand): Promise<Reply> {
  const invocation: Invocation = { runtime, request };
  const discrepancy = await getDiscrepancy(invocation, command.discrepancyId);
  await requireEffects(invocation, decisionEffects(discrepancy.kind, command.action));
  const customer = await getCustomer(invocation, discrepancy.customerId);
  invocation.target = discrepancy.upn;
  if (discrepancy.status !== 'open') {
    const text = alreadyDecided(discrepancy, await deciderName(runtime, discrepancy));
    return textReply(text, await clickedCard(runtime, customer, discrepancy, command.listing));
  }
  // A card left in a channel the customer's discrepancies moved away from (`notify here`) says where they are now.
  const moved = command.listing ? undefined : await movedCardNote(runtime, request, customer);
  if (moved) return { kind: 'text', text: moved };
  try {
    checkNotOwnChange(invocation, discrepancy);
  } catch (error) {
    await recordAudit(invocation, {
      action: `${command.action}-discrepancy`,
      result: 'refused',
      error: (error as Error).message,
      details: { discrepancyId: discrepancy.id, kind: discrepancy.kind },
    });
    return {
      ...toErrorReply(error, runtime.logger),
      current: await clickedCard(runtime, customer, discrepancy, command.listing),
    };
  }
  // A click that would take something away or give an admin role asks first; only its confirmation acts.
  if (!command.confirmed && asksFirst(discrepancy, command.action)) {
    return askBeforeDeciding(runtime, customer, discrepancy, command);
  }
  const outcome = await decide(invocation, customer, discrepancy, { action: command.action });
  if (outcome.outcome === 'already') {
    return textReply(outcome.message, await clickedCard(runtime, customer, outcome.discrepancy, command.listing));
  }
  // The clicker's card is replaced by the answer (Teams): a listing stays that listing, a digest stays a digest.
  const listing = command.listing ? await renderSavedListing(runtime, command.listing) : undefined;
  if (listing) return listing;
  const ref = outcome.discrepancy.messageRef;
  const digest = ref ? await findDigest(runtime, ref) : null;
  if (ref && digest) return renderDigest(runtime, customer, ref, digest);
  return cardReply(runtime, customer, outcome.discrepancy);
}

export async function decideEveryOpen(runtime: Runtime, request: Request, command: DecideAllCommand): Promise<Reply> {
  const invocation: Invocation = { runtime, request };
  const customer = await getCustomer(invocation, command.customerId);
  const identity = request.context.identity;
  const moved = command.runId ? await movedCardNote(runtime, request, customer) : undefined;
  if (moved) return { kind: 'text', text: moved };
  const digestRef = command.runId ? await findDigestOfRun(runtime, customer.id, command.runId) : null;
  const candidates = await openOfKind(runtime, customer, command.kind, digestRef);
  if (!command.confirmed) {
    const decidable = candidates.filter((d) => !d.causedBy || d.causedBy !== identity);
    if (decidable.length > 0) return askBeforeDecidingAll(runtime, customer, command, { decidable, digestRef });
  }
  const cards = new Map<string, { ref: MessageRef; discrepancy: Discrepancy }>();
  let applied = 0;
  let ownChanges = 0;
  const failures: string[] = [];
  for (const discrepancy of candidates) {
    if (discrepancy.causedBy && discrepancy.causedBy === identity) {
      ownChanges++;
      continue;
    }
    const outcome = await decide(invocation, customer, discrepancy, { action: command.action, refreshCard: false });
    if (outcome.outcome === 'applied') applied++;
    if (outcome.outcome === 'failed') failures.push(`${discrepancy.upn}: ${outcome.error}`);
    if (outcome.discrepancy.messageRef) {
      cards.set(messageKey(outcome.discrepancy.messageRef), {
        ref: outcome.discrepancy.messageRef,
        discrepancy: outcome.discrepancy,
      });
    }
  }
  // One update per card: a digest is re-rendered once, not once per item.
  for (const { discrepancy } of cards.values()) await refreshMessage(runtime, customer, discrepancy);

  const digest = digestRef ? await findDigest(runtime, digestRef) : null;
  if (digestRef && digest) return renderDigest(runtime, customer, digestRef, digest) satisfies Promise<DigestReply>;
  return summaryReply(customer, command, { applied, ownChanges, failures, total: candidates.length });
}

/** The open ones of `kind`: those listed on the digest the button is on, or (without one) all of the customer's. */
async function openOfKind(
  runtime: Runtime,
  customer: Customer,
  kind: DiscrepancyKind,
  digestRef: MessageRef | null,
): Promise<Discrepancy[]> {
  const open = (await runtime.store.discrepancies.listOpen(customer.id, kind)).filter((d) => d.status === 'open');
  if (!digestRef) return open;
  const key = messageKey(digestRef);
  return open.filter((d) => d.messageRef !== undefined && messageKey(d.messageRef) === key);
}

/** The question a decision asks first, on the card it came from; its confirmation carries `confirmed`. */
async function askBeforeDeciding(
  runtime: Runtime,
  customer: Customer,
  discrepancy: Discrepancy,
  command: DecideCommand,
): Promise<ConfirmReply> {
  const planNames = await loadPlanNames(runtime);
  return {
    kind: 'confirm',
    ...revokeQuestion(discrepancy, { customerName: customer.name, planNames }),
    confirmCommand: { ...command, confirmed: true },
    current: await clickedCard(runtime, customer, discrepancy, command.listing),
  };
}

/** "Approve all" asks once for its whole batch, naming how many and who. */
async function askBeforeDecidingAll(
  runtime: Runtime,
  customer: Customer,
  command: DecideAllCommand,
  batch: { decidable: Discrepancy[]; digestRef: MessageRef | null },
): Promise<ConfirmReply> {
  const planNames = await loadPlanNames(runtime);
  const all = await openOfKind(runtime, customer, command.kind, batch.digestRef);
  const question = batchQuestion(command.kind, command.action, batch.decidable, {
    customerName: customer.name,
    planNames,
    ownChanges: all.length - batch.decidable.length,
  });
  const digest = batch.digestRef ? await findDigest(runtime, batch.digestRef) : null;
  return {
    kind: 'confirm',
    ...question,
    confirmCommand: { ...command, confirmed: true },
    ...(batch.digestRef && digest
      ? { current: { digest: await renderDigest(runtime, customer, batch.digestRef, digest) } }
      : {}),
  };
}

function summaryReply(
  customer: Customer,
  command: DecideAllCommand,
  counts: { applied: number; ownChanges: number; failures: string[]; total: number },
): ResultReply {
  const verb = command.action === 'approve' ? 'Approved' : 'Revoked';
  const notes: string[] = [];
  if (counts.total === 0) notes.push(`No ${command.kind} discrepancy of ${customer.name} was open.`);
  if (counts.ownChanges > 0) notes.push(`${counts.ownChanges} you caused were left for another approver.`);
  notes.push(...counts.failures.map((failure) => `Failed: ${failure}`));
  return {
    kind: 'result',
    title: `${verb} ${counts.applied} ${command.kind} ${counts.applied === 1 ? 'discrepancy' : 'discrepancies'} of ${customer.name}`,
    facts: [
      { label: 'Kind', value: command.kind },
      { label: 'Decided', value: String(counts.applied) },
      { label: 'Failed', value: String(counts.failures.length) },
    ],
    notes,
    customerId: customer.id,
    customerName: customer.name,
  };
}

async function cardReply(runtime: Runtime, customer: Customer, discrepancy: Discrepancy): Promise<DiscrepancyReply> {
  return {
    kind: 'discrepancy',
    discrepancy: await viewOf(runtime, discrepancy, customer, await loadPlanNames(runtime)),
  };
}

/**
 * The card the click came from as it stands now: the discrepancy, with the `discrepancies` listing it was clicked
 * on, or else the digest it is listed on.
 */
async function clickedCard(
  runtime: Runtime,
  customer: Customer,
  discrepancy: Discrepancy,
  listingId?: string,
): Promise<ClickedCard> {
  const view = await viewOf(runtime, discrepancy, customer, await loadPlanNames(runtime));
  const listing = listingId ? await renderSavedListing(runtime, listingId) : undefined;
  if (listing) return { discrepancy: view, listing };
  const ref = discrepancy.messageRef;
  const digest = ref ? await findDigest(runtime, ref) : null;
  if (!ref || !digest) return { discrepancy: view };
  return { discrepancy: view, digest: await renderDigest(runtime, customer, ref, digest) };
}

function textReply(text: string, current: ClickedCard): TextReply {
  return { kind: 'text', text, current };
}
