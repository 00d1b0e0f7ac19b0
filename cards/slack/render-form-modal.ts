/**
 * A form as a Slack modal: one input block per field of the shared form definition, block_id = the design's
 * input id, action_id = `formValueActionId`. Values are kept as initial values; an error also shows as the
 * input's hint, and the transport acks a failed submission with `formErrorsForSlack` (keyed by block_id). The
 * customer select dispatches its change (`dispatch_action`), which the transport answers with views.update; a user
 * is an external select whose options Slack loads from the app as the person types (`block_suggestion`).
 */
import type { Choice, FormReply } from '../../core/reply';
import { findFormDefinition } from '../forms';
import { choicesKeeping, offeredChoices } from '../forms/form-choices';
import { customerFieldId, type FormField, isToggledOn, textValueOf } from '../forms/form-field';
import {
  context,
  escapeText,
  plainText,
  type SlackBlock,
  type SlackView,
  section,
  slackLimits,
  truncate,
} from './block-kit';

export const formValueActionId = 'value';

/** The modal's callback_id: `form:add-user`, `form:change-plan`. */
export function formCallbackId(form: FormReply['form']): string {
  return `form:${form}`;
}

export function renderFormModal(reply: FormReply, privateMetadata: string): SlackView {
  const definition = findFormDefinition(reply.form);
  const fieldIds = new Set(definition.fields.map((field) => field.id));
  const blocks: SlackBlock[] = [];
  if (reply.customerName) blocks.push(context(`Customer: *${escapeText(reply.customerName)}*`));
  for (const line of reply.info) blocks.push(context(escapeText(line)));
  const formErrors = Object.entries(reply.errors).filter(([id]) => !fieldIds.has(id));
  if (formErrors.length > 0) {
    blocks.push(section(formErrors.map(([, error]) => `:warning: ${escapeText(error)}`).join('\n')));
  }
  for (const field of definition.fields) blocks.push(inputBlock(field, reply));
  return {
    type: 'modal',
    callback_id: formCallbackId(reply.form),
    title: plainText(definition.shortTitle, slackLimits.modalTitle),
    submit: plainText(definition.submitLabel, slackLimits.buttonText),
    close: plainText('Cancel', slackLimits.buttonText),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** Errors for `ack({ response_action: 'errors', errors })`; one not tied to a field goes on the first field. */
export function formErrorsForSlack(reply: FormReply): Record<string, string> {
  const fields = findFormDefinition(reply.form).fields;
  const errors: Record<string, string> = {};
  for (const [id, message] of Object.entries(reply.errors)) {
    const blockId = fields.some((field) => field.id === id) ? id : fields[0].id;
    errors[blockId] = errors[blockId] ? `${errors[blockId]} ${message}` : message;
  }
  return errors;
}

function inputBlock(field: FormField, reply: FormReply): SlackBlock {
  const error = reply.errors[field.id];
  const picksCustomer = field.id === customerFieldId && (reply.choices[customerFieldId]?.length ?? 0) > 1;
  return {
    type: 'input',
    block_id: field.id,
    ...(picksCustomer ? { dispatch_action: true } : {}),
    label: plainText(field.label, 2000),
    optional: !field.required || field.kind === 'toggle',
    element: inputElement(field, reply),
    ...(error ? { hint: plainText(`⚠ ${error}`, 2000) } : {}),
  };
}

function inputElement(field: FormField, reply: FormReply): Record<string, unknown> {
  const raw = reply.values[field.id] ?? (field.id === 'customerId' ? reply.customerId : undefined);
  if (field.kind === 'toggle') {
    const title = reply.toggleTitles?.[field.id] ?? field.toggleTitle ?? field.label;
    const option = { text: plainText(title, slackLimits.optionText), value: 'true' };
    return {
      type: 'checkboxes',
      action_id: formValueActionId,
      options: [option],
      ...(isToggledOn(raw) ? { initial_options: [option] } : {}),
    };
  }
  const value = textValueOf(raw);
  if (field.kind === 'user') return userSelect(field, value);
  const choices = field.kind === 'choice' ? choicesKeeping(offeredChoices(field, reply), value) : [];
  if (choices.length > 0) {
    const options = choices.slice(0, slackLimits.optionsPerSelect).map(toOption);
    const initial = options.find((option) => option.value === truncate(value, slackLimits.optionValue));
    return {
      type: 'static_select',
      action_id: formValueActionId,
      placeholder: plainText(`Choose a ${field.label.toLowerCase()}`),
      options,
      ...(initial ? { initial_option: initial } : {}),
    };
  }
  return {
    type: 'plain_text_input',
    action_id: formValueActionId,
    multiline: field.kind === 'multiline',
    ...(field.placeholder ? { placeholder: plainText(field.placeholder) } : {}),
    ...(value ? { initial_value: value } : {}),
  };
}

/** The customer's users, loaded from the app as the person types (also before: min_query_length 0). */
function userSelect(field: FormField, value: string): Record<string, unknown> {
  const initial = value ? toOption({ value, title: value }) : undefined;
  return {
    type: 'external_select',
    action_id: formValueActionId,
    placeholder: plainText(field.placeholder ?? `Choose a ${field.label.toLowerCase()}`),
    min_query_length: 0,
    ...(initial ? { initial_option: initial } : {}),
  };
}

/** Options for an external select (`block_suggestion`), at most 100. */
export function renderSelectOptions(choices: Choice[]): { options: ReturnType<typeof toOption>[] } {
  return { options: choices.slice(0, slackLimits.optionsPerSelect).map(toOption) };
}

function toOption(choice: Choice) {
  return {
    text: plainText(choice.title, slackLimits.optionText),
    value: truncate(choice.value, slackLimits.optionValue),
  };
}
