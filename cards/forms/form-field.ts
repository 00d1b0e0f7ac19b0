/**
 * One definition per form, read by both the Adaptive Card renderer and the Slack modal renderer, so the input ids
 * (Adaptive Card input ids = Slack block ids, design §5), labels and kinds cannot drift apart.
 */
import type { FormName } from '../../core/request';

export type FormFieldKind = 'text' | 'multiline' | 'choice' | 'toggle';

export interface FormField {
  /** Adaptive Card input id and Slack block id. */
  id: string;
  label: string;
  kind: FormFieldKind;
  placeholder?: string;
  required: boolean;
  /** Shown when a required field is left empty (Adaptive Card `errorMessage`). */
  missingMessage?: string;
  /** For toggles: the words beside the switch / checkbox. */
  toggleTitle?: string;
}

export interface FormDefinition {
  name: FormName;
  /** Slack modal title (at most 24 characters). */
  shortTitle: string;
  /** Modal / card submit button. */
  submitLabel: string;
  fields: FormField[];
}

/** A form field's value as a text input shows it. */
export function textValueOf(value: string | boolean | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'boolean' ? (value ? 'true' : 'false') : value;
}

/** Toggles arrive as booleans (Slack checkboxes) or as "true"/"false" (Adaptive Card Input.Toggle). */
export function isToggledOn(value: string | boolean | undefined): boolean {
  return value === true || value === 'true';
}
