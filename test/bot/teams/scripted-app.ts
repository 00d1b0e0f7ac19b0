/** The scripted App (test/support/scripted-app.ts) with Teams on: in dev mode (no authentication) unless told. */
import type { TeamsEnv } from '../../../config/env';
import { createScriptedApp, type ScriptedAnswer, type ScriptedApp } from '../../support/scripted-app';

export type { ScriptedApp } from '../../support/scripted-app';

export const devModeTeams: TeamsEnv = {
  mode: 'dev',
  why: 'the scripted app',
  allowedTenants: [],
  devModeRealTenants: false,
};

export function scriptedApp(answer: ScriptedAnswer, teams: Partial<TeamsEnv> = {}): ScriptedApp {
  return createScriptedApp({ teams: { ...devModeTeams, ...teams } }, answer);
}
