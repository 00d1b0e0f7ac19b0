import type { FormName } from '../../core/request';
import { addUserForm } from './add-user-form';
import { changePlanForm } from './change-plan-form';
import type { FormDefinition } from './form-field';
import { offboardForm } from './offboard-form';
import { removeUserForm } from './remove-user-form';

const forms: Record<FormName, FormDefinition> = {
  'add-user': addUserForm,
  'change-plan': changePlanForm,
  'remove-user': removeUserForm,
  offboard: offboardForm,
};

export const formNames = Object.keys(forms) as FormName[];

export function findFormDefinition(name: FormName): FormDefinition {
  return forms[name];
}

export function isFormName(value: unknown): value is FormName {
  return typeof value === 'string' && Object.hasOwn(forms, value);
}

export { formOpeningCommand, searchUserChoices } from './form-choices';
export type { FormDefinition, FormField, FormFieldKind } from './form-field';
export { customerFieldId, usersDataset } from './form-field';
