import type { FormDefinition } from './form-field';

export const addUserForm: FormDefinition = {
  name: 'add-user',
  shortTitle: 'Add a user',
  submitLabel: 'Add user',
  refreshLabel: 'Show this customer’s domains and plans',
  fields: [
    {
      id: 'customerId',
      label: 'Customer',
      kind: 'choice',
      required: true,
    },
    { id: 'givenName', label: 'First name', kind: 'text', required: false, placeholder: 'Jane' },
    { id: 'surname', label: 'Last name', kind: 'text', required: false, placeholder: 'Doe' },
    { id: 'displayName', label: 'Display name', kind: 'text', required: false, placeholder: 'Jane Doe' },
    {
      id: 'userName',
      label: 'User name (the part before @)',
      kind: 'text',
      required: true,
      placeholder: 'jane.doe',
    },
    {
      id: 'domain',
      label: 'Domain',
      kind: 'choice',
      required: true,
    },
    {
      id: 'planId',
      label: 'Plan',
      kind: 'choice',
      required: true,
    },
    {
      id: 'usageLocation',
      label: 'Usage location',
      kind: 'choice',
      required: false,
      placeholder: 'Country code, like US',
    },
    // The toggle names the role it grants; the handlers name the customer's own role when it has one.
    { id: 'admin', label: 'Admin access', kind: 'toggle', required: false, toggleTitle: 'Make Global Administrator' },
    {
      id: 'aliases',
      label: 'Email aliases',
      kind: 'multiline',
      required: false,
      placeholder: 'One address per line or comma separated',
    },
  ],
};
