/**
 * The names a person gives a new user, held to Microsoft Entra's limits before anything is sent to the tenant, so
 * a name that is too long is refused with a sentence rather than by Graph (or, worse, stored cut short).
 */
import { fail } from '../core/errors';
import { echoInput, inputLimits } from '../core/input-limits';

export interface UserNames {
  displayName?: string;
  givenName?: string;
  surname?: string;
}

const checked = [
  { field: 'displayName', what: 'display name', limit: inputLimits.displayName },
  { field: 'givenName', what: 'first name', limit: inputLimits.givenName },
  { field: 'surname', what: 'last name', limit: inputLimits.surname },
] as const;

/** Throws a `bad-name` HandlerError, keyed to the form field, for the first name over its limit. */
export function checkUserNames(names: UserNames): void {
  for (const { field, what, limit } of checked) {
    const value = names[field];
    if (value !== undefined && value.length > limit) {
      throw fail(
        'bad-name',
        `The ${what} is too long for Microsoft Entra: "${echoInput(value, limit)}". Shorten it and try again.`,
        { field },
      );
    }
  }
}
