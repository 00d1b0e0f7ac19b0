import { CodedError } from '../common/coded-error';
import { M365Error, type M365ErrorCode } from '../m365/errors';

/** Every code a handler refuses or fails with; they reach ErrorReply.code and the tests as these strings. */
export type HandlerErrorCode =
  | 'forbidden'
  | 'unknown-customer'
  | 'no-customer'
  | 'ambiguous-customer'
  | 'customer-conflict'
  | 'no-tenant'
  | 'consent-denied'
  | 'consent-missing'
  | 'unknown-plan'
  | 'plan-not-enabled'
  | 'plan-limit'
  | 'no-licenses'
  | 'sku-missing'
  | 'bad-upn'
  | 'foreign-domain'
  | 'bad-usage-location'
  | 'missing-usage-location'
  | 'bad-alias'
  | 'unknown-user'
  | 'not-managed'
  | 'not-admin'
  | 'already-admin'
  | 'bad-id'
  | 'bad-tenant-id'
  | 'bad-sku'
  | 'bad-name'
  | 'bad-identity'
  | 'bad-kind'
  | 'duplicate'
  | 'tenant-taken'
  | 'tenant-bound'
  | 'nothing-to-confirm'
  | 'not-a-channel'
  | 'bad-form'
  | 'not-available'
  | 'no-channel'
  | 'unknown-discrepancy'
  | 'own-change'
  | 'not-deleted'
  | 'restore-expired'
  | 'upn-taken'
  | 'no-username-format'
  | 'unknown-group'
  | 'unknown-mailbox'
  | 'unknown-service-plan'
  | 'over-limit'
  | 'needs-duration'
  | 'not-time-boxed'
  | 'unknown-request'
  | 'own-request'
  | 'request-closed'
  | 'not-your-request'
  | 'unknown-operation'
  | 'unknown-preset'
  | 'unknown-option'
  | 'external-forwarding'
  | 'time-past'
  | 'not-scheduled'
  | 'future-month'
  | 'not-previewable'
  | 'bad-csv'
  | 'unknown-batch';

/**
 * A Microsoft failure part-way through a command that, run again, continues where it stopped: the error keeps
 * Microsoft's code (or `unexpected` for anything else) and says how to go on.
 */
export interface Resumable {
  resumableAfter: unknown;
}

/**
 * A refusal or failure of a business rule. The message is the plain sentence the helpdesk user reads
 * (what was wrong, what would be right); `suggestions` feed "did you mean" / allowed values.
 * M365ops throw it internally; `handle()` turns it into an ErrorReply at the edge. Its code is one of the
 * HandlerErrorCode union, or, for a resumable failure, the M365ErrorCode of the failure it continues after.
 */
export class HandlerError extends CodedError<HandlerErrorCode | M365ErrorCode> {
  readonly suggestions?: string[];
  readonly neededRole?: string;

  constructor(
    code: HandlerErrorCode | Resumable,
    message: string,
    options: { suggestions?: string[]; neededRole?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(codeOf(code), message, options.details ?? {}, { cause: options.cause });
    this.suggestions = options.suggestions;
    this.neededRole = options.neededRole;
  }
}

function codeOf(code: HandlerErrorCode | Resumable): HandlerErrorCode | M365ErrorCode {
  if (typeof code === 'string') return code;
  return code.resumableAfter instanceof M365Error ? code.resumableAfter.code : 'unexpected';
}
