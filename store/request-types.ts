/** Approval requests (design §9): plain data, as every store adapter keeps them. */
import type { ConversationRef, MessageRef } from './types';

export type ApprovalState = 'open' | 'approved' | 'denied' | 'expired' | 'cancelled';

/**
 * A command someone asked for that their role does not allow on its own (design §9): an approver approves or denies
 * it in chat; approved, it runs as the approver. `command` is the Command as asked (core/request.ts), kept as data.
 */
export interface ApprovalRequest {
  /** Short and typable: shown as `Request <id>`, taken by `cancel request <id>`. */
  id: string;
  customerId: string;
  command: Record<string, unknown>;
  /** Identity of who asked (teams:…, slack:…). */
  requester: string;
  requesterName?: string;
  /** Where it was asked: the requester hears there what came of it. */
  requestedIn?: ConversationRef;
  /** Where the requester can be told privately (a time-boxed role's warning), when that is not where they asked. */
  requesterPrivately?: ConversationRef;
  reason?: string;
  ticket?: string;
  state: ApprovalState;
  createdAt: Date;
  expiresAt: Date;
  /** Who closed it (approver, or the requester for a cancel) and when; absent for an expiry. */
  decidedBy?: string;
  decidedByName?: string;
  decidedAt?: Date;
  comment?: string;
  /** What running an approved request did. */
  result?: 'applied' | 'failed';
  error?: string;
  /** The cards posted for it (the approvals channel), updated in place when it closes. */
  messageRefs: MessageRef[];
}

/** How a request is closed: the first close of an open request wins. */
export interface ApprovalClosing {
  state: Exclude<ApprovalState, 'open'>;
  at: Date;
  by?: string;
  byName?: string;
  comment?: string;
}
