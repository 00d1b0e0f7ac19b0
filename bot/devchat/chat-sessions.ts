/**
 * The web chat's browser sessions. Each is an unguessable token (the page's HttpOnly cookie) bound to its own
 * conversation with an unguessable id, and holds the bot's messages for that conversation until the page takes
 * them. A message is handed out once and then forgotten, so a temporary password leaves the server's memory as
 * soon as the page has it; sessions left idle are dropped with whatever they still hold.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface OutboxEvent {
  seq: number;
  op: 'message' | 'update' | 'typing';
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
}

export interface ChatSession {
  /** The cookie value: 32 random bytes, base64url. */
  token: string;
  /** `a:devchat-` and 32 random hex digits. */
  conversationId: string;
  /** The Teams user id (29:…) the page speaks as; the identity itself is the configured operator's. */
  userId: string;
}

export interface ChatSessions {
  open(): ChatSession;
  /** The live session a cookie token names, if any. */
  find(token: string | undefined): ChatSession | undefined;
  /** The live session whose conversation this is, if any. */
  findByConversation(conversationId: string): ChatSession | undefined;
  append(session: ChatSession, event: Omit<OutboxEvent, 'seq'>): void;
  /** The session's waiting events, oldest first; they are forgotten as they are handed out. */
  take(session: ChatSession): OutboxEvent[];
}

export interface ChatSessionLimits {
  now?: () => number;
  /** A session not seen for this long is dropped (default 1 hour). */
  idleMs?: number;
  maxSessions?: number;
  /** Older waiting events are dropped beyond this many per session. */
  maxWaiting?: number;
}

interface SessionState {
  session: ChatSession;
  waiting: OutboxEvent[];
  seenAt: number;
}

export function createChatSessions(limits: ChatSessionLimits = {}): ChatSessions {
  const now = limits.now ?? Date.now;
  const idleMs = limits.idleMs ?? 60 * 60 * 1000;
  const maxSessions = limits.maxSessions ?? 100;
  const maxWaiting = limits.maxWaiting ?? 200;
  // Keyed by a digest of the token, so a lookup does not compare the secret itself.
  const byDigest = new Map<string, SessionState>();
  const byConversation = new Map<string, SessionState>();
  let seq = 0;

  function drop(digest: string, state: SessionState) {
    byDigest.delete(digest);
    byConversation.delete(state.session.conversationId);
    state.waiting.length = 0;
  }

  function dropIdle() {
    const cutoff = now() - idleMs;
    for (const [digest, state] of byDigest) if (state.seenAt < cutoff) drop(digest, state);
  }

  function dropOldestBeyond(limit: number) {
    // Map iteration is in insertion order and `touch` re-inserts, so the first entries are the least recently seen.
    for (const [digest, state] of byDigest) {
      if (byDigest.size <= limit) return;
      drop(digest, state);
    }
  }

  function touch(digest: string, state: SessionState) {
    state.seenAt = now();
    byDigest.delete(digest);
    byDigest.set(digest, state);
  }

  return {
    open() {
      dropIdle();
      dropOldestBeyond(maxSessions - 1);
      const session: ChatSession = {
        token: randomBytes(32).toString('base64url'),
        conversationId: `a:devchat-${randomBytes(16).toString('hex')}`,
        userId: `29:devchat-${randomBytes(12).toString('hex')}`,
      };
      const state: SessionState = { session, waiting: [], seenAt: now() };
      byDigest.set(digestOf(session.token), state);
      byConversation.set(session.conversationId, state);
      return session;
    },

    find(token) {
      if (!token) return undefined;
      dropIdle();
      const digest = digestOf(token);
      const state = byDigest.get(digest);
      if (!state) return undefined;
      touch(digest, state);
      return state.session;
    },

    findByConversation(conversationId) {
      dropIdle();
      return byConversation.get(conversationId)?.session;
    },

    append(session, event) {
      const state = byConversation.get(session.conversationId);
      if (!state) return;
      state.waiting.push({ ...event, seq: ++seq });
      if (state.waiting.length > maxWaiting) state.waiting.splice(0, state.waiting.length - maxWaiting);
    },

    take(session) {
      const state = byConversation.get(session.conversationId);
      if (!state) return [];
      return state.waiting.splice(0, state.waiting.length);
    },
  };
}

function digestOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
