/**
 * One m365ops replica in its own process, for the MongoDB replica tests: it opens the store from MONGODB_URI,
 * reaches the simulator started by the test, runs one sync tick and prints what it posted, one line each:
 * `POSTED <discrepancyId>`, then `DONE <outcomes as JSON>`. It prints `READY` once it is about to sync.
 */
import { readFileSync } from 'node:fs';
import { createLogger } from '../../common/logger';
import type { Notifier } from '../../core/notifier';
import { createRuntime } from '../../core/runtime';
import { createM365Gateway } from '../../m365/index';
import { openStore } from '../../store/open-store';
import { createSyncScheduler } from '../../sync/sync-scheduler';
import { neverSchedule, syncHandlerSettings } from '../support/sync-handler-settings';

export interface ReplicaArgs {
  owner: string;
  mongodbUri: string;
  tick: string;
  leaseMs: number;
  /** SYNC_CONCURRENCY of the replica's scheduler (the scheduler's default when not given). */
  concurrency?: number;
  sim: {
    clientId: string;
    clientSecret: string;
    loginUrl: string;
    graphUrl: string;
    exchangeUrl: string;
    caPath: string;
  };
}

export async function runReplica(args: ReplicaArgs): Promise<void> {
  const logger = createLogger({ level: 'silent' });
  const store = await openStore({ mongodbUri: args.mongodbUri, dataDir: 'unused', logger });
  const { caPath, ...sim } = args.sim;
  const gateway = createM365Gateway({
    ...sim,
    ca: readFileSync(caPath, 'utf8'),
    logger,
    retry: { maxRetries: 2, maxDelayMs: 50 },
  });
  let posted = 0;
  const notifier: Notifier = {
    async canPost() {
      return true;
    },
    async post(_customerId, reply) {
      const ids =
        reply.kind === 'discrepancy'
          ? [reply.discrepancy.id]
          : reply.kind === 'digest'
            ? reply.items.map((i) => i.id)
            : [];
      for (const id of ids) process.stdout.write(`POSTED ${id}\n`);
      posted++;
      return { platform: 'teams', ref: { activityId: `${args.owner}-${posted}` } };
    },
    async postTo() {
      throw new Error('A sync replica posts only to bound channels.');
    },
    async update() {},
  };
  const runtime = createRuntime({
    store,
    gateway,
    clock: { now: () => new Date() },
    logger,
    notifier,
    settings: syncHandlerSettings,
  });
  const scheduler = createSyncScheduler({
    runtime,
    owner: args.owner,
    defaultSchedule: neverSchedule,
    leaseMs: args.leaseMs,
    concurrency: args.concurrency,
  });
  process.stdout.write('READY\n');
  const outcomes = await scheduler.runTick(new Date(args.tick));
  process.stdout.write(
    `DONE ${JSON.stringify(outcomes.map(({ customerId, outcome, ...rest }) => ({ customerId, outcome, error: (rest as { error?: string }).error })))}\n`,
  );
  await store.close();
}
