/**
 * `m365ops doctor` as this process can run it: the checks of core/doctor over its store and Microsoft client, given
 * the facts of its configuration, plus the Teams and Slack checks of the transports. The composition root hands
 * the result to the handlers (HandlerDeps.doctor), so chat and the CLI run the same checks.
 */
import type { Logger } from '../../common/logger';
import type { EnvConfig } from '../../config/env';
import { configurationCheck } from '../../core/doctor/check-configuration';
import { customerCheck } from '../../core/doctor/check-customer';
import { microsoftAppCheck } from '../../core/doctor/check-microsoft-app';
import { storeCheck } from '../../core/doctor/check-store';
import { type DoctorCheck, type DoctorRow, runDoctorChecks } from '../../core/doctor/doctor-row';
import type { M365Gateway } from '../../m365/types';
import type { Store } from '../../store/ports';
import type { Customer, Plan } from '../../store/types';
import { botCredentialsCheck } from '../teams/check-bot-credentials';

export interface DoctorSources {
  env: EnvConfig;
  /** The raw environment, where botbuilder's keys are read. */
  rawEnv: Record<string, string | undefined>;
  store: Store;
  gateway: M365Gateway;
  logger: Logger;
}

export type RunDoctor = () => Promise<DoctorRow[]>;

export function createDoctor(sources: DoctorSources): RunDoctor {
  const { env, store, gateway, logger } = sources;
  return async () => {
    // Loaded when the doctor runs: Bolt is heavy, and a CLI command other than doctor never needs it here.
    const { slackAppCheck } = await import('../slack/check-slack-app');
    const checks: DoctorCheck[] = [
      configurationCheck({
        clientId: env.m365?.clientId,
        publicUrl: env.publicUrl,
        teams: env.teams,
        slack: env.slack !== undefined,
        configPath: env.configPath,
      }),
      storeCheck(store),
      botCredentialsCheck({ mode: env.teams.mode, why: env.teams.why, env: sources.rawEnv }),
      slackAppCheck({ slack: env.slack, slackTeamId: env.slackTeamId }),
      microsoftAppCheck(gateway, { clientId: env.m365?.clientId, mspTenantId: env.mspTenantId }),
    ];
    const configured = await readCustomers(store, logger);
    for (const customer of configured.customers) checks.push(customerCheck(gateway, customer, configured.plans));
    return runDoctorChecks(checks, {
      onError: (check, error) => logger.warn({ err: error, check }, 'a doctor check could not finish'),
    });
  };
}

/** The customers to check; none when the store cannot say (its own row reports why). */
async function readCustomers(store: Store, logger: Logger): Promise<{ customers: Customer[]; plans: Plan[] }> {
  try {
    const [customers, plans] = await Promise.all([store.customers.list(), store.plans.list()]);
    return { customers, plans };
  } catch (error) {
    logger.warn({ err: error }, 'doctor: could not list the customers');
    return { customers: [], plans: [] };
  }
}
