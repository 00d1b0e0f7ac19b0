/** The add-user and change-plan forms as Adaptive Cards: values kept, each error right under its input. */
import type { FormReply } from '../../core/reply';
import { cancelAction, submitFormAction } from '../actions';
import { findFormDefinition } from '../forms';
import { choicesKeeping, offeredChoices } from '../forms/form-choices';
import { type FormField, textValueOf } from '../forms/form-field';
import formTemplate from '../templates/form.json';
import { type AdaptiveCard, executeAction, expandTemplate } from './adaptive-card';

export function renderFormCard(reply: FormReply): AdaptiveCard {
  const definition = findFormDefinition(reply.form);
  const fieldIds = new Set(definition.fields.map((field) => field.id));
  const formErrors = Object.entries(reply.errors)
    .filter(([id]) => !fieldIds.has(id))
    .map(([, text]) => ({ text }));
  return expandTemplate(formTemplate, {
    title: reply.title,
    customerName: reply.customerName ?? '',
    info: reply.info.map((text) => ({ text })),
    formErrors,
    fields: definition.fields.map((field) => fieldData(field, reply)),
    actions: [
      executeAction(definition.submitLabel, submitFormAction(reply.form), { style: 'positive' }),
      executeAction('Cancel', cancelAction(), { ignoreInputs: true }),
    ],
  });
}

function fieldData(field: FormField, reply: FormReply) {
  const error = reply.errors[field.id] ?? '';
  const value = textValueOf(reply.values[field.id] ?? defaultValue(field, reply));
  const choices = field.kind === 'choice' ? choicesKeeping(offeredChoices(field, reply), value) : [];
  // A choice with nothing to choose from (no customer picked yet) is asked as text rather than shown empty.
  const kind = field.kind === 'choice' && choices.length === 0 ? 'text' : field.kind;
  return {
    id: field.id,
    kind,
    label: field.label,
    placeholder: kind === 'choice' ? `Choose a ${field.label.toLowerCase()}` : (field.placeholder ?? ''),
    required: field.required,
    errorMessage: error || field.missingMessage || `Check the ${field.label.toLowerCase()}.`,
    toggleTitle: reply.toggleTitles?.[field.id] ?? field.toggleTitle ?? field.label,
    value: field.kind === 'toggle' ? (value === 'true' ? 'true' : 'false') : value,
    choices: choices.map((choice) => ({ title: choice.title, value: choice.value })),
    error,
  };
}

function defaultValue(field: FormField, reply: FormReply): string | undefined {
  return field.id === 'customerId' ? reply.customerId : undefined;
}
