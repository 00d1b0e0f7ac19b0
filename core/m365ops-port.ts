/**
 * m365ops as the transports see it: the one narrow port every chat transport, the CLI and the consent page call.
 * They hold this and nothing else of the product (not the store, not the Microsoft client).
 */
import type { MessageRef } from '../store/types';
import type { Reply } from './reply';
import type { ProgressListener, Request } from './request';

export interface ConsentCallbackPage {
  status: number;
  /** A plain HTML page for the administrator who just consented (or did not). */
  html: string;
}

/** The configured plan and customer ids, so the parser can say "did you mean …". */
export interface ParseHints {
  planIds?: string[];
  customerIds?: string[];
}

/** Keys that make a CLI request resumable after a crash (kept in the store's settings). */
export interface RequestKeys {
  /** Stores the value only if the key is absent; returns the value stored afterwards (ours or the earlier one). */
  setIfAbsent(key: string, value: string): Promise<string>;
  set(key: string, value: string): Promise<void>;
}

export interface M365ops {
  handle(request: Request, onProgress?: ProgressListener): Promise<Reply>;
  /**
   * Where a transport posted a reply: a reply that is updated in place later (a consent link's card, once the
   * administrator answers) keeps it; any other is ignored. Best effort: never throws.
   */
  replyPosted(reply: Reply, message: MessageRef): Promise<void>;
  /** GET /consent/callback with the query Entra redirects with. */
  handleConsentCallback(query: Record<string, string | undefined>): Promise<ConsentCallbackPage>;
  /**
   * Whether `person` (a platform's own key, such as `slack:<team>:<user>`) is to be welcomed now: true the first
   * time only, across restarts and replicas. Best effort: false when the store cannot tell.
   */
  claimWelcome(person: string): Promise<boolean>;
  /** The ids the parser suggests from. */
  parseHints(): Promise<ParseHints>;
  requestKeys: RequestKeys;
}
