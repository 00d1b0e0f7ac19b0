import type { Choice, FormReply } from '../../core/reply';
import type { FormField } from './form-field';

/** The choices a field offers: from the reply, or the form's own customer when no list was given. */
export function offeredChoices(field: FormField, reply: FormReply): Choice[] {
  const offered = reply.choices[field.id];
  if (offered) return offered;
  if (field.id === 'customerId' && reply.customerId) {
    return [{ value: reply.customerId, title: reply.customerName ?? reply.customerId }];
  }
  return [];
}

/** A value the user chose that is not (or no longer) offered is kept as a choice, so the form never loses it. */
export function choicesKeeping(choices: Choice[], value: string): Choice[] {
  if (value === '' || choices.some((choice) => choice.value === value)) return choices;
  return [...choices, { value, title: value }];
}
