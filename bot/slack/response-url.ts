/**
 * Answers through a `response_url`: it reaches the channel of the command or button (also DMs and channels the
 * bot is not in) for 30 minutes and 5 uses. A message it posted can be replaced in place (`replace_original`).
 */

import type { SlackBlock } from '../../cards';
import { CodedError } from '../../common/coded-error';

export interface ResponseMessage {
  text: string;
  blocks?: SlackBlock[];
  response_type?: 'in_channel' | 'ephemeral';
  replace_original?: boolean;
  delete_original?: boolean;
}

export type Responder = (message: ResponseMessage) => Promise<void>;

export function createResponder(responseUrl: string): Responder {
  return async (message) => {
    let response: Response;
    try {
      response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
      });
    } catch (error) {
      throw new CodedError(
        'slack-respond-failed',
        'Could not answer in Slack: its response URL could not be reached.',
        {},
        { cause: error },
      );
    }
    await response.body?.cancel();
    if (!response.ok) {
      throw new CodedError(
        'slack-respond-failed',
        `Could not answer in Slack: its response URL answered HTTP ${response.status} (it expires after 30 minutes and 5 uses).`,
        { status: response.status },
      );
    }
  };
}
