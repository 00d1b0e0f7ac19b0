/** What only cards and buttons send: a decision on discrepancies, and a submitted form. */
import type { CommandSpec } from './command-spec';

export const decide: CommandSpec<'decide'> = {
  name: 'decide',
  words: [],
  usage: 'Approve / Revoke button on a discrepancy',
  description: 'Decides one discrepancy; one that removes access or licences, or gives an admin role, asks first.',
  example: '',
  listed: false,
  action: 'Deciding discrepancies',
  effects: ['decision'],
  confirms: true,
};

export const decideAll: CommandSpec<'decide-all'> = {
  name: 'decide-all',
  words: [],
  usage: 'Approve all / Revoke all button on a sync digest',
  description: 'Decides every open discrepancy of one kind for a customer, after one confirmation for the batch.',
  example: '',
  listed: false,
  action: 'Deciding discrepancies',
  effects: ['decision'],
  confirms: true,
};

/** Authorised and audited as the command its form was filled in for (the spec `submittedBy` that form). */
export const submitForm: CommandSpec<'submit-form'> = {
  name: 'submit-form',
  words: [],
  usage: 'Submit button of a form',
  description: 'Runs the command a form was filled in for.',
  example: '',
  listed: false,
  action: 'Submitting this form',
  effects: ['read'],
};

/** A form drawn again for the customer just chosen: it only reads (the customer's domains, plans and users). */
export const refreshForm: CommandSpec<'refresh-form'> = {
  name: 'refresh-form',
  words: [],
  usage: 'Choosing the customer of a form',
  description: 'Shows the form again with the chosen customer’s domains, plans and users.',
  example: '',
  listed: false,
  action: 'Filling in this form',
  effects: ['read'],
};
