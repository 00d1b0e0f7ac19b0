/**
 * An operation's card: the first answer's title and facts (kept on the operation, never a password) with the steps
 * as they stand. Posted where the command was asked; every card of the operation is redrawn in place as steps finish.
 */
import type { TrackedOperation } from '../../store/tracked-operation';
import type { MessageRef } from '../../store/types';
import type { ResultReply } from '../reply';
import type { Runtime } from '../runtime';
import { progressView } from './progress-view';

/**
 * What of the first answer the card keeps showing (no secret); `doneTitle` replaces the title once every step is
 * done or skipped ("Offboarded …" after "Offboarding …"), so the title never says done before the steps are.
 */
export type OperationCard = Omit<ResultReply, 'kind' | 'secret' | 'progress' | 'table'> & { doneTitle?: string };

const kindTitles: Record<TrackedOperation['kind'], string> = {
  'add-user': 'Adding',
  'change-plan': 'Changing the plan of',
  offboard: 'Offboarding',
  bulk: 'Bulk batch of',
};

/** The input field that keeps the card. */
export const cardInputKey = 'card';

export function operationReply(operation: TrackedOperation): ResultReply {
  const kept = operation.input[cardInputKey] as OperationCard | undefined;
  const { doneTitle, ...card }: Partial<OperationCard> = kept ?? {};
  const finished = operation.steps.every((step) => step.state === 'done' || step.state === 'skipped');
  const title = finished && doneTitle ? doneTitle : card.title;
  return {
    ...card,
    facts: card.facts ?? [],
    title: title ?? `${kindTitles[operation.kind]} ${operation.upn}`,
    kind: 'result',
    progress: progressView(operation),
  };
}

/** Redraws every posted card of the operation; a card that cannot be redrawn is logged, never thrown. */
export async function redrawOperationCards(runtime: Runtime, operation: TrackedOperation): Promise<void> {
  if (!runtime.notifier || operation.messageRefs.length === 0) return;
  const reply = operationReply(operation);
  for (const ref of operation.messageRefs) {
    await runtime.notifier.update(ref, reply).catch((error: unknown) => {
      runtime.logger.warn({ err: error, operationId: operation.id }, 'could not update the card of an operation');
    });
  }
}

/** Keeps where a transport posted an operation's card (M365ops.replyPosted), so it is redrawn later. */
export async function noteOperationCard(runtime: Runtime, reply: ResultReply, ref: MessageRef): Promise<void> {
  if (!reply.progress || reply.progress.answerOnly) return;
  const operation = await runtime.store.trackedOperations.addMessageRef(reply.progress.operationId, ref);
  // A step that finished while the card was on its way: the card shows it now.
  const now = progressView(operation);
  if (JSON.stringify(now) === JSON.stringify(reply.progress) || !runtime.notifier) return;
  await runtime.notifier.update(ref, operationReply(operation)).catch((error: unknown) => {
    runtime.logger.warn({ err: error, operationId: operation.id }, 'could not update the card of an operation');
  });
}
