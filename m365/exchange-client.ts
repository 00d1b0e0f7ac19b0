import { sleep as sleepMs } from '../common/clock';
import type { Logger } from '../common/logger';
import { M365Error } from './errors';
import { pathForLog } from './graph-middleware';
import type { HttpTransport } from './https-fetch';
import { failureFromBody, mapGraphFailure, mapNetworkFailure } from './map-error';
import type { AnswerObserver } from './observe-answers';
import { CallRecord, isNetworkFailure, sendWithRetry } from './retry-loop';
import type { RetryPolicy } from './retry-policy';
import { exchangeScope, type TokenSource } from './token-source';
import type { Mailbox } from './types';

/**
 * Exchange Online through its admin REST endpoint (`/adminapi/beta/{tenant}/InvokeCommand`), the cmdlets
 * Get-Mailbox and Set-Mailbox, with the same retry policy as Graph. A mailbox appears only some time after an
 * Exchange licence is assigned, so "not found" is an expected answer here, not a failure.
 */

export interface ExchangeClientOptions {
  tenantId: string;
  exchangeUrl: string;
  tokens: TokenSource;
  transport: HttpTransport;
  policy: RetryPolicy;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  onAnswer?: AnswerObserver;
}

interface ExchangeMailbox {
  UserPrincipalName?: string;
  PrimarySmtpAddress?: string;
  EmailAddresses?: string[];
}

export type CmdletOutcome =
  | { ok: true; body: unknown }
  | { ok: false; missing: true }
  | { ok: false; error: M365Error };

const missingObject = /ManagementObjectNotFoundException|couldn't be found|could not be found/i;
/** A trustee (Add-MailboxPermission -User, Add-RecipientPermission -Trustee) that does not exist: a failure, not a missing mailbox. */
const missingTrustee = /wasn't found\. Please make sure you've typed it correctly/i;

export class ExchangeClient {
  constructor(private readonly options: ExchangeClientOptions) {}

  async getMailbox(upn: string): Promise<Mailbox | null> {
    const outcome = await this.invoke('Get-Mailbox', { Identity: upn }, true, upn);
    if (!outcome.ok) {
      if ('missing' in outcome) return null;
      throw outcome.error;
    }
    const mailbox = ((outcome.body as { value?: ExchangeMailbox[] } | undefined)?.value ?? [])[0];
    if (!mailbox) return null;
    return {
      userPrincipalName: mailbox.UserPrincipalName ?? upn,
      primarySmtpAddress: mailbox.PrimarySmtpAddress ?? '',
      emailAddresses: mailbox.EmailAddresses ?? [],
    };
  }

  async setMailboxAddresses(upn: string, emailAddresses: string[]): Promise<void> {
    // Setting the full address list is idempotent, so a network failure may be retried.
    const outcome = await this.invoke('Set-Mailbox', { Identity: upn, EmailAddresses: emailAddresses }, true, upn);
    this.requireDone(outcome, upn);
  }

  /** Throws for a failed outcome: mailbox-not-ready when the mailbox does not exist (yet). */
  requireDone(outcome: CmdletOutcome, upn: string): asserts outcome is { ok: true; body: unknown } {
    if (outcome.ok) return;
    if ('missing' in outcome) {
      throw new M365Error(
        'mailbox-not-ready',
        `The mailbox of ${upn} does not exist yet; Exchange creates it some time after a licence with Exchange is assigned, so try again later.`,
        { tenantId: this.options.tenantId },
      );
    }
    throw outcome.error;
  }

  /** Runs one cmdlet; "object not found" is an outcome (`missing`), not an error. */
  async invoke(
    cmdlet: string,
    parameters: Record<string, unknown>,
    idempotent: boolean,
    subject: string,
  ): Promise<CmdletOutcome> {
    const { tenantId, exchangeUrl, tokens, transport, policy, logger } = this.options;
    const url = `${exchangeUrl.replace(/\/+$/, '')}/adminapi/beta/${encodeURIComponent(tenantId)}/InvokeCommand`;
    const record = new CallRecord(idempotent);
    const started = Date.now();
    const context = { tenantId, subject };
    try {
      const response = await sendWithRetry(
        async () => {
          const { token } = await tokens.acquireToken(tenantId, exchangeScope);
          return transport.fetch(url, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } }),
          });
        },
        {
          policy,
          idempotent,
          record,
          sleep: this.options.sleep ?? sleepMs,
          onAnswer: (status) => this.options.onAnswer?.({ service: 'exchange', status }),
        },
      );
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = { error: { message: text } }; // Exchange sometimes answers plain text; keep it as the message
      }
      if (response.ok) return { ok: true, body };
      const failure = { ...failureFromBody(response.status, body), attempts: record.attempts };
      const said = failure.graphMessage ?? '';
      if ((response.status === 404 || missingObject.test(said)) && !missingTrustee.test(said))
        return { ok: false, missing: true };
      return { ok: false, error: mapGraphFailure(failure, context) };
    } catch (error) {
      if (error instanceof M365Error) throw error;
      if (isNetworkFailure(error)) throw mapNetworkFailure(error, { ...context, attempts: record.attempts });
      throw new M365Error(
        'unexpected',
        `A call to Exchange Online for tenant ${tenantId} failed unexpectedly; the details are in the log.`,
        { message: error instanceof Error ? error.message : String(error) },
        { cause: error },
      );
    } finally {
      logger?.debug(
        {
          tenantId,
          method: 'POST',
          path: pathForLog(url),
          cmdlet,
          status: record.status,
          attempts: record.attempts,
          microsoftRequestId: record.requestId,
          ms: Date.now() - started,
        },
        'exchange call',
      );
    }
  }
}
