/** What every Slack listener shares: the app, the Web API client, and the timings of Slack's 3-second rule. */
import type { Logger } from '../../common/logger';
import type { ParseHints } from '../commands';
import type { App } from '../server/app';
import type { SlackClient } from './slack-web-api';

export interface SlackTimings {
  /** Work still running after this long shows "working…", updated in place with the result. */
  workingAfterMs: number;
  /** A modal submission must be answered within 3 s; work still running after this long answers "working…". */
  modalAnswerWithinMs: number;
}

export const defaultSlackTimings: SlackTimings = { workingAfterMs: 2000, modalAnswerWithinMs: 2500 };

export interface SlackTransport {
  m365ops: App;
  client: SlackClient;
  logger: Logger;
  timings: SlackTimings;
  /** SLACK_TEAM_ID: the one workspace served; unset, any workspace may ask (its identities are its own). */
  teamId?: string;
}

/** The configured plan and customer ids, so the parser can say "did you mean …". */
export async function loadParseHints(m365ops: App): Promise<ParseHints> {
  const [plans, customers] = await Promise.all([m365ops.store.plans.list(), m365ops.store.customers.list()]);
  return { planIds: plans.map((plan) => plan.id), customerIds: customers.map((customer) => customer.id) };
}
