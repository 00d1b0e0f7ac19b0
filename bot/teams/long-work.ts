/**
 * Long work in a chat: the handler keeps running while the user sees a "working…" card, which is then replaced
 * in place with the result. Teams gives a turn 10–15 s (an invoke about 5 s) before it retries, so anything
 * slower than `workingCardAfterMs` finishes outside the turn, through a proactive continuation.
 */
import type { ConversationReference, TurnContext } from 'botbuilder';
import { renderWorkingCard } from '../../cards';
import type { Reply } from '../../core/reply';
import type { BackgroundTasks } from './background-tasks';
import { cardMessage } from './card-messages';
import { deliverReply, type ReplyDelivery, type Requester } from './deliver-reply';
import { continueConversation } from './teams-adapter';

/** Progress updates of the working card are spaced at least this far apart (Teams limits edits like posts). */
const progressIntervalMs = 1500;

export interface PendingReply {
  /** Settles with the reply (never rejects). */
  reply: Promise<Reply>;
  /** The latest progress line the handler reported, if any. */
  progress(): string | undefined;
  /** Called with each new progress line. */
  onProgress(listener: (text: string) => void): void;
}

export function createPendingReply(start: (onProgress: (text: string) => void) => Promise<Reply>): PendingReply {
  let latest: string | undefined;
  const listeners: ((text: string) => void)[] = [];
  const reply = start((text) => {
    latest = text;
    for (const listener of listeners) listener(text);
  });
  return { reply, progress: () => latest, onProgress: (listener) => listeners.push(listener) };
}

/** The reply if it comes within `ms`, otherwise undefined (the handler keeps running). */
export async function replyWithin(pending: PendingReply, ms: number): Promise<Reply | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([pending.reply, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface FinishLaterOptions extends ReplyDelivery {
  background: BackgroundTasks;
  reference: Partial<ConversationReference>;
  requester: Requester;
  /** The message showing the working card (replaced with the result); absent = post the result as new. */
  workingActivityId?: string;
}

/**
 * Replaces the working card with progress lines and finally the result, after the turn has ended. Edits run one
 * after another, so a late progress line can never overwrite the result.
 */
export function finishLater(pending: PendingReply, options: FinishLaterOptions): void {
  const { teams, background, reference, workingActivityId, logger } = options;
  const continueInConversation = (logic: (context: TurnContext) => Promise<void>) =>
    continueConversation(teams, reference, logic);

  let edits = Promise.resolve();
  let finished = false;
  let lastProgressAt = 0;
  const enqueue = (edit: () => Promise<void>) => {
    edits = edits
      .then(edit)
      .catch((error: unknown) => logger.warn({ err: error }, 'could not update the working card'));
    return edits;
  };

  if (workingActivityId) {
    pending.onProgress((text) => {
      const now = Date.now();
      if (finished || now - lastProgressAt < progressIntervalMs) return;
      lastProgressAt = now;
      void enqueue(async () => {
        if (finished) return;
        await continueInConversation((context) =>
          context
            .updateActivity({
              ...cardMessage(renderWorkingCard(text)),
              id: workingActivityId,
              conversation: context.activity.conversation,
            })
            .then(() => undefined),
        );
      });
    });
  }

  background.run(async () => {
    const reply = await pending.reply;
    finished = true;
    await edits;
    await continueInConversation((context) =>
      deliverReply(options, context, options.requester, reply, workingActivityId),
    );
  });
}
