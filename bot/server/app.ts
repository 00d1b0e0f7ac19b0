/**
 * The composition root: reads the configuration, opens the store, starts the simulator when no Microsoft
 * credentials are configured, and builds the gateway and the handlers. Transports (Teams, Slack, web chat, CLI)
 * and the sync scheduler receive the App and nothing else.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type Clock, systemClock } from '../../common/clock';
import { createLogger, type Logger } from '../../common/logger';
import type { Metrics } from '../../common/metrics';
import { applyConfigFile } from '../../config/apply-config-file';
import { ConfigError } from '../../config/config-error';
import { type ConfigFile, readConfigFile } from '../../config/config-file';
import { type EnvConfig, parseEnv } from '../../config/env';
import { upgradeBareSlackGrants } from '../../config/upgrade-slack-grants';
import type { M365ops } from '../../core/m365ops-port';
import type { PlatformNotifier } from '../../core/notifier';
import { createNotifierRouter } from '../../core/notifier-router';
import { findUnknownPlanGroups } from '../../core/plan-templates/check-at-start';
import { createRuntime, type Runtime } from '../../core/runtime';
import { createM365ops } from '../../handlers/index';
import { createM365Gateway } from '../../m365/index';
import type { M365Gateway } from '../../m365/types';
import { startSimulator } from '../../sim/index';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import type { RunningSimulator } from '../../sim/types';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/ports';
import { createAppMetrics, gatewayMetrics } from './app-metrics';
import { createDoctor } from './doctor';
import { createReadiness, type Readiness } from './readiness';

export interface App {
  env: EnvConfig;
  store: Store;
  gateway: M365Gateway;
  /** The port every transport calls. */
  m365ops: M365ops;
  /** The one runtime: its per-user lock and caches are shared by chat, sync, auto-approve and jobs. */
  runtime: Runtime;
  /** The in-process simulator, when no Microsoft credentials are configured. */
  simulator?: RunningSimulator;
  logger: Logger;
  /** The Prometheus registry GET /metrics shows, this App's own. */
  metrics: Metrics;
  /** What GET /readyz answers besides the store: whether the sync schedules are loaded. */
  readiness: Readiness;
  addNotifier(notifier: PlatformNotifier): void;
  /** Runs on close, last added first (transports stop before the store closes). */
  onClose(task: () => Promise<void>): void;
  close(): Promise<void>;
}

export interface AppOptions {
  env?: Record<string, string | undefined>;
  logger?: Logger;
  clock?: Clock;
  cwd?: string;
  /**
   * A CA certificate (PEM) to trust for the Microsoft endpoints besides Node's: what NODE_EXTRA_CA_CERTS gives a
   * process, for tests that point the M365_* URLs at a simulator in the same process.
   */
  microsoftCa?: string;
}

const consentLinkTtlMs = 7 * 24 * 60 * 60 * 1000;
const aliasRetryWindowMs = 24 * 60 * 60 * 1000;

/** An unknown group in the YAML stops the start; checked on every start, as the file declares it. */
async function checkPlanGroups(gateway: M365Gateway, file: ConfigFile, logger: Logger): Promise<void> {
  const problems = await findUnknownPlanGroups(gateway, file, logger);
  if (problems.length === 0) return;
  throw new ConfigError(`${file.name} names groups the tenants do not have: ${problems.join(' ')}`);
}

export async function createApp(options: AppOptions = {}): Promise<App> {
  const env = parseEnv(options.env ?? process.env, options.cwd);
  const logger = options.logger ?? createLogger({ level: env.logLevel });
  const clock = options.clock ?? systemClock;
  const closers: (() => Promise<void>)[] = [];

  const store = await openStore({ mongodbUri: env.mongodbUri, dataDir: env.dataDir, logger, clock });
  closers.push(() => store.close());
  const metrics = createAppMetrics(store, clock, logger);
  try {
    await upgradeBareSlackGrants(store, env.slackTeamId, logger);
    const configFile = env.configPath ? readConfigFile(env.configPath, { slackTeamId: env.slackTeamId }) : undefined;
    if (configFile) await applyConfigFile(store, configFile, logger);

    let simulator: RunningSimulator | undefined;
    let m365 = env.m365;
    if (!m365) {
      // Its state and port live in the data directory, so a demo survives a restart.
      const stateFile = path.join(env.dataDir, 'simulator.json');
      const started = await startSimulator({
        redirectUris: [`${env.publicUrl}/consent/callback`],
        stateFile,
        onWarning: (message) => logger.warn({ stateFile }, message),
      });
      simulator = started;
      closers.push(() => started.close());
      m365 = simulatorEndpoints(started);
      logger.info(
        { loginUrl: started.loginUrl, graphUrl: started.graphUrl, stateFile },
        'no M365_CLIENT_ID: using the built-in simulator',
      );
    }
    const ca = simulator?.caPem ?? options.microsoftCa;
    const gateway = createM365Gateway({ ...m365, ca, logger, ...gatewayMetrics(metrics) });

    if (configFile) await checkPlanGroups(gateway, configFile, logger);

    const consentSigningKey = await store.settings.setIfAbsent(
      'consent-signing-key',
      randomBytes(32).toString('base64url'),
    );
    const notifier = createNotifierRouter(store, metrics);
    const runtime = createRuntime({
      store,
      gateway,
      clock,
      logger,
      notifier,
      metrics,
      doctor: createDoctor({ env, rawEnv: options.env ?? process.env, store, gateway, logger }),
      settings: {
        publicUrl: env.publicUrl,
        syncCron: env.syncCron,
        consentSigningKey,
        consentLinkTtlMs,
        aliasRetryWindowMs,
        slackTeamId: env.slackTeamId,
        requestTtlMs: env.requestTtlMinutes * 60_000,
        approvalsChannels: env.approvalsChannels,
      },
    });
    const m365ops = createM365ops(runtime);

    let closed = false;
    return {
      env,
      store,
      gateway,
      m365ops,
      runtime,
      simulator,
      logger,
      metrics,
      readiness: createReadiness(),
      addNotifier: (platformNotifier) => notifier.add(platformNotifier),
      onClose: (task) => closers.push(task),
      async close() {
        if (closed) return;
        closed = true;
        for (const task of closers.reverse()) {
          await task().catch((error: unknown) => logger.error({ err: error }, 'error while closing'));
        }
      },
    };
  } catch (error) {
    for (const task of closers.reverse()) {
      await task().catch((closeError: unknown) =>
        logger.error({ err: closeError }, 'error while closing after a failed start'),
      );
    }
    throw error;
  }
}
