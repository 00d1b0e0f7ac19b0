/**
 * A tracked operation: a multi-step change to one user (add user, change plan, offboard) as people follow it, step
 * by step, on one card that is updated in place as steps finish, hours later if a step waits for the tenant. One
 * document each; every change is one atomic update of that document (no transactions).
 */
import type { MessageRef } from './types';

/** `bulk`: a batch of CSV rows, one step per row (handlers/bulk-run.ts runs them through the handlers). */
export type TrackedOperationKind = 'add-user' | 'change-plan' | 'offboard' | 'bulk';

export type StepState = 'pending' | 'running' | 'done' | 'waiting' | 'failed' | 'skipped';

export interface TrackedStep {
  /** Names the step's implementation within its operation kind (plain words, unique in the operation). */
  key: string;
  /** What people read: "Create the account and assign licences". */
  label: string;
  state: StepState;
  /** Why it waits, why it was skipped, or the service's reason for a failure (a plain sentence). */
  detail?: string;
  /** When the step last changed state. */
  at?: Date;
  /** While waiting: when it is tried again. */
  retryAt?: Date;
}

export interface TrackedOperation {
  id: string;
  customerId: string;
  kind: TrackedOperationKind;
  /** The user the operation is about. */
  upn: string;
  requestedBy: string;
  /** In the order they run. */
  steps: TrackedStep[];
  /** What the steps need when they run again later (object id, groups, mailbox grants); never a password. */
  input: Record<string, unknown>;
  /** Where the operation's card was posted (updated in place as steps finish). */
  messageRefs: MessageRef[];
  createdAt: Date;
  updatedAt: Date;
}

export type NewTrackedOperation = Omit<TrackedOperation, 'id' | 'messageRefs' | 'createdAt' | 'updatedAt'>;

/** What a step change sets: `detail` and `retryAt` are cleared when not given. */
export interface StepChange {
  state: StepState;
  detail?: string;
  retryAt?: Date;
  at: Date;
}

export interface TrackedOperationRepo {
  /** Records a new operation under a new short id (as request ids: upper-case letters and digits). */
  create(operation: NewTrackedOperation): Promise<TrackedOperation>;
  /** Ids compare case-insensitively. */
  get(id: string): Promise<TrackedOperation | null>;
  /** A customer's operations, newest first, optionally only those about one UPN (any case) or of one kind. */
  list(customerId: string, filter?: { upn?: string; kind?: TrackedOperationKind }): Promise<TrackedOperation[]>;
  /**
   * Changes one step, only while its state is one of `from` (any state when absent): of concurrent calls from the
   * same state exactly one wins; a loser gets the operation as it stands. Null when no operation has that id;
   * StoreError('not-found') when it has no such step.
   */
  setStep(
    id: string,
    key: string,
    change: StepChange,
    from?: readonly StepState[],
  ): Promise<{ won: boolean; operation: TrackedOperation } | null>;
  /** Merges top-level fields into `input` (what a step learned, such as the user's object id). */
  mergeInput(id: string, input: Record<string, unknown>): Promise<TrackedOperation>;
  /** Keeps where a card of the operation was posted (a ref already kept is not added twice). */
  addMessageRef(id: string, ref: MessageRef): Promise<TrackedOperation>;
}

/** The operation with one step changed, as both adapters write it; null when it has no step `key`. */
export function withStepChanged(operation: TrackedOperation, key: string, change: StepChange): TrackedOperation | null {
  if (!operation.steps.some((step) => step.key === key)) return null;
  const steps = operation.steps.map((step) => {
    if (step.key !== key) return step;
    const next: TrackedStep = { key: step.key, label: step.label, state: change.state, at: change.at };
    if (change.detail !== undefined) next.detail = change.detail;
    if (change.retryAt !== undefined) next.retryAt = change.retryAt;
    return next;
  });
  return { ...operation, steps, updatedAt: change.at };
}

/** Whether two message refs name the same posted message. */
export function sameMessage(a: MessageRef, b: MessageRef): boolean {
  return a.platform === b.platform && JSON.stringify(a.ref) === JSON.stringify(b.ref);
}
