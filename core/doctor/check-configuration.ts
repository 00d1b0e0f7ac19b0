/**
 * How this m365ops is set up, from the facts its configuration gave (the composition root reads the environment):
 * Microsoft 365 or the built-in simulator, the public address consent comes back to, and a way to talk to it.
 */
import { type DoctorCheck, type DoctorRow, fail, ok, warn } from './doctor-row';

export interface ConfigurationFacts {
  /** M365_CLIENT_ID, or absent for the built-in simulator. */
  clientId?: string;
  publicUrl: string;
  /** How Teams is served and why (config/env.ts TeamsEnv). */
  teams: { mode: 'authenticated' | 'dev' | 'off'; why: string };
  slack: boolean;
  /** M365OPS_CONFIG (or ./m365ops.yaml) when there is one. */
  configPath?: string;
}

const check = 'Configuration';

export function configurationCheck(facts: ConfigurationFacts): DoctorCheck {
  return { check, run: async () => configurationRows(facts) };
}

function configurationRows(facts: ConfigurationFacts): DoctorRow[] {
  const rows: DoctorRow[] = [];
  if (!facts.clientId) {
    rows.push(
      warn(
        check,
        'M365_CLIENT_ID is not set: m365ops works on its built-in simulated tenants, never on Microsoft 365.',
        'Set M365_CLIENT_ID and M365_CLIENT_SECRET to the Graph app (docs/setup.md step 3).',
      ),
    );
  } else {
    rows.push(ok(check, `The Graph app is ${facts.clientId} (M365_CLIENT_ID).`));
    const url = new URL(facts.publicUrl);
    if (url.protocol !== 'https:' && url.hostname !== 'localhost') {
      rows.push(
        fail(
          check,
          `PUBLIC_URL is ${facts.publicUrl}: Entra redirects admin consent only to https (or localhost), so consent links fail.`,
          'Set PUBLIC_URL to the https address browsers reach m365ops at, and the same redirect URI on the Graph app.',
        ),
      );
    }
  }
  const teams = facts.teams.mode === 'off' ? 'off' : facts.teams.mode === 'dev' ? 'in dev mode' : 'on';
  if (facts.teams.mode === 'off' && !facts.slack) {
    rows.push(
      fail(
        check,
        `Neither Teams nor Slack is on (${facts.teams.why}): only the CLI can talk to m365ops.`,
        'Set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId for Teams, or SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN for Slack.',
      ),
    );
  } else {
    rows.push(ok(check, `Teams is ${teams} and Slack is ${facts.slack ? 'on' : 'off'}.`));
  }
  rows.push(
    ok(
      check,
      facts.configPath
        ? `The config file ${facts.configPath} declares plans, customers and access.`
        : 'No config file: plans, customers and access come from the store (admin commands).',
    ),
  );
  return rows;
}
