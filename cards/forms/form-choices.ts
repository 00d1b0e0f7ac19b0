import type { Choice, FormReply, Reply } from '../../core/reply';
import type { Command } from '../../core/request';
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

/** The command that opens the form a reply shows, for the customer (and user) it was shown for. */
export function formOpeningCommand(reply: FormReply): Command {
  const customer = reply.customerId ? { customerId: reply.customerId } : {};
  if (reply.form === 'add-user') return { name: 'add-user-form', ...customer };
  const upn = typeof reply.values.upn === 'string' && reply.values.upn ? { upn: reply.values.upn } : {};
  if (reply.form === 'offboard') return { name: 'offboard', upn: upn.upn ?? '', options: [], ...customer };
  return reply.form === 'change-plan'
    ? { name: 'change-plan-form', ...upn, ...customer }
    : { name: 'remove-user-form', ...upn, ...customer };
}

/**
 * The customer's users whose address or name contains what was typed, as choices for a `user` field (Teams
 * `application/search`, Slack `block_suggestion`); deleted users are not offered.
 */
export function searchUserChoices(reply: Reply, query: string, limit: number): Choice[] {
  if (reply.kind !== 'users') return [];
  const typed = query.trim().toLowerCase();
  return reply.users
    .filter((user) => user.status !== 'deleted')
    .filter(
      (user) =>
        typed === '' || user.upn.toLowerCase().includes(typed) || user.displayName.toLowerCase().includes(typed),
    )
    .sort((a, b) => a.upn.localeCompare(b.upn))
    .slice(0, limit)
    .map((user) => ({ value: user.upn, title: user.displayName ? `${user.displayName} (${user.upn})` : user.upn }));
}
