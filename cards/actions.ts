/**
 * Card buttons and Slack buttons/modals in one shape: a verb and its data. The renderers build every button from
 * the helpers here, and `commandFromAction` turns what comes back into a Command, checking it strictly.
 *
 * Verbs: `submit-form` (data.form, plus the input values Teams merges into the data; a confirmation carries the
 * values and `confirmed`), `refresh-form` (the same, to draw the form again for the customer chosen), `run`
 * (data.command: a Command a button may carry, or data.text: a command line such as a suggestion), `decide`
 * (discrepancyId, action, and `confirmed` on a confirmation), `decide-all` (customerId, kind, action, runId,
 * confirmed), `cancel`.
 */

import { isButtonCommandName, parseButtonCommand } from '../core/commands/button-commands';
import { describeTooLong, inputLimits } from '../core/input-limits';
import type { ErrorReply } from '../core/reply';
import type { Command, FormName } from '../core/request';
import { discrepancyKinds } from '../store/types';
import { findFormDefinition, isFormName } from './forms';
import { isToggledOn } from './forms/form-field';

export const actionVerbs = ['submit-form', 'refresh-form', 'run', 'decide', 'decide-all', 'cancel'] as const;
export type ActionVerb = (typeof actionVerbs)[number];

export interface CardAction {
  verb: ActionVerb;
  data: Record<string, unknown>;
}

/** What `cancel` answers: an ErrorReply with this code, which the renderers show as a plain note. */
export const cancelledCode = 'cancelled';

export interface CommandFromActionOptions {
  /** The text command parser (bot/commands), for `run` buttons that carry a command line. */
  parseText?: (text: string) => { ok: true; command: Command } | { ok: false; error: ErrorReply };
}

/** The verb and data of a button that runs `command`. */
export function actionData(command: Command): CardAction {
  switch (command.name) {
    case 'decide':
      return confirmedIf(decideAction(command.discrepancyId, command.action, command.listing), command.confirmed);
    case 'decide-all':
      return confirmedIf(
        decideAllAction(command.customerId, command.kind, command.action, command.runId),
        command.confirmed,
      );
    case 'submit-form':
      return command.confirmed ? confirmedSubmitAction(command.form, command.values) : submitFormAction(command.form);
    default:
      if (!isButtonCommandName(command.name)) {
        throw new Error(`No button may carry the "${command.name}" command.`);
      }
      return { verb: 'run', data: { command } };
  }
}

export function submitFormAction(form: FormName): CardAction {
  return { verb: 'submit-form', data: { form } };
}

export function refreshFormAction(form: FormName): CardAction {
  return { verb: 'refresh-form', data: { form } };
}

/** The confirmation of a submission that asked first: it carries the values, since it has no inputs of its own. */
function confirmedSubmitAction(form: FormName, values: Record<string, string | boolean | undefined>): CardAction {
  const filled = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
  return { verb: 'submit-form', data: { ...filled, form, confirmed: true } };
}

/** A decision's confirmation button: the same action, confirmed. */
function confirmedIf(action: CardAction, confirmed: boolean | undefined): CardAction {
  return confirmed ? { ...action, data: { ...action.data, confirmed: true } } : action;
}

export function runTextAction(text: string): CardAction {
  return { verb: 'run', data: { text } };
}

/** A decision; clicked on a `discrepancies` listing, it carries that page so the answer redraws it. */
export function decideAction(discrepancyId: string, action: 'approve' | 'revoke', listingId?: string): CardAction {
  return {
    verb: 'decide',
    data: listingId ? { discrepancyId, action, listing: listingId } : { discrepancyId, action },
  };
}

export function decideAllAction(
  customerId: string,
  kind: (typeof discrepancyKinds)[number],
  action: 'approve' | 'revoke',
  runId?: string,
): CardAction {
  return { verb: 'decide-all', data: runId ? { customerId, kind, action, runId } : { customerId, kind, action } };
}

export function cancelAction(): CardAction {
  return { verb: 'cancel', data: {} };
}

/** Turns a card action (Teams Action.Execute / Action.Submit) or a Slack button / modal into a Command. */
export function commandFromAction(
  verb: string,
  data: Record<string, unknown>,
  options: CommandFromActionOptions = {},
): Command | ErrorReply {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return forgedAction('The button sent no data.');
  }
  switch (verb) {
    case 'submit-form':
      return commandFromForm(data);
    case 'refresh-form': {
      const submitted = commandFromForm(data);
      return 'name' in submitted && submitted.name === 'submit-form'
        ? { name: 'refresh-form', form: submitted.form, values: submitted.values }
        : submitted;
    }
    case 'run':
      return commandFromRun(data, options);
    case 'decide':
      return commandFromDecide(data);
    case 'decide-all':
      return commandFromDecideAll(data);
    case 'cancel':
      return { kind: 'error', code: cancelledCode, message: 'Cancelled. Nothing was changed.' };
    default:
      return forgedAction(`"${String(verb).slice(0, 40)}" is not an action m365ops knows.`);
  }
}

function commandFromForm(data: Record<string, unknown>): Command | ErrorReply {
  if (!isFormName(data.form)) return forgedAction('The form it came from is not one m365ops knows.');
  const values: Record<string, string | boolean | undefined> = {};
  for (const field of findFormDefinition(data.form).fields) {
    const raw = data[field.id];
    if (raw === undefined || raw === null) {
      values[field.id] = field.kind === 'toggle' ? false : undefined;
    } else if (field.kind === 'toggle' && (typeof raw === 'boolean' || raw === 'true' || raw === 'false')) {
      values[field.id] = isToggledOn(raw);
    } else if (field.kind !== 'toggle' && typeof raw === 'string') {
      if (raw.length > inputLimits.command) {
        const what = `The ${field.label.toLowerCase()}`;
        return {
          kind: 'error',
          code: 'too-long',
          message: `${describeTooLong(what, raw.length, inputLimits.command)} Nothing was changed; shorten it and try again.`,
        };
      }
      values[field.id] = raw;
    } else {
      return forgedAction(`The value sent for "${field.label}" is not one the form can produce.`);
    }
  }
  if (data.confirmed !== undefined && data.confirmed !== true)
    return forgedAction('Its confirmation is not one m365ops sends.');
  const command: Command = { name: 'submit-form', form: data.form, values };
  return data.confirmed === true ? { ...command, confirmed: true } : command;
}

function commandFromRun(data: Record<string, unknown>, options: CommandFromActionOptions): Command | ErrorReply {
  if (data.command !== undefined) {
    return (
      parseButtonCommand(withCardInputs(data)) ?? forgedAction('It carried a command that no m365ops button carries.')
    );
  }
  if (typeof data.text === 'string' && data.text.length > 0 && data.text.length <= 1000) {
    if (!options.parseText) {
      return forgedAction(`Type \`${data.text}\` to run it.`);
    }
    const parsed = options.parseText(data.text);
    return parsed.ok ? parsed.command : parsed.error;
  }
  return forgedAction('It carried no command to run.');
}

/**
 * A card's comment input (Deny on a request), which Teams merges into the button's data, joins its command. Each
 * request's input has its own id (a list card holds several); `comment` is what cards posted before that used.
 */
function withCardInputs(data: Record<string, unknown>): unknown {
  const command = data.command;
  if (typeof command !== 'object' || command === null || Array.isArray(command)) return command;
  const requestId = (command as { requestId?: unknown }).requestId;
  const own = typeof requestId === 'string' ? data[commentInputId(requestId)] : undefined;
  const typed = typeof own === 'string' ? own : data.comment;
  const comment = typeof typed === 'string' ? typed.trim() : '';
  return comment ? { ...command, comment } : command;
}

/** The id of the Deny comment input of one request on a card. */
export function commentInputId(requestId: string): string {
  return `comment-${requestId}`;
}

function commandFromDecide(data: Record<string, unknown>): Command | ErrorReply {
  const { discrepancyId, action } = data;
  const listing = data.listing;
  if (
    !isId(discrepancyId) ||
    !isDecision(action) ||
    !isConfirmation(data.confirmed) ||
    (listing !== undefined && !isListingId(listing)) ||
    !hasOnlyKeys(data, ['discrepancyId', 'action', 'confirmed', 'listing'])
  ) {
    return forgedAction('It does not name a discrepancy and a decision (approve or revoke).');
  }
  const command: Command = { name: 'decide', discrepancyId, action, ...(listing ? { listing } : {}) };
  return data.confirmed === true ? { ...command, confirmed: true } : command;
}

function commandFromDecideAll(data: Record<string, unknown>): Command | ErrorReply {
  const { customerId, kind, action, runId } = data;
  const validKind = typeof kind === 'string' && (discrepancyKinds as readonly string[]).includes(kind);
  if (
    !isId(customerId) ||
    !validKind ||
    !isDecision(action) ||
    (runId !== undefined && !isId(runId)) ||
    !isConfirmation(data.confirmed) ||
    !hasOnlyKeys(data, ['customerId', 'kind', 'action', 'runId', 'confirmed'])
  ) {
    return forgedAction('It does not name a customer, a discrepancy kind and a decision (approve or revoke).');
  }
  const command: Command = {
    name: 'decide-all',
    customerId,
    kind: kind as (typeof discrepancyKinds)[number],
    action,
    ...(typeof runId === 'string' ? { runId } : {}),
  };
  return data.confirmed === true ? { ...command, confirmed: true } : command;
}

/** The short id of a stored listing page (store/listing-repo.ts). */
function isListingId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{24}$/.test(value);
}

/** Only a confirmation button sends `confirmed`, and only as true; without it a decision that asks first asks. */
function isConfirmation(value: unknown): boolean {
  return value === undefined || value === true;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[\w.@:-]{1,200}$/.test(value);
}

function isDecision(value: unknown): value is 'approve' | 'revoke' {
  return value === 'approve' || value === 'revoke';
}

// `verb` is echoed by the Action.Submit fallback; anything else is not something our buttons send.
function hasOnlyKeys(data: Record<string, unknown>, allowed: string[]): boolean {
  return Object.keys(data).every((key) => key === 'verb' || allowed.includes(key));
}

function forgedAction(detail: string): ErrorReply {
  return {
    kind: 'error',
    code: 'invalid-action',
    message: `That button could not be used: ${detail} Nothing was changed; type the command instead (\`help\` lists them).`,
  };
}
