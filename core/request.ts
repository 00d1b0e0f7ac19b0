/**
 * A Request is plain data: who asks, from where, and what. bot/ (Teams, Slack, CLI, web chat) builds one from
 * a message, a card action or a modal submission; handlers/ answers it with a Reply (core/reply.ts).
 */
import type { DiscrepancyKind, Role } from '../store/types';

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
}

export type FormName = 'add-user' | 'change-plan';

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
  | {
      name: 'submit-form';
      form: FormName;
      values: Record<string, string | boolean | undefined>;
      /** Sent by the confirmation of a submission that asked first (the add-user form's admin toggle). */
      confirmed?: boolean;
    }
  | { name: 'change-plan-form'; upn?: string; customerId?: string }
  | { name: 'change-plan'; upn: string; planId: string; customerId?: string }
  | { name: 'revoke-admin'; upn: string; customerId?: string; confirmed?: boolean }
  | { name: 'grant-admin'; upn: string; customerId?: string }
  | { name: 'remove-user'; upn: string; delete: boolean; customerId?: string; confirmed?: boolean }
  | { name: 'consent-link'; customerId: string }
  | { name: 'verify-consent'; customerId: string }
  | { name: 'confirm-consent'; customerId: string; tenantId: string }
  | { name: 'sync'; customerId?: string }
  | { name: 'users'; customerId?: string }
  | { name: 'status'; customerId?: string }
  | { name: 'plans'; customerId?: string }
  | { name: 'notify-here'; customerId: string }
  | { name: 'customer-add'; id: string; customerName: string; tenantId?: string }
  | { name: 'customer-plan'; customerId: string; planId: string; limit?: number }
  | { name: 'plan-add'; id: string; planName: string; skus: string[] }
  | { name: 'access'; role: Role; op: 'add' | 'remove'; identity: string }
  | { name: 'policy-auto'; customerId: string; kinds: DiscrepancyKind[] }
  | { name: 'doctor' }
  | { name: 'decide'; discrepancyId: string; action: 'approve' | 'revoke'; confirmed?: boolean }
  | {
      name: 'decide-all';
      customerId: string;
      kind: DiscrepancyKind;
      action: 'approve' | 'revoke';
      runId?: string;
      confirmed?: boolean;
    };

export type CommandName = Command['name'];

export interface Request {
  context: RequestContext;
  command: Command;
  /**
   * Same key = same request: a repeat (a retried HTTP delivery, a double click, a re-run after a crash) resumes
   * or returns the first outcome instead of acting twice. Transports derive it from the activity / trigger id.
   */
  idempotencyKey?: string;
}

/** Progress of long work (sync), for "working…" cards updated in place. */
export type ProgressListener = (text: string) => void;
