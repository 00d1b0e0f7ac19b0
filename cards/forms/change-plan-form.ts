import type { FormDefinition } from './form-field';

export const changePlanForm: FormDefinition = {
  name: 'change-plan',
  shortTitle: 'Change a plan',
  submitLabel: 'Change plan',
  fields: [
    {
      id: 'customerId',
      label: 'Customer',
      kind: 'choice',
      required: true,
      missingMessage: 'Choose the customer the user belongs to.',
    },
    {
      id: 'upn',
      label: 'User (user principal name)',
      kind: 'text',
      required: true,
      placeholder: 'jane.doe@contoso.com',
      missingMessage: 'Enter the user’s sign-in address, like jane.doe@contoso.com.',
    },
    {
      id: 'planId',
      label: 'New plan',
      kind: 'choice',
      required: true,
      missingMessage: 'Choose the plan the user moves to.',
    },
  ],
};
