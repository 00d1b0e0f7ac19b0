/**
 * `notify here <customer>`: this Teams or Slack channel receives the customer's discrepancy notifications. Moving
 * the channel posts the open discrepancies again here and marks their old cards as moved (sync/move-discrepancies.ts).
 */
import { recordAudit } from '../core/audit';
import type { CommandOf } from '../core/commands';
import { fail } from '../core/errors';
import type { ResultReply } from '../core/reply';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { possessive } from '../core/words';
import type { Platform } from '../store/types';
import { type MoveOutcome, moveDiscrepancies } from '../sync/move-discrepancies';

export async function notifyHere(invocation: Invocation, command: CommandOf<'notify-here'>): Promise<ResultReply> {
  const { context } = invocation.request;
  const { store } = invocation.runtime;
  const customer = await getCustomer(invocation, command.customerId);
  if ((context.origin !== 'teams' && context.origin !== 'slack') || !context.channelKey) {
    throw fail(
      'not-a-channel',
      `Run \`notify here ${customer.id}\` in the Teams or Slack channel that should receive ${possessive(customer.name)} notifications.`,
    );
  }
  const platform: Platform = context.origin;
  const previous = await store.bindings.get(customer.id);
  const binding = await store.bindings.bind({
    customerId: customer.id,
    platform,
    channelKey: context.channelKey,
    channelName: context.channelName,
    reference: context.channelReference ?? {},
    boundBy: context.identity,
  });
  const moveOutcome = await moveDiscrepancies(invocation.runtime, customer, { from: previous, to: binding });
  const channel = context.channelName ?? 'this channel';
  const movedFrom =
    previous && (previous.channelKey !== context.channelKey || previous.platform !== platform)
      ? (previous.channelName ?? previous.channelKey)
      : undefined;
  const audit = await recordAudit(invocation, {
    action: 'notify-here',
    result: 'ok',
    target: customer.id,
    details: {
      platform,
      channelKey: context.channelKey,
      channelName: context.channelName,
      reposted: moveOutcome.posted,
      markedMoved: moveOutcome.markedMoved,
    },
  });
  return {
    kind: 'result',
    title: `${possessive(customer.name)} notifications now go to ${channel}`,
    facts: [{ label: 'Channel', value: `${platform === 'teams' ? 'Teams' : 'Slack'} ${channel}` }],
    notes: [
      ...(movedFrom ? [`It moved from ${movedFrom}.`] : []),
      ...describeMove(moveOutcome, movedFrom),
      `Commands here now default to ${customer.id}.`,
    ],
    auditId: audit.id,
    customerId: customer.id,
    customerName: customer.name,
    tenantId: customer.tenantId,
  };
}

function describeMove(outcome: MoveOutcome, movedFrom: string | undefined): string[] {
  if (outcome.failure) return [`The open discrepancies could not be posted here: ${outcome.failure}`];
  const notes: string[] = [];
  if (outcome.posted > 0) {
    notes.push(`${outcome.posted} open ${outcome.posted === 1 ? 'discrepancy is' : 'discrepancies are'} posted here.`);
  }
  if (movedFrom && outcome.markedMoved > 0) {
    const cards = outcome.markedMoved === 1 ? 'card' : `${outcome.markedMoved} cards`;
    notes.push(
      `The ${cards} in ${movedFrom} now ${outcome.markedMoved === 1 ? 'says where its' : 'say where their'} discrepancies went.`,
    );
  }
  return notes;
}
