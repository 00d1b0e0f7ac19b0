import type { FormDefinition } from './form-field';

export const changePlanForm: FormDefinition = {
  name: 'change-plan',
  shortTitle: 'Change a plan',
  submitLabel: 'Change plan',
  refreshLabel: 'Show this customer’s users and plans',
  fields: [
    {
      id: 'customerId',
      label: 'Customer',
      kind: 'choice',
      required: true,
    },
    {
      id: 'upn',
      label: 'User',
      kind: 'user',
      required: true,
      placeholder: 'Type a name or address, like jane.doe@contoso.com',
    },
    {
      id: 'planId',
      label: 'New plan',
      kind: 'choice',
      required: true,
    },
  ],
};
