/**
 * Base of every error m365ops raises on purpose. `code` is a stable string a caller can switch on;
 * `message` is a plain sentence a helpdesk user can read (what was wrong, what would be right);
 * `details` carries what an operator needs in the logs and is never shown in chat.
 */
export class CodedError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Record<string, unknown>;

  constructor(code: Code, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export function isCodedError(value: unknown): value is CodedError {
  return value instanceof CodedError;
}

/** Wraps anything thrown into a CodedError so edges can always map `code` to a sentence. */
export function asCodedError(value: unknown): CodedError {
  if (value instanceof CodedError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new CodedError(
    'unexpected',
    'Something went wrong on our side; the details are in the log.',
    { message },
    {
      cause: value,
    },
  );
}
