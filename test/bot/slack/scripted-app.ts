/** The scripted App (test/support/scripted-app.ts) with Slack switched on against the Slack API stand-in. */

import type { EnvConfig } from '../../../config/env';
import { createScriptedApp, type ScriptedAnswer, type ScriptedApp } from '../../support/scripted-app';
import type { SlackApiStandIn } from '../../support/slack-api-stand-in';
import { slackEnv } from './slack-harness';

export type { ScriptedApp } from '../../support/scripted-app';

export function scriptedApp(slack: SlackApiStandIn, answer: ScriptedAnswer, env: Partial<EnvConfig> = {}): ScriptedApp {
  return createScriptedApp({ slack: slackEnv(slack), ...env }, answer);
}
