/**
 * `notify here` moving a customer's channel: the open discrepancies are posted again in the new channel (one card
 * each, or a digest with its per-kind buttons, as a sync posts them), and the cards they were on in the old channel
 * are updated in place to say where they went, their buttons gone. The old channel is remembered, so a click on one
 * of its cards that was still shown is told where the discrepancy lives now (`movedCardNote`).
 */
import { randomUUID } from 'node:crypto';
import type { Request } from '../core/request';
import type { Runtime } from '../core/runtime';
import { possessive } from '../core/words';
import type { ConversationRef, Customer, Discrepancy, MessageRef, Platform } from '../store/types';
import { findDigest, messageKey, postDiscrepancies } from './channel-messages';

export interface ChannelMove {
  /** The channel bound before, if any. */
  from: ConversationRef | null;
  to: ConversationRef;
}

export interface MoveOutcome {
  /** Open discrepancies posted in the new channel. */
  posted: number;
  /** Cards in the old channel marked as moved. */
  markedMoved: number;
  /** Why the open ones could not be posted again, when they could not. */
  failure?: string;
}

export async function moveDiscrepancies(runtime: Runtime, customer: Customer, move: ChannelMove): Promise<MoveOutcome> {
  const open = (await runtime.store.discrepancies.listOpen(customer.id)).filter((d) => d.status === 'open');
  const moved = move.from !== null && !sameChannel(move.from, move.to);
  if (moved) await rememberOldChannel(runtime, customer.id, move.from!);
  // Binding the same channel again posts only what never reached a channel (a sync with none bound).
  const toPost = moved ? open : open.filter((d) => !d.messageRef);
  const oldCards = moved ? cardsOf(open) : [];
  let posted = 0;
  try {
    posted = await postDiscrepancies(
      runtime,
      customer,
      toPost.map((d) => d.id),
      randomUUID(),
      { again: true },
    );
  } catch (error) {
    runtime.logger.warn({ err: error, customerId: customer.id }, 'could not post the open discrepancies again');
    return { posted, markedMoved: 0, failure: (error as Error).message };
  }
  let markedMoved = 0;
  for (const card of oldCards) {
    if (await markMoved(runtime, customer, card, move.to)) markedMoved++;
  }
  return { posted, markedMoved };
}

/**
 * What a decision clicked on a card in a channel the customer's discrepancies moved away from is told, or undefined
 * when the click came from elsewhere (the bound channel, a chat with a `discrepancies` listing).
 */
export async function movedCardNote(
  runtime: Runtime,
  request: Request,
  customer: Customer,
): Promise<string | undefined> {
  const { context } = request;
  if (context.isPersonal || !context.channelKey || (context.origin !== 'teams' && context.origin !== 'slack')) {
    return undefined;
  }
  const binding = await runtime.store.bindings.get(customer.id);
  if (!binding || sameChannel(binding, { platform: context.origin, channelKey: context.channelKey })) return undefined;
  const key = oldChannelKey(customer.id, { platform: context.origin, channelKey: context.channelKey });
  if ((await runtime.store.settings.get(key)) === null) return undefined;
  return `This card moved to ${describeChannel(binding, context.origin)}: ${possessive(customer.name)} open discrepancies are decided there now, or from any chat with \`discrepancies ${customer.id}\`.`;
}

interface OldCard {
  ref: MessageRef;
  members: Discrepancy[];
}

/** The distinct messages the open discrepancies were posted on. */
function cardsOf(open: readonly Discrepancy[]): OldCard[] {
  const cards = new Map<string, OldCard>();
  for (const discrepancy of open) {
    if (!discrepancy.messageRef) continue;
    const key = messageKey(discrepancy.messageRef);
    const card = cards.get(key) ?? { ref: discrepancy.messageRef, members: [] };
    card.members.push(discrepancy);
    cards.set(key, card);
  }
  return [...cards.values()];
}

async function markMoved(runtime: Runtime, customer: Customer, card: OldCard, to: ConversationRef): Promise<boolean> {
  const where = describeChannel(to, card.ref.platform);
  const digest = await findDigest(runtime, card.ref);
  const what =
    digest || card.members.length > 1
      ? `${possessive(customer.name)} open discrepancies are decided there now`
      : `the discrepancy on ${card.members[0]!.upn} is decided there now`;
  try {
    await runtime.notifier!.update(card.ref, {
      kind: 'text',
      text: `Moved to ${where}: ${what}, or from any chat with \`discrepancies ${customer.id}\`.`,
    });
    return true;
  } catch (error) {
    // The discrepancies are in the new channel; only the old card still shows its buttons (a click is told).
    runtime.logger.warn({ err: error, customerId: customer.id }, 'could not mark a card as moved');
    return false;
  }
}

/** "#helpdesk", or "Slack #helpdesk" seen from a Teams card. */
function describeChannel(channel: ConversationRef, seenFrom: Platform): string {
  const name = channel.channelName ?? 'the channel bound with notify here';
  if (channel.platform === seenFrom) return name;
  return `${channel.platform === 'teams' ? 'Teams' : 'Slack'} ${name}`;
}

function sameChannel(a: Pick<ConversationRef, 'platform' | 'channelKey'>, b: typeof a): boolean {
  return a.platform === b.platform && a.channelKey === b.channelKey;
}

function oldChannelKey(customerId: string, channel: Pick<ConversationRef, 'platform' | 'channelKey'>): string {
  return `moved-channel:${customerId}:${channel.platform}:${channel.channelKey}`;
}

async function rememberOldChannel(runtime: Runtime, customerId: string, from: ConversationRef): Promise<void> {
  await runtime.store.settings.set(oldChannelKey(customerId, from), runtime.clock.now().toISOString());
}
