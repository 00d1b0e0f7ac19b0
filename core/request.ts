/**
 * A Request is plain data: who asks, from where, and what. bot/ (Teams, Slack, CLI, web chat) builds one from
 * a message, a card action or a modal submission; handlers/ answers it with a Reply (core/reply.ts).
 */
import type { ConversationRef, DiscrepancyKind, Role, UsernameFormat } from '../store/types';
import type { RequestableEffect } from './approvals/requestable';
import type { OffboardChoice, OffboardOptionName } from './offboarding/options';

export type Origin = 'teams' | 'slack' | 'cli' | 'web' | 'sync';

export interface RequestContext {
  /** teams:<aadObjectId> | slack:<teamId>:<userId> | cli:<user> | sync */
  identity: string;
  displayName?: string;
  origin: Origin;
  /** Channel identity for `notify here` and per-channel default customers (Teams conversation id, Slack channel id). */
  channelKey?: string;
  channelName?: string;
  /** A 1:1 chat with the bot: secrets may be shown here. */
  isPersonal: boolean;
  /** Transport-specific reference the notifier needs to post to this channel later (stored by `notify here`). */
  channelReference?: Record<string, unknown>;
  /**
   * Where the requester can be told something privately later (a Slack direct message), when this conversation is
   * not private itself; absent where the transport has no such place.
   */
  privateConversation?: { channelKey: string; reference: Record<string, unknown> };
}

export type FormName = 'add-user' | 'change-plan' | 'remove-user' | 'offboard';

/** What a form's inputs hold: text and choices as strings, toggles as booleans (or "true"/"false"). */
export type FormValues = Record<string, string | boolean | undefined>;

export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'add-user-form'; customerId?: string }
  | {
      name: 'add-user';
      upn: string;
      planId: string;
      displayName?: string;
      givenName?: string;
      surname?: string;
      usageLocation?: string;
      admin: boolean;
      aliases: string[];
      customerId?: string;
      /** `admin` grants a role: chat asks first, then sends it confirmed (the CLI sends it confirmed). */
      confirmed?: boolean;
    }
  /** `add user "<display name>" plan <plan>`: the UPN is made by the plan's username format and domain. */
  | {
      name: 'add-user-named';
      displayName: string;
      planId: string;
      usageLocation?: string;
      admin: boolean;
      aliases: string[];
      customerId?: string;
      confirmed?: boolean;
    }
  /** `add user <upn> like <upn>`: the plan, groups, usage location and template grants of a managed user. */
  | { name: 'add-user-like'; upn: string; like: string; displayName?: string; customerId?: string }
  /** `add user "<display name>" like <upn>`: as above, the UPN made by the copied user's plan's format and domain. */
  | { name: 'add-user-named-like'; displayName: string; like: string; customerId?: string }
  | {
      name: 'submit-form';
      form: FormName;
      values: FormValues;
      /** Sent by the confirmation of a submission that asked first (the add-user form's admin toggle). */
      confirmed?: boolean;
    }
  /** The form drawn again for the customer now chosen, every value kept (Teams Action.Execute, Slack dispatch_action). */
  | { name: 'refresh-form'; form: FormName; values: FormValues }
  | { name: 'change-plan-form'; upn?: string; customerId?: string }
  | { name: 'change-plan'; upn: string; planId: string; customerId?: string }
  | { name: 'revoke-admin'; upn: string; customerId?: string; confirmed?: boolean }
  | {
      name: 'grant-admin';
      upn: string;
      customerId?: string;
      /** `for <duration>`: the role ends by itself this long after it is granted. */
      durationMinutes?: number;
      reason?: string;
      ticket?: string;
      confirmed?: boolean;
    }
  | { name: 'remove-user-form'; upn?: string; customerId?: string }
  | { name: 'extend-admin'; upn: string; durationMinutes: number; customerId?: string }
  | { name: 'admins'; customerId: string }
  | { name: 'policy-max-admin'; customerId: string; durationMinutes: number }
  | { name: 'policy-permanent-admin'; customerId: string; permanentAdmin: 'allow' | 'deny' }
  | { name: 'remove-user'; upn: string; delete: boolean; customerId?: string; confirmed?: boolean }
  | { name: 'restore-user'; upn: string; customerId?: string }
  /**
   * Neither options nor a preset: the offboarding form, the customer's defaults ticked. A preset is expanded into
   * options before anything runs; `at` ("YYYY-MM-DD HH:MM", the process's time zone) schedules it as a job.
   */
  | ({
      name: 'offboard';
      upn: string;
      customerId?: string;
      preset?: string;
      at?: string;
      confirmed?: boolean;
    } & OffboardChoice)
  | { name: 'cancel-offboard'; upn: string; customerId?: string }
  | { name: 'policy-offboard'; customerId: string; options: OffboardOptionName[] }
  | { name: 'reset-password'; upn: string; customerId?: string; confirmed?: boolean }
  | { name: 'consent-link'; customerId: string }
  | { name: 'verify-consent'; customerId: string }
  | { name: 'confirm-consent'; customerId: string; tenantId: string }
  | { name: 'sync'; customerId?: string }
  /** `deleted`: the users deleted in the tenant (restorable), instead of the live ones. */
  | { name: 'users'; customerId?: string; deleted?: boolean }
  | { name: 'status'; customerId?: string }
  | { name: 'plans'; customerId?: string }
  /** The open discrepancies, paged; without a customer, every customer's (or the channel's). */
  | {
      name: 'discrepancies';
      customerId?: string;
      kind?: DiscrepancyKind;
      page?: number;
      /** More: the page starts after this discrepancy (the last row of the page before), in the listing's order. */
      after?: string;
    }
  | { name: 'notify-here'; customerId: string }
  | { name: 'customer-add'; id: string; customerName: string; tenantId?: string }
  | { name: 'customer-plan'; customerId: string; planId: string; limit?: number }
  | { name: 'plan-add'; id: string; planName: string; skus: string[] }
  /** The plan's groups, replaced (empty: none). */
  | { name: 'plan-groups'; planId: string; groups: string[] }
  | { name: 'plan-format'; planId: string; format: UsernameFormat; domain?: string }
  | {
      name: 'plan-shared-mailbox';
      planId: string;
      mailbox: string;
      fullAccess: boolean;
      sendAs: boolean;
      remove: boolean;
    }
  | { name: 'plan-show'; planId: string }
  | { name: 'access'; role: Role; op: 'add' | 'remove'; identity: string }
  | { name: 'policy-auto'; customerId: string; kinds: DiscrepancyKind[] }
  | { name: 'doctor' }
  | {
      name: 'decide';
      discrepancyId: string;
      action: 'approve' | 'revoke';
      confirmed?: boolean;
      /** Clicked on a `discrepancies` listing (its page's id): the answer is that page again, the row in place. */
      listing?: string;
    }
  | {
      name: 'decide-all';
      customerId: string;
      kind: DiscrepancyKind;
      action: 'approve' | 'revoke';
      runId?: string;
      confirmed?: boolean;
    }
  | { name: 'approve-request'; requestId: string }
  | { name: 'deny-request'; requestId: string; comment?: string }
  | { name: 'cancel-request'; requestId: string }
  | { name: 'retry-steps'; operationId: string }
  | { name: 'requests'; customerId?: string }
  | { name: 'policy-approval'; customerId: string; effects: RequestableEffect[] }
  | { name: 'audit'; customerId: string; since?: string }
  /** `customerId` is a customer's id, or `all`. */
  | { name: 'licences'; customerId: string }
  /** `month` is YYYY-MM (the current month when absent); `customerId` a customer's id or `all` (every customer). */
  | { name: 'report-licences'; customerId?: string; month?: string }
  | { name: 'policy-licence-digest'; customerId: string; schedule: 'weekly' | 'off' }
  /** `preview <command>` (CLI `--dry-run`): what `command` would do, without doing any of it. */
  | { name: 'preview'; command: Command }
  /** A CSV of users to change, previewed: `csv` is the file's or the pasted text; nothing is written. */
  | { name: 'bulk'; csv: string; fileName?: string; customerId?: string }
  | { name: 'bulk-template' }
  /** Runs a previewed batch (its Confirm button); rows already done are not run again. */
  | {
      name: 'bulk-run';
      batchId: string;
      confirmed?: boolean;
      /** Run by the batch's durable job, with nobody to show a new user's password to. */
      resumed?: boolean;
      /** When the batch is a request: what it does, for the request card. */
      asks?: string;
    };

export type CommandName = Command['name'];

/** A page of a `discrepancies` listing: what it was asked for and the rows it shows, in their order. */
export interface DiscrepancyListing {
  customerId?: string;
  kind?: DiscrepancyKind;
  page: number;
  ids: string[];
}

/**
 * A command an approver runs because they approved someone else's request: who asked, why, and where they can be
 * told what came of it. The grant records and audits it (the requester, the approver who runs it).
 */
export interface OnBehalfOf {
  requestId: string;
  /** The requester's identity (teams:…, slack:…). */
  requester: string;
  requesterName?: string;
  reason?: string;
  ticket?: string;
  /** Where the requester asked, to be told privately later (a time-boxed role's warning). */
  conversation?: ConversationRef;
}

export interface Request {
  context: RequestContext;
  command: Command;
  /** Set when the command runs on an approved request rather than as asked by the person running it. */
  onBehalfOf?: OnBehalfOf;
  /**
   * Same key = same request: a repeat (a retried HTTP delivery, a double click, a re-run after a crash) resumes
   * or returns the first outcome instead of acting twice. Transports derive it from the activity / trigger id.
   */
  idempotencyKey?: string;
}

/** Progress of long work (sync), for "working…" cards updated in place. */
export type ProgressListener = (text: string) => void;
