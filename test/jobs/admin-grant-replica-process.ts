/**
 * One m365ops replica in its own process, for the MongoDB admin-expiry test: it opens the store from MONGODB_URI,
 * reaches the simulator started by the test and runs the durable jobs due at `now` once, as the job runner of a
 * replica would. It prints `READY` before it runs them and `DONE <count>` after (unless it is killed first).
 */
import { readFileSync } from 'node:fs';
import { createLogger } from '../../common/logger';
import { createRuntime } from '../../core/runtime';
import { createJobHandlers } from '../../jobs/alias-job';
import { createJobRunner } from '../../jobs/job-runner';
import { createM365Gateway } from '../../m365/index';
import { openStore } from '../../store/open-store';
import { syncHandlerSettings } from '../support/sync-handler-settings';

export interface GrantReplicaArgs {
  owner: string;
  mongodbUri: string;
  /** The replica's clock stands still at this time. */
  now: string;
  lockMs: number;
  sim: {
    clientId: string;
    clientSecret: string;
    loginUrl: string;
    graphUrl: string;
    exchangeUrl: string;
    caPath: string;
  };
}

export async function runGrantReplica(args: GrantReplicaArgs): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const clock = { now: () => new Date(args.now) };
  const store = await openStore({ mongodbUri: args.mongodbUri, dataDir: 'unused', logger, clock });
  const { caPath, ...sim } = args.sim;
  const gateway = createM365Gateway({
    ...sim,
    ca: readFileSync(caPath, 'utf8'),
    logger,
    retry: { maxRetries: 0, maxDelayMs: 50 },
  });
  const runtime = createRuntime({ store, gateway, clock, logger, settings: syncHandlerSettings });
  const runner = createJobRunner({
    store,
    logger,
    clock,
    owner: args.owner,
    lockMs: args.lockMs,
    handlers: createJobHandlers(runtime, args.owner),
    random: () => 0,
  });
  process.stdout.write('READY\n');
  const ran = await runner.runDue();
  process.stdout.write(`DONE ${ran}\n`);
  await store.close();
}
