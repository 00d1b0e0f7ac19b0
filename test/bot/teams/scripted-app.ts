/** The scripted App (test/support/scripted-app.ts) with Teams on and its authentication off. */
import { createScriptedApp, type ScriptedAnswer, type ScriptedApp } from '../../support/scripted-app';

export type { ScriptedApp } from '../../support/scripted-app';

export function scriptedApp(answer: ScriptedAnswer): ScriptedApp {
  return createScriptedApp({ teams: { authEnabled: false } }, answer);
}
