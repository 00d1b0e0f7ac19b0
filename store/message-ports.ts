/** The store's records of chat messages m365ops redraws: `discrepancies` listings and sync digests. */
import type { DiscrepancyKind, MessageRef } from './types';

/** A page of a `discrepancies` listing: what it was asked for and its rows, in their order. */
export interface ListingPage {
  customerId?: string;
  kind?: DiscrepancyKind;
  page: number;
  ids: string[];
}

export interface ListingRepo {
  /** Keeps the page and returns its short id (the same page always gets the same id). */
  save(page: ListingPage): Promise<string>;
  get(id: string): Promise<ListingPage | null>;
}

/** The run a posted sync digest belongs to. */
export interface DigestRecord {
  customerId: string;
  runId: string;
}

/** Which message holds which sync run's digest, both ways (a click on a digest redraws the whole digest). */
export interface DigestRepo {
  put(ref: MessageRef, digest: DigestRecord): Promise<void>;
  /** The digest a message is, if it is one. */
  findByMessage(ref: MessageRef): Promise<DigestRecord | null>;
  /** The message a run's digest was posted as, if it was. */
  findByRun(customerId: string, runId: string): Promise<MessageRef | null>;
}
