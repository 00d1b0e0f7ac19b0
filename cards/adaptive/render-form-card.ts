/**
 * The forms as Adaptive Cards: values kept, each error right under its input. The inputs carry no client-side
 * checks (isRequired): the server checks every field at once and answers with the card again, each error beside
 * its field, and the button that draws the form again for another customer sends the inputs unchecked.
 */
import type { FormReply } from '../../core/reply';
import { cancelAction, refreshFormAction, submitFormAction } from '../actions';
import { findFormDefinition } from '../forms';
import { choicesKeeping, offeredChoices } from '../forms/form-choices';
import { customerFieldId, type FormField, textValueOf, usersDataset } from '../forms/form-field';
import formTemplate from '../templates/form.json';
import { type AdaptiveCard, executeAction, expandTemplate } from './adaptive-card';

export function renderFormCard(reply: FormReply): AdaptiveCard {
  const definition = findFormDefinition(reply.form);
  const fieldIds = new Set(definition.fields.map((field) => field.id));
  const formErrors = Object.entries(reply.errors)
    .filter(([id]) => !fieldIds.has(id))
    .map(([, text]) => ({ text }));
  const refresh = [executeAction(definition.refreshLabel, refreshFormAction(reply.form))];
  return expandTemplate(formTemplate, {
    title: reply.title,
    customerName: reply.customerName ?? '',
    info: reply.info.map((text) => ({ text })),
    formErrors,
    fields: definition.fields.map((field) => fieldData(field, reply, refresh)),
    actions: [
      executeAction(definition.submitLabel, submitFormAction(reply.form), { style: 'positive' }),
      executeAction('Cancel', cancelAction(), { ignoreInputs: true }),
    ],
  });
}

function fieldData(field: FormField, reply: FormReply, refresh: unknown[]) {
  const error = reply.errors[field.id] ?? '';
  const value = textValueOf(reply.values[field.id] ?? defaultValue(field, reply));
  const listed = field.kind === 'choice' || field.kind === 'user';
  const choices = listed ? choicesKeeping(offeredChoices(field, reply), value) : [];
  // A choice with nothing to choose from (no customer picked yet) is asked as text rather than shown empty; a user
  // field is searched as the person types, so it is a list even before it has choices.
  const kind = field.kind === 'choice' && choices.length === 0 ? 'text' : field.kind;
  const picksCustomer = field.id === customerFieldId && (reply.choices[customerFieldId]?.length ?? 0) > 1;
  const toggleTitle = reply.toggleTitles?.[field.id] ?? field.toggleTitle ?? field.label;
  return {
    id: field.id,
    kind,
    // A toggle whose words beside the box say it all has no label above it (the offboarding options).
    label: kind === 'toggle' && toggleTitle === field.label ? '' : field.label,
    placeholder: kind === 'choice' ? `Choose a ${field.label.toLowerCase()}` : (field.placeholder ?? ''),
    toggleTitle,
    value: field.kind === 'toggle' ? (value === 'true' ? 'true' : 'false') : value,
    choices: choices.map((choice) => ({ title: choice.title, value: choice.value })),
    dataset: usersDataset,
    error,
    refresh: picksCustomer ? refresh : [],
  };
}

function defaultValue(field: FormField, reply: FormReply): string | undefined {
  return field.id === customerFieldId ? reply.customerId : undefined;
}
