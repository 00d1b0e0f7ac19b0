import { offboardOptionNames, offboardOptionTitles } from '../../core/offboarding/options';
import type { FormDefinition, FormField } from './form-field';

/** A toggle per option, with the value an option takes beside it (the person, the reply). */
const optionFields: FormField[] = offboardOptionNames.flatMap((name): FormField[] => {
  const toggle: FormField = {
    id: name,
    label: offboardOptionTitles[name],
    kind: 'toggle',
    required: false,
    toggleTitle: offboardOptionTitles[name],
  };
  if (name === 'forward-to') {
    return [
      toggle,
      { id: 'forwardTo', label: 'Forward to', kind: 'text', required: false, placeholder: 'colleague@contoso.com' },
      {
        id: 'keepCopy',
        label: 'Keep a copy in the mailbox',
        kind: 'toggle',
        required: false,
        toggleTitle: 'Keep a copy in the mailbox',
      },
    ];
  }
  if (name === 'grant-mailbox') {
    return [
      toggle,
      {
        id: 'grantMailbox',
        label: 'Mailbox access for',
        kind: 'text',
        required: false,
        placeholder: 'manager@contoso.com',
      },
    ];
  }
  if (name === 'out-of-office') {
    return [
      toggle,
      {
        id: 'outOfOffice',
        label: 'Out-of-office reply',
        kind: 'multiline',
        required: false,
        placeholder: 'Jane has left; please write to john@contoso.com.',
      },
    ];
  }
  return [toggle];
});

export const offboardForm: FormDefinition = {
  name: 'offboard',
  shortTitle: 'Offboard a user',
  submitLabel: 'Offboard…',
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
    ...optionFields,
    { id: 'at', label: 'When (empty: now)', kind: 'text', required: false, placeholder: 'YYYY-MM-DD HH:MM' },
  ],
};
