/**
 * Teams' dynamic typeahead: an Input.ChoiceSet whose `choices.data` is a Data.Query makes Teams send an
 * `application/search` invoke as the person types (queryText, queryOptions {skip, top}, dataset, and with
 * associatedInputs `auto` the card's inputs as `data`). The users dataset answers the chosen customer's users whose
 * address or name contains the text, read through the `users` command (so its role and customer checks apply).
 */
import type { Activity, InvokeResponse } from 'botbuilder';
import { searchUserChoices, usersDataset } from '../../cards';
import type { M365ops } from '../../core/m365ops-port';
import { invokeErrorResponse } from './card-messages';
import { type AllowedTenants, readRequestContext } from './read-activity';

/** Teams lists at most 15 options in the dropdown. */
const mostResults = 15;

export const searchResponseType = 'application/vnd.microsoft.search.searchResponse';

export async function searchUsers(
  options: { m365ops: M365ops; allowedTenants: AllowedTenants },
  activity: Activity,
): Promise<InvokeResponse> {
  const query = isRecord(activity.value) ? activity.value : {};
  if (query.dataset !== usersDataset) {
    return invokeErrorResponse(400, 'NotSupported', 'm365ops offers only its users to search.');
  }
  const read = readRequestContext(activity, options.allowedTenants);
  if (!read.ok) return invokeErrorResponse(400, read.error.code, read.error.message);
  const data = isRecord(query.data) ? query.data : {};
  const customerId = typeof data.customerId === 'string' && data.customerId ? data.customerId : undefined;
  const reply = await options.m365ops.handle({
    context: read.context,
    command: customerId ? { name: 'users', customerId } : { name: 'users' },
  });
  if (reply.kind === 'error') return invokeErrorResponse(400, reply.code, reply.message);
  const paging = isRecord(query.queryOptions) ? query.queryOptions : {};
  const skip = wholeNumber(paging.skip, 0);
  const top = Math.min(wholeNumber(paging.top, mostResults), mostResults);
  const text = typeof query.queryText === 'string' ? query.queryText.slice(0, 320) : '';
  const results = searchUserChoices(reply, text, skip + top).slice(skip);
  return { status: 200, body: { type: searchResponseType, value: { results } } };
}

function wholeNumber(value: unknown, otherwise: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : otherwise;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
