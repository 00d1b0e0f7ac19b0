import { startSimulator } from './index';

/**
 * `npm run sim`: the simulator alone with the demo seed. The first line of output is one JSON object with the
 * values m365ops needs (M365_LOGIN_URL, M365_GRAPH_URL, …; give caPath to Node as NODE_EXTRA_CA_CERTS), then one
 * line per request until SIGINT/SIGTERM. Environment: SIM_PORT, SIM_SEED, SIM_MAILBOX_DELAY_MS, SIM_REDIRECT_URIS
 * (comma-separated), SIM_STATE_FILE (a JSON file the state and port are kept in across restarts),
 * SIM_NOTIFICATION_DELAY_MS and SIM_NOTIFICATION_DUPLICATE_PERCENT (how change notifications are delivered).
 */

function numberFrom(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a whole number of 0 or more; it is "${value}".`);
  return parsed;
}

async function main(): Promise<void> {
  const env = process.env;
  const simulator = await startSimulator({
    port: numberFrom(env.SIM_PORT, 'SIM_PORT'),
    seed: env.SIM_SEED || undefined,
    stateFile: env.SIM_STATE_FILE || undefined,
    onWarning: (message) => process.stderr.write(`${message}\n`),
    mailboxDelayMs: numberFrom(env.SIM_MAILBOX_DELAY_MS, 'SIM_MAILBOX_DELAY_MS'),
    groupLicenseDelayMs: numberFrom(env.SIM_GROUP_LICENSE_DELAY_MS, 'SIM_GROUP_LICENSE_DELAY_MS'),
    redirectUris: (env.SIM_REDIRECT_URIS ?? 'http://localhost:3978/consent/callback')
      .split(',')
      .map((uri) => uri.trim())
      .filter(Boolean),
    onRequest: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
    notifications: {
      delayMs: numberFrom(env.SIM_NOTIFICATION_DELAY_MS, 'SIM_NOTIFICATION_DELAY_MS'),
      duplicateShare:
        (numberFrom(env.SIM_NOTIFICATION_DUPLICATE_PERCENT, 'SIM_NOTIFICATION_DUPLICATE_PERCENT') ?? 0) / 100,
    },
  });
  const summary = {
    loginUrl: simulator.loginUrl,
    graphUrl: simulator.graphUrl,
    exchangeUrl: simulator.exchangeUrl,
    caPath: simulator.caPath,
    clientId: simulator.clientId,
    clientSecret: simulator.clientSecret,
    tenants: simulator.tenants,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `The simulator did not close cleanly: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`The simulator could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
