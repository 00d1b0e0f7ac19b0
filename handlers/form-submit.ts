/**
 * A submitted form: every field is checked at once and every problem comes back beside its field, with every value
 * kept; only a form without such problems runs its command, and a refusal that concerns one field (the plan is
 * full, the user exists) comes back the same way.
 */

import { splitAliasText } from '../core/addresses';
import { HandlerError } from '../core/handler-error';
import { echoInput } from '../core/input-limits';
import type { Reply } from '../core/reply';
import type { Command, FormName, FormValues } from '../core/request';
import { getCustomer } from '../core/resolve-customer';
import type { Invocation } from '../core/runtime';
import { addUser } from './add-user';
import { changePlan } from './change-plan';
import { buildForm, textOf } from './forms';
import { submitOffboardForm } from './offboard-form-submit';
import { removeUser } from './remove-user';
import { isUsageLocation } from './usage-locations';

type Errors = Record<string, string>;

/** The inputs of each form a refusal may point at. */
const formFields: Record<FormName, readonly string[]> = {
  'add-user': [
    'customerId',
    'givenName',
    'surname',
    'displayName',
    'userName',
    'domain',
    'planId',
    'usageLocation',
    'admin',
    'aliases',
  ],
  'change-plan': ['customerId', 'upn', 'planId'],
  'remove-user': ['customerId', 'upn', 'delete'],
  offboard: ['customerId', 'upn'],
};

export async function submitForm(
  invocation: Invocation,
  command: Extract<Command, { name: 'submit-form' }>,
): Promise<Reply> {
  const { form, values } = command;
  const errors: Errors = {};
  const customerId = await checkCustomer(invocation, values, errors);
  if (form === 'offboard') {
    return errors.customerId
      ? buildForm(invocation, form, values, errors)
      : submitOffboardForm(invocation, values, customerId, errors);
  }
  const run = commandOf(form, values, customerId, errors);
  // The domains and plans are the customer's: without one they cannot be chosen yet, so only the customer is asked.
  if (errors.customerId) {
    delete errors.domain;
    delete errors.planId;
  }
  if (Object.keys(errors).length > 0) return buildForm(invocation, form, values, errors);
  try {
    switch (run.name) {
      case 'add-user':
        // Sent by the confirmation of a submission that asked first (the admin toggle on).
        return await addUser(invocation, command.confirmed ? { ...run, confirmed: true } : run);
      case 'change-plan':
        return await changePlan(invocation, run);
      default:
        return await removeUser(invocation, run);
    }
  } catch (error) {
    const field = error instanceof HandlerError ? fieldOf(error, form) : undefined;
    if (!field || !(error instanceof HandlerError)) throw error;
    return buildForm(invocation, form, values, { [field]: error.message });
  }
}

async function checkCustomer(invocation: Invocation, values: FormValues, errors: Errors): Promise<string> {
  const customerId = textOf(values.customerId);
  if (!customerId) {
    errors.customerId = 'Choose the customer the user belongs to.';
    return customerId;
  }
  try {
    await getCustomer(invocation, customerId);
  } catch (error) {
    if (!(error instanceof HandlerError)) throw error;
    errors.customerId = error.message;
  }
  return customerId;
}

type FormCommand = Extract<Command, { name: 'add-user' | 'change-plan' | 'remove-user' }>;

/** The command the form runs, every problem with its fields noted in `errors` on the way. */
function commandOf(form: FormName, values: FormValues, customerId: string, errors: Errors): FormCommand {
  if (form === 'add-user') return addUserCommand(values, customerId, errors);
  const upn = textOf(values.upn);
  if (!upn) errors.upn = 'Choose the user, or type their sign-in address, like jane.doe@contoso.com.';
  if (form === 'remove-user') {
    return { name: 'remove-user', upn, delete: values.delete === true || values.delete === 'true', customerId };
  }
  const planId = textOf(values.planId);
  if (!planId) errors.planId = 'Choose the plan the user moves to.';
  return { name: 'change-plan', upn, planId, customerId };
}

function addUserCommand(values: FormValues, customerId: string, errors: Errors): FormCommand {
  const planId = textOf(values.planId);
  if (!planId) errors.planId = 'Choose the plan whose licences the user gets.';
  const userName = textOf(values.userName);
  const domain = textOf(values.domain);
  if (!userName) errors.userName = 'Enter the user name, the part of the address before @.';
  else if (userName.includes('@')) errors.userName = 'Enter only the part before @; choose the domain below.';
  if (!domain) errors.domain = 'Choose one of the tenant’s domains.';
  const location = textOf(values.usageLocation);
  if (location && !isUsageLocation(location))
    errors.usageLocation = `"${echoInput(location)}" is not a country code; use two letters such as GB, US, DE.`;
  return {
    name: 'add-user',
    upn: `${userName}@${domain}`,
    planId,
    displayName: textOf(values.displayName) || undefined,
    givenName: textOf(values.givenName) || undefined,
    surname: textOf(values.surname) || undefined,
    usageLocation: location || undefined,
    admin: values.admin === true || values.admin === 'true',
    aliases: splitAliasText(textOf(values.aliases)),
    customerId,
  };
}

/** The form input a refusal concerns, if the form has it (add-user's UPN is split into userName and domain). */
function fieldOf(error: HandlerError, form: FormName): string | undefined {
  const field = error.details.field;
  if (typeof field !== 'string') return undefined;
  if (form === 'add-user' && field === 'upn') return 'userName';
  if (form !== 'add-user' && field === 'userName') return 'upn';
  return formFields[form].includes(field) ? field : undefined;
}
