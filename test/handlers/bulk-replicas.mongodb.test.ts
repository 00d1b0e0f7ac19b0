/**
 * A bulk batch run by two replicas at once over one MongoDB (FerretDB in CI), each with its own store connection,
 * runtime and Microsoft client: every row runs exactly once, on one of them, against the simulator.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { Clock } from '../../common/clock';
import { createLogger } from '../../common/logger';
import type { RequestContext } from '../../core/request';
import { createRuntime } from '../../core/runtime';
import { createM365ops } from '../../handlers';
import { createM365Gateway } from '../../m365/index';
import { startSimulator } from '../../sim/index';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import type { RunningSimulator } from '../../sim/types';
import { openStore } from '../../store/open-store';
import type { Store } from '../../store/ports';
import { expectKind } from './harness';
import { contosoTenant, testSeed } from './sim-harness';

const mongodbUri = process.env.MONGODB_URI;
if (!mongodbUri) {
  process.stdout.write('Bulk replica tests on MongoDB skipped: MONGODB_URI is not set (bash .ci/ferretdb.sh start).\n');
}

function withDatabase(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error(`MONGODB_URI ${uri} is not a mongodb:// connection string.`);
  return `${match[1]}/${name}${match[2] ?? ''}`;
}

const context: RequestContext = { identity: 'teams:helpdesk-1', origin: 'teams', isPersonal: true };
const logger = createLogger({ level: 'silent' });
const clock: Clock = { now: () => new Date() };

(mongodbUri ? describe : describe.skip)('a bulk batch on two replicas sharing MongoDB', () => {
  let sim: RunningSimulator;
  let database: string;
  const stores: Store[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ seed: testSeed({ basic: 80 }), mailboxDelayMs: 60 * 60_000 });
    database = `m365ops_bulk_${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 2; i += 1) {
      stores.push(await openStore({ mongodbUri: withDatabase(mongodbUri!, database), dataDir: '', logger, clock }));
    }
    const [store] = stores;
    await store!.plans.create({
      id: 'business-basic',
      name: 'Microsoft 365 Business Basic',
      skus: ['O365_BUSINESS_ESSENTIALS'],
      disabledPlans: {},
    });
    await store!.customers.create({
      id: 'contoso',
      name: 'Contoso Ltd',
      tenantId: contosoTenant,
      plans: [{ planId: 'business-basic' }],
      syncPolicy: { autoApprove: [] },
      consent: { status: 'granted' },
    });
    await store!.access.grant(context.identity, 'helpdesk', 'test');
  }, 60_000);

  afterAll(async () => {
    for (const store of stores) await store.close();
    await sim?.close();
    const client = new MongoClient(mongodbUri!);
    await client
      .db(database)
      .dropDatabase()
      .finally(() => client.close());
  });

  /** One replica: its own store connection, Microsoft client and runtime. */
  const replica = (store: Store) =>
    createM365ops(
      createRuntime({
        store,
        gateway: createM365Gateway({ ...simulatorEndpoints(sim), ca: sim.caPem, logger, retry: { maxRetries: 6 } }),
        clock,
        logger,
        settings: {
          publicUrl: 'https://m365ops.example.test',
          syncCron: '*/15 * * * *',
          consentSigningKey: 'test-signing-key-0123456789abcdef',
          consentLinkTtlMs: 60 * 60_000,
          aliasRetryWindowMs: 60 * 60_000,
        },
      }),
    );

  it('runs each of 60 rows, kept in two parts, exactly once between them', async () => {
    const [a, b] = [replica(stores[0]!), replica(stores[1]!)];
    const upns = Array.from({ length: 60 }, (_, index) => `replica.${index}@contoso.com`);
    const csv = ['action,upn,plan,location', ...upns.map((upn) => `add,${upn},business-basic,GB`)].join('\n');
    const preview = expectKind(await a.handle({ context, command: { name: 'bulk', csv } }), 'confirm');
    if (preview.confirmCommand.name !== 'bulk-run') throw new Error('not a batch');
    const command = preview.confirmCommand;
    sim.control.resetRequestCounts();

    await Promise.all([a.handle({ context, command }), b.handle({ context, command })]);

    const created = sim.control
      .requestLog()
      .filter((entry) => entry.method === 'POST' && entry.path === '/users')
      .map((entry) => (entry.body as { userPrincipalName: string }).userPrincipalName);
    expect([...created].sort()).toEqual([...upns].sort());
    const batch = await stores[1]!.trackedOperations.get(command.batchId);
    expect(batch!.steps.every((step) => step.state === 'done')).toBe(true);
  }, 120_000);
});
