/**
 * The offboarding form submitted: every field checked at once and every problem shown beside its field, with every
 * value kept; a form without problems runs as the typed `offboard` command through the handlers' own entry, so its
 * confirmation, the approval policy and the audit are the same as typed.
 */
import { withDefined } from '../core/commands/grammar';
import { HandlerError } from '../core/handler-error';
import { checkOffboardTime } from '../core/offboarding/check-input';
import { checkOffboarding, type OffboardCommand } from '../core/offboarding/check-offboarding';
import { offboardOptionNames } from '../core/offboarding/options';
import type { Reply } from '../core/reply';
import type { FormValues } from '../core/request';
import type { Invocation } from '../core/runtime';
import { buildForm, textOf } from './forms';
import { offboard } from './offboard';

type Errors = Record<string, string>;

/** Toggles arrive as booleans (Slack checkboxes) or as "true"/"false" (Adaptive Card Input.Toggle). */
const isToggledOn = (value: string | boolean | undefined) => value === true || value === 'true';

export async function submitOffboardForm(
  invocation: Invocation,
  values: FormValues,
  customerId: string,
  errors: Errors,
): Promise<Reply> {
  const command = commandOf(values, customerId, errors);
  if (Object.keys(errors).length > 0) return buildForm(invocation, 'offboard', values, errors);
  try {
    await checkOffboarding(invocation, command);
  } catch (error) {
    const field = error instanceof HandlerError ? error.details.field : undefined;
    if (typeof field !== 'string' || !(field in values || field === 'upn' || field === 'at')) throw error;
    return buildForm(invocation, 'offboard', values, { [field]: (error as HandlerError).message });
  }
  if (!invocation.dispatch) return offboard(invocation, command);
  return invocation.dispatch({ ...invocation.request, command });
}

function commandOf(values: FormValues, customerId: string, errors: Errors): OffboardCommand {
  const upn = textOf(values.upn);
  if (!upn) errors.upn = 'Choose the user, or type their sign-in address, like jane.doe@contoso.com.';
  const options = offboardOptionNames.filter((name) => isToggledOn(values[name]));
  if (options.length === 0) errors[offboardOptionNames[0]] = 'Tick at least one step.';
  const valueFor = (option: (typeof offboardOptionNames)[number], field: string, missing: string) => {
    if (!options.includes(option)) return undefined;
    const value = textOf(values[field]);
    if (!value) errors[field] = missing;
    return value || undefined;
  };
  const forwardTo = valueFor('forward-to', 'forwardTo', 'Enter who receives the mail, like john@contoso.com.');
  const grantMailbox = valueFor(
    'grant-mailbox',
    'grantMailbox',
    'Enter who gets the mailbox, like manager@contoso.com.',
  );
  const outOfOffice = valueFor('out-of-office', 'outOfOffice', 'Write the reply senders will get.');
  const atText = textOf(values.at);
  const at = atText ? checkOffboardTime(atText) : undefined;
  if (at && !at.ok) errors.at = at.message;
  return withDefined({
    name: 'offboard',
    upn,
    customerId,
    options,
    forwardTo,
    keepCopy: forwardTo && isToggledOn(values.keepCopy) ? true : undefined,
    grantMailbox,
    outOfOffice,
    at: at?.ok ? at.value : undefined,
  });
}
