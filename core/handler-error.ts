import { CodedError } from '../common/coded-error';

/**
 * A refusal or failure of a business rule. The message is the plain sentence the helpdesk user reads
 * (what was wrong, what would be right); `suggestions` feed "did you mean" / allowed values.
 * M365ops throw it internally; `handle()` turns it into an ErrorReply at the edge.
 */
export class HandlerError extends CodedError<string> {
  readonly suggestions?: string[];
  readonly neededRole?: string;

  constructor(
    code: string,
    message: string,
    options: { suggestions?: string[]; neededRole?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(code, message, options.details ?? {}, { cause: options.cause });
    this.suggestions = options.suggestions;
    this.neededRole = options.neededRole;
  }
}
