/**
 * Time-boxed admin on two replicas sharing MongoDB (FerretDB in CI): the grant's end is due while replica A, which
 * claimed it, is killed mid-removal; replica B takes the end over once A's claim lapses and removes the role exactly
 * once, and later runs change nothing.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { scheduleGrantEnd } from '../../core/admin-grants';
import { createJobHandlers } from '../../jobs/alias-job';
import { createJobRunner } from '../../jobs/job-runner';
import { globalAdministratorTemplateId } from '../../m365/tenant-roles';
import { simulatorEndpoints } from '../../sim/simulator-endpoints';
import { ManualClock } from '../store/contract/harness';
import { readLinesUntil, spawnTsChild } from '../support/ts-child-process';
import { customerIdOf, type SyncCore, seedTenant, startSyncCore } from '../sync/sync-core-harness';
import type { GrantReplicaArgs } from './admin-grant-replica-process';

const mongodbUri = process.env.MONGODB_URI;
if (!mongodbUri) {
  process.stdout.write(
    'Admin-expiry replica tests on MongoDB skipped: MONGODB_URI is not set (bash .ci/ferretdb.sh start provides one).\n',
  );
}

const minute = 60_000;
const tenant = seedTenant(300, 2);
const customerId = customerIdOf(tenant);
const upn = 'jit.admin@tenant300.onmicrosoft.com';

function withDatabase(uri: string, name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!match) throw new Error(`MONGODB_URI ${uri} is not a mongodb:// connection string.`);
  return `${match[1]}/${name}${match[2] ?? ''}`;
}

(mongodbUri ? describe : describe.skip)('time-boxed admin on two replicas on MongoDB', () => {
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
  let core: SyncCore;
  let database: string;
  let uri: string;
  let dir: string;
  let caPath: string;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'm365ops-grant-replicas-'));
    database = `m365ops_grants_${randomUUID().slice(0, 8)}`;
    uri = withDatabase(mongodbUri!, database);
    core = await startSyncCore({ tenants: [tenant], mongodbUri: uri, clock });
    caPath = path.join(dir, 'ca.pem');
    writeFileSync(caPath, core.sim.caPem);
  });

  afterEach(async () => {
    core.sim.control.clearFaults();
    await core.close();
    const client = new MongoClient(mongodbUri!);
    await client
      .db(database)
      .dropDatabase()
      .finally(() => client.close());
    rmSync(dir, { recursive: true, force: true });
  });

  const members = () => core.sim.control.listRoleMembers(tenant.id, globalAdministratorTemplateId);
  const removals = () =>
    Object.entries(core.sim.control.requestCounts())
      .filter(([route]) => route.startsWith('DELETE') && route.includes('roleAssignments'))
      .reduce((sum, [, count]) => sum + count, 0);

  /** A 30-minute grant given now to a user who holds the role in the tenant, with its end queued. */
  async function grantFor30Minutes() {
    const user = core.sim.control.addUser(tenant.id, { userPrincipalName: upn });
    core.sim.control.grantRole(tenant.id, user.id, globalAdministratorTemplateId);
    const grant = await core.store.adminGrants.create({
      customerId,
      objectId: user.id,
      upn,
      role: globalAdministratorTemplateId,
      grantedAt: clock.now(),
      endsAt: new Date(clock.now().getTime() + 30 * minute),
      grantedBy: 'teams:approver',
      requester: 'teams:helpdesk',
      reason: 'Mailbox migration',
    });
    await scheduleGrantEnd(core.runtime, grant);
    return { grant, objectId: user.id };
  }

  function startReplica(owner: string, now: Date): ChildProcessWithoutNullStreams {
    const args: GrantReplicaArgs = {
      owner,
      mongodbUri: uri,
      now: now.toISOString(),
      lockMs: 5 * minute,
      sim: { ...simulatorEndpoints(core.sim), caPath },
    };
    const script = path.join(__dirname, 'admin-grant-replica-process.ts');
    return spawnTsChild(
      `require(${JSON.stringify(script)}).runGrantReplica(JSON.parse(process.argv[1])).catch((e) => { console.error(e); process.exit(1); });`,
      [JSON.stringify(args)],
    );
  }

  const runB = () =>
    createJobRunner({
      store: core.store,
      logger: core.runtime.logger,
      clock,
      owner: 'replica-b',
      handlers: createJobHandlers(core.runtime, 'replica-b'),
      random: () => 0,
    }).runDue();

  it('removes the role exactly once when the replica that claimed the end is killed mid-removal', async () => {
    const { grant, objectId } = await grantFor30Minutes();
    clock.advance(30 * minute);
    // Replica A claims the end, then hangs on Microsoft (every call slowed), and is killed there.
    core.sim.control.setFaults({ latencyMs: 60_000 });
    const dying = startReplica('replica-a', clock.now());
    await readLinesUntil(dying, (line) => line === 'READY');
    for (let i = 0; i < 400; i++) {
      const claimed = await core.store.adminGrants.get(grant.id);
      if (claimed?.state === 'ending' && claimed.endingBy === 'replica-a') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await core.store.adminGrants.get(grant.id))?.endingBy).toBe('replica-a');
    dying.kill('SIGKILL');
    await new Promise((resolve) => dying.once('exit', resolve));
    core.sim.control.clearFaults();
    core.sim.control.resetRequestCounts();

    // While A's claim holds, B leaves the end alone; once it lapses, B takes it over and removes the role.
    await runB();
    expect(members()).toContain(objectId);
    expect(removals()).toBe(0);
    clock.advance(6 * minute);
    await runB();
    expect(members()).not.toContain(objectId);
    clock.advance(60 * minute);
    await runB();

    expect(removals()).toBe(1);
    expect(await core.store.adminGrants.get(grant.id)).toMatchObject({ state: 'ended', endedBy: 'm365ops' });
    const expired = (await core.store.audit.list({ customerId })).filter((a) => a.action === 'admin-expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ target: upn, details: { removed: true, reason: 'Mailbox migration' } });
  }, 120_000);

  it('removes the role exactly once when both replicas run the due end at the same time', async () => {
    const { grant, objectId } = await grantFor30Minutes();
    clock.advance(31 * minute);
    core.sim.control.resetRequestCounts();
    const [, a] = await Promise.all([
      runB(),
      readLinesUntil(startReplica('replica-a', clock.now()), (l) => l.startsWith('DONE')),
    ]);
    expect(a.at(-1)).toMatch(/^DONE \d+$/);
    expect(members()).not.toContain(objectId);
    expect(removals()).toBe(1);
    expect((await core.store.adminGrants.get(grant.id))?.state).toBe('ended');
  }, 120_000);
});
