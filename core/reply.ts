/**
 * What a handler answers: transport-neutral view models. bot/ renders them (cards/ for Adaptive Cards and
 * Block Kit, plain text for the CLI). A Reply never carries a secret except in `secret`, which transports must
 * deliver only to the requester in private.
 */

import type { DiscrepancyKind, ServiceUser } from '../store/types';
import type { ApprovalRequestListReply, ApprovalRequestReply } from './approvals/request-view';
import type { LicencesReply } from './licences-view';
import type { DiscrepancyListing, FormName } from './request';
import type { ProgressView } from './steps/progress-view';

export interface Choice {
  value: string;
  title: string;
}

export interface Secret {
  /** e.g. "Temporary password for jane@contoso.com" */
  label: string;
  value: string;
}

export interface ResultReply {
  kind: 'result';
  /** One line: "Added jane@contoso.com to Contoso Ltd". */
  title: string;
  /** What was done, one fact a line. */
  facts: { label: string; value: string }[];
  notes?: string[];
  customerId?: string;
  customerName?: string;
  tenantId?: string;
  auditId?: string;
  secret?: Secret;
  /** Every record the facts summarise, as rows an export can write (the CLI's `--csv`); chat shows the facts. */
  table?: ReplyTable;
  /** A tracked operation's steps (core/steps): the card is redrawn in place as they finish. */
  progress?: ProgressView;
  /** A file the reply comes with (a report): the transports send it as a file, the CLI writes it to stdout. */
  file?: ReplyFile;
}

export interface ReplyFile {
  /** licences-contoso-2026-11.csv */
  name: string;
  mediaType: 'text/csv';
  content: string;
  /**
   * The command, as typed, that draws the same file again (a report of a named month): a transport that must ask
   * before it sends a file (Teams' file consent) runs it again once the person accepts.
   */
  again?: string;
}

export interface ReplyTable {
  columns: string[];
  rows: string[][];
}

export interface ErrorReply {
  kind: 'error';
  /** A plain sentence: what was wrong and what would be right. */
  message: string;
  code: string;
  /** Near misses ("did you mean …") or the allowed values. */
  suggestions?: string[];
  /** For role refusals: the role that would be needed. */
  neededRole?: string;
  /** A refused decide click: the card it came from as it stands now (shown with the message where it is redrawn). */
  current?: ClickedCard;
}

export interface FormReply {
  kind: 'form';
  form: FormName;
  title: string;
  customerId?: string;
  customerName?: string;
  values: Record<string, string | boolean | undefined>;
  /** Field id -> choices (planId, domain, usageLocation, customerId). */
  choices: Record<string, Choice[]>;
  /** Field id -> error shown next to the input. */
  errors: Record<string, string>;
  /** Lines shown above the form (free licences per plan). */
  info: string[];
  /** Field id -> what its toggle says for this customer ("Make Global Administrator"), over the form's default. */
  toggleTitles?: Record<string, string>;
}

export interface ConfirmReply {
  kind: 'confirm';
  title: string;
  /** What will happen, in plain words. */
  summary: string[];
  /** The command that runs when confirmed (carries confirmed: true). */
  confirmCommand: import('./request').Command;
  confirmLabel: string;
  /**
   * A decision that asks first: the card its button is on (a discrepancy's, or a digest), shown under the question
   * where the clicked card is redrawn (Teams).
   */
  current?: { discrepancy?: DiscrepancyView; digest?: DigestReply; listing?: DiscrepancyListReply };
}

export interface UserListReply {
  kind: 'users';
  customerId: string;
  customerName: string;
  /** The deleted users (`users <customer> deleted`); otherwise the live ones, never the deleted. */
  deleted?: boolean;
  users: Pick<ServiceUser, 'upn' | 'displayName' | 'planId' | 'admin' | 'status' | 'usageLocation' | 'aliases'>[];
  planNames: Record<string, string>;
}

export interface StatusReply {
  kind: 'status';
  customers: {
    id: string;
    name: string;
    tenantId?: string;
    consent: string;
    users: number;
    openDiscrepancies: number;
    lastSync?: string;
    plans: { planId: string; name: string; used: number; limit?: number; freeLicences?: number }[];
    channel?: string;
  }[];
}

export interface PlansReply {
  kind: 'plans';
  customerId?: string;
  plans: { id: string; name: string; skus: string[]; limit?: number; used?: number; freeLicences?: number }[];
}

export interface ConsentLinkReply {
  kind: 'consent-link';
  customerId: string;
  customerName: string;
  /** The link for the administrator; absent once it is used (the card then shows the outcome). */
  url?: string;
  expiresAt: string;
  /** Names the link: a transport hands it back with where it posted the card (M365ops.replyPosted). */
  linkId: string;
  /** What came of the link, when the administrator answered: the card is updated in place to say it. */
  outcome?: { text: string; at: string };
}

export interface HelpReply {
  kind: 'help';
  commands: { usage: string; description: string; example: string; role: string }[];
  /** The last line: what else exists for other roles and who grants them (absent when nothing else exists). */
  more?: string;
}

/** Said once when the bot is installed or added to a team or channel: what it does and where to start. */
export interface WelcomeReply {
  kind: 'welcome';
  title: string;
  lines: string[];
  /** The first commands to try, each a button that runs it. */
  commands: string[];
}

export interface DiscrepancyView {
  id: string;
  customerId: string;
  customerName: string;
  kind: DiscrepancyKind;
  upn: string;
  /** One sentence: what sync found. */
  summary: string;
  expected: string;
  actual: string;
  approveMeans: string;
  revokeMeans: string;
  /** What each button says it does for this kind ("Adopt under …", "Remove licences…"); "…" when it asks first. */
  approveLabel: string;
  revokeLabel: string;
  status: string;
  decidedBy?: string;
  decidedAt?: string;
  decision?: 'approve' | 'revoke';
  result?: string;
  /** What an applied decision did, in one sentence ("Removed 2 licences from …"), when it was recorded. */
  done?: string;
}

export interface DiscrepancyReply {
  kind: 'discrepancy';
  discrepancy: DiscrepancyView;
}

export interface DigestReply {
  kind: 'digest';
  customerId: string;
  customerName: string;
  runId: string;
  /** Every discrepancy posted on the digest, per kind, and how many of them are still open. */
  counts: { kind: DiscrepancyKind; count: number; open: number }[];
  /** In the order they were found, decided ones in place; at most a window of them (the rest are counted). */
  items: DiscrepancyView[];
}

/**
 * A page of `discrepancies`: the open ones it was asked for, with their buttons; once one is decided from it, the
 * page comes back with that row's outcome in place (its rows are `listing.ids`, whatever their status now).
 */
export interface DiscrepancyListReply {
  kind: 'discrepancy-list';
  /** "Open discrepancies of Contoso Ltd", with the kind when one was asked for. */
  title: string;
  listing: DiscrepancyListing;
  /** The stored page's id, which its decision buttons carry (store/listing-repo.ts). */
  listingId: string;
  /** How many open ones match now, and on how many pages. */
  open: number;
  pages: number;
  /** Rows of several customers name theirs. */
  manyCustomers: boolean;
  items: DiscrepancyView[];
  /** The next page, while there is one. */
  more?: import('./request').Command;
}

export interface SyncSummaryReply {
  kind: 'sync-summary';
  customers: {
    customerId: string;
    customerName: string;
    outcome: 'ok' | 'failed' | 'skipped';
    error?: string;
    found: number;
    autoApproved: number;
    posted: number;
    resolved: number;
    usersRead: number;
    /** Discrepancies this run raised that were not open before. */
    created?: number;
    /** Open discrepancies this run tried to post, this one's and earlier runs' left unposted. */
    toPost?: number;
    /** Nothing could be posted because no channel receives the customer's notifications. */
    noChannel?: boolean;
    /** What the run could not check, one sentence each (a plan group the tenant lacks). */
    notes?: string[];
  }[];
}

/** What `doctor` found: one row per thing checked, ✅ / ⚠️ / ❌ with a sentence and a fix. */
export interface DoctorReply {
  kind: 'doctor';
  /** "2 problems, 1 warning" */
  summary: string;
  rows: import('./doctor/doctor-row').DoctorRow[];
}

export interface TextReply {
  kind: 'text';
  text: string;
  /** A decide click that came too late: the card it came from as it stands now (shown with the text). */
  current?: ClickedCard;
}

/**
 * The card a decide click came from, as it stands now, for a transport that replaces the clicked card with its
 * answer (Teams): the discrepancy, and the digest it is listed on when it was posted on one.
 */
export interface ClickedCard {
  discrepancy: DiscrepancyView;
  digest?: DigestReply;
  /** The `discrepancies` listing it was clicked on. */
  listing?: DiscrepancyListReply;
}

/**
 * Admin access as people follow it: a time-boxed role about to end (with Extend 1h and End now), ended, or overdue,
 * and `admins <customer>`, one section per holder of the role.
 */
export interface AdminAccessReply {
  kind: 'admin-access';
  /** `alert` is for what people must act on (an end that keeps failing). */
  tone: 'info' | 'warning' | 'alert';
  title: string;
  customerId: string;
  customerName: string;
  sections: {
    heading?: string;
    facts: { label: string; value: string }[];
    actions: { label: string; command: import('./request').Command }[];
  }[];
  notes: string[];
}

export type Reply =
  | AdminAccessReply
  | ResultReply
  | ErrorReply
  | FormReply
  | ConfirmReply
  | UserListReply
  | StatusReply
  | PlansReply
  | ConsentLinkReply
  | HelpReply
  | WelcomeReply
  | DiscrepancyReply
  | DigestReply
  | DiscrepancyListReply
  | SyncSummaryReply
  | DoctorReply
  | TextReply
  | ApprovalRequestReply
  | ApprovalRequestListReply
  | LicencesReply
  | import('./preview/preview-view').PreviewReply;

export type { ApprovalRequestListReply, ApprovalRequestReply, ApprovalRequestView } from './approvals/request-view';
export type { CustomerLicences, LicencesReply, SkuLicences } from './licences-view';
