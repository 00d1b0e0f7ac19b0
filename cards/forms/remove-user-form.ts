import type { FormDefinition } from './form-field';

export const removeUserForm: FormDefinition = {
  name: 'remove-user',
  shortTitle: 'Remove a user',
  submitLabel: 'Remove user…',
  refreshLabel: 'Show this customer’s users',
  fields: [
    { id: 'customerId', label: 'Customer', kind: 'choice', required: true },
    {
      id: 'upn',
      label: 'User',
      kind: 'user',
      required: true,
      placeholder: 'Type a name or address, like jane.doe@contoso.com',
    },
    {
      id: 'delete',
      label: 'Delete',
      kind: 'toggle',
      required: false,
      toggleTitle: 'Also delete the user (restorable for 30 days)',
    },
  ],
};
