/**
 * Where request cards go and how they are kept current: APPROVALS_CHANNEL for the requester's platform when set,
 * else the customer's bound channel. Every posted card is updated in place when the request closes, and the
 * requester is told in the conversation they asked from.
 */
import type { ApprovalRequest } from '../../store/request-types';
import type { ConversationRef, Customer, MessageRef } from '../../store/types';
import { fail } from '../errors';
import type { ChannelReply } from '../notifier';
import type { Reply } from '../reply';
import type { RequestContext } from '../request';
import type { Runtime } from '../runtime';
import { noteOperationCard } from '../steps/operation-card';
import { possessive } from '../words';
import { type ApprovalRequestReply, requestView } from './request-view';

type Destination = ConversationRef | 'customer';

/** The channel a new request of `customer` asked from `context` is posted to; refuses when there is none. */
export async function requestDestination(
  runtime: Runtime,
  customer: Customer,
  context: RequestContext,
): Promise<Destination> {
  const platform = context.origin === 'teams' || context.origin === 'slack' ? context.origin : undefined;
  const key = platform ? runtime.settings.approvalsChannels?.[platform] : undefined;
  if (platform && key) {
    const bound = await runtime.store.bindings.findByChannel(platform, key);
    if (bound) return bound;
    if (platform === 'slack') return { platform, channelKey: key, reference: { channelId: key } };
    const reference = context.channelReference as { conversation?: Record<string, unknown> } | undefined;
    if (reference) {
      return {
        platform,
        channelKey: key,
        reference: { ...reference, conversation: { ...reference.conversation, id: key } },
      };
    }
  }
  if (runtime.notifier && (await runtime.notifier.canPost(customer.id))) return 'customer';
  throw fail(
    'no-channel',
    `No channel receives ${possessive(customer.name)} requests, so no approver would see this one; ask an m365ops admin to run \`notify here ${customer.id}\` in the approvers' channel. Nothing was asked.`,
  );
}

export async function postRequestCard(
  runtime: Runtime,
  destination: Destination,
  request: ApprovalRequest,
  customer: Customer,
): Promise<void> {
  const notifier = runtime.notifier;
  if (!notifier) return;
  const card: ApprovalRequestReply = { kind: 'approval-request', request: requestView(request, customer) };
  const ref: MessageRef =
    destination === 'customer' ? await notifier.post(customer.id, card) : await notifier.postTo(destination, card);
  await runtime.store.requests.addMessageRef(request.id, ref);
}

/** Redraws every card of the request as it stands now, for everyone who sees it. */
export async function refreshRequestCards(
  runtime: Runtime,
  request: ApprovalRequest,
  customer: Customer,
): Promise<void> {
  const card: ApprovalRequestReply = { kind: 'approval-request', request: requestView(request, customer) };
  for (const ref of request.messageRefs) {
    await runtime.notifier?.update(ref, card).catch((error: unknown) => {
      runtime.logger.warn({ err: error, requestId: request.id }, 'could not update a request card');
    });
  }
}

/** Tells the requester, where they asked, what came of their request. */
export async function tellRequester(runtime: Runtime, request: ApprovalRequest, text: string): Promise<void> {
  if (!request.requestedIn || !runtime.notifier) return;
  const reply: ChannelReply = { kind: 'text', text };
  await runtime.notifier.postTo(request.requestedIn, reply).catch((error: unknown) => {
    runtime.logger.warn({ err: error, requestId: request.id }, 'could not tell the requester');
  });
}

/**
 * The card of an approved command that goes on in steps (an offboarding, an add user), posted where the requester
 * asked and redrawn there as its steps finish; the approver's own answer is the request card. Never a secret.
 */
export async function postProgressToRequester(runtime: Runtime, request: ApprovalRequest, reply: Reply): Promise<void> {
  if (reply.kind !== 'result' || !reply.progress || !request.requestedIn || !runtime.notifier) return;
  const { secret: _secret, ...card } = reply;
  try {
    const ref = await runtime.notifier.postTo(request.requestedIn, card);
    await noteOperationCard(runtime, card, ref);
  } catch (error) {
    runtime.logger.warn({ err: error, requestId: request.id }, 'could not post the card of an approved operation');
  }
}
