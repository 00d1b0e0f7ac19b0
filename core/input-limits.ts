/**
 * How much text m365ops reads from people, and how an error repeats what was typed. Every transport (Teams and
 * web chat messages, Slack slash commands and forms, CLI arguments) is held to the same limits, so a huge input is
 * refused in one step with a sentence that says how long it was, before any work is spent on it.
 */
import { formatCount } from './words';

export const inputLimits = {
  /**
   * A whole command line, or one form value. The longest command a person writes (add user with a 256-character
   * display name and a dozen aliases) stays under 2,000 characters; Slack asks apps to keep a message's text under
   * 4,000 characters, and a Teams message is capped near 28 KB.
   */
  command: 4000,
  /** Microsoft Entra's limits on a user's names (Graph's user resource: displayName 256, givenName and surname 64). */
  displayName: 256,
  givenName: 64,
  surname: 64,
  /** Why someone asks for a privileged change (design §9): enough for a sentence and a ticket summary. */
  reason: 500,
  /** An out-of-office reply set by offboarding: a short paragraph with who to contact instead. */
  autoReply: 2000,
  /** How much of a typed value an error message repeats. */
  echo: 60,
  /** How much of a typed word "did you mean" compares: no command word, option or id is longer. */
  compared: 64,
} as const;

/**
 * A typed value as a message repeats it: whole when short; otherwise its start, then how long it was and, when the
 * value broke a limit, what the limit is: `Jane…(4,812 characters; the limit is 256)`.
 */
export function echoInput(text: string, limit?: number): string {
  if (text.length <= inputLimits.echo) return text;
  let start = text.slice(0, inputLimits.echo);
  // Never cut a character in half: drop a lone high surrogate at the cut.
  if (/[\uD800-\uDBFF]$/.test(start)) start = start.slice(0, -1);
  const limitNote = limit !== undefined && text.length > limit ? `; the limit is ${formatCount(limit)}` : '';
  return `${start}…(${formatCount(text.length)} characters${limitNote})`;
}

/** "The display name is 300 characters long; the limit is 256." */
export function describeTooLong(what: string, length: number, limit: number): string {
  return `${what} is ${formatCount(length)} characters long; the limit is ${formatCount(limit)}.`;
}
