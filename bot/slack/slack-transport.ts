/** What every Slack listener shares: the m365ops port, the Web API client, and the timings of Slack's 3-second rule. */
import type { Logger } from '../../common/logger';
import type { M365ops } from '../../core/m365ops-port';
import type { SlackClient } from './slack-web-api';

export interface SlackTimings {
  /** Work still running after this long shows "working…", updated in place with the result. */
  workingAfterMs: number;
  /** A modal submission must be answered within 3 s; work still running after this long answers "working…". */
  modalAnswerWithinMs: number;
}

export const defaultSlackTimings: SlackTimings = { workingAfterMs: 2000, modalAnswerWithinMs: 2500 };

export interface SlackTransport {
  m365ops: M365ops;
  client: SlackClient;
  logger: Logger;
  timings: SlackTimings;
  /** SLACK_TEAM_ID: the one workspace served; unset, any workspace may ask (its identities are its own). */
  teamId?: string;
}
