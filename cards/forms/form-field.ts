/**
 * One definition per form, read by both the Adaptive Card renderer and the Slack modal renderer, so the input ids
 * (Adaptive Card input ids = Slack block ids, design §5), labels and kinds cannot drift apart.
 */
import type { FormName } from '../../core/request';

/**
 * `user`: one of the customer's users, found by typing (Teams Data.Query typeahead, a Slack external select); the
 * first few are offered before anything is typed.
 */
export type FormFieldKind = 'text' | 'multiline' | 'choice' | 'user' | 'toggle';

export interface FormField {
  /** Adaptive Card input id and Slack block id. */
  id: string;
  label: string;
  kind: FormFieldKind;
  placeholder?: string;
  required: boolean;
  /** For toggles: the words beside the switch / checkbox. */
  toggleTitle?: string;
}

export interface FormDefinition {
  name: FormName;
  /** Slack modal title (at most 24 characters). */
  shortTitle: string;
  /** Modal / card submit button. */
  submitLabel: string;
  /** The card's button under the customer that draws the form again for the customer chosen (Teams). */
  refreshLabel: string;
  fields: FormField[];
}

/** The input whose change draws the form again (Teams: its refresh button; Slack: dispatch_action). */
export const customerFieldId = 'customerId';

/** The dataset a `user` field's Teams Data.Query names (the customer comes with the card's inputs). */
export const usersDataset = 'users';

/** A form field's value as a text input shows it. */
export function textValueOf(value: string | boolean | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : value;
}

/** Toggles arrive as booleans (Slack checkboxes) or as "true"/"false" (Adaptive Card Input.Toggle). */
export function isToggledOn(value: string | boolean | undefined): boolean {
  return value === true || value === 'true';
}
