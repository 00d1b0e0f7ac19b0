/** The record of an admin role m365ops gave (store port `adminGrants`). */
import type { ConversationRef } from './types';

/**
 * Where an admin grant stands: `active` while the role is held; `ending` once its end has been claimed (the removal
 * is under way, by one worker); `overdue` when the removal kept failing for an hour past the end (still retried);
 * `ended` when m365ops removed the role; `ended-by-hand` when the role was already gone at the end.
 */
export type AdminGrantState = 'active' | 'ending' | 'overdue' | 'ended' | 'ended-by-hand';

/** The states of a grant whose role m365ops still means to end: at most one such grant per user. */
export const currentGrantStates: readonly AdminGrantState[] = ['active', 'ending', 'overdue'];

/** An admin role m365ops gave a user (grant admin), time-boxed when `endsAt` is set. */
export interface AdminGrant {
  id: string;
  customerId: string;
  objectId: string;
  upn: string;
  /** The role as the customer names it (a role name or template id). */
  role: string;
  /** When the role was given: the clock of a time box starts here, not when it was asked for. */
  grantedAt: Date;
  /** When the role ends by itself; absent = until revoked. */
  endsAt?: Date;
  /** The identity that gave the role (the approver who ran or approved it). */
  grantedBy: string;
  grantedByName?: string;
  /** Whoever asked for it: the requester of a request, or the approver themself. */
  requester: string;
  requesterName?: string;
  /** Where the requester can be told privately that the role is ending. */
  requesterConversation?: ConversationRef;
  requestId?: string;
  reason?: string;
  ticket?: string;
  state: AdminGrantState;
  /** Attempts at removing the role at its end. */
  endingAttempts: number;
  /** Who claimed the end and until when the claim holds (a crashed worker's claim is taken over after it). */
  endingBy?: string;
  endingUntil?: Date;
  /** The warning before the end was sent for this end time. */
  warnedFor?: Date;
  overdueSince?: Date;
  endedAt?: Date;
  /** Who ended it: `m365ops` at the end time, or the identity that revoked or ended it now. */
  endedBy?: string;
  lastError?: string;
  updatedAt: Date;
}
