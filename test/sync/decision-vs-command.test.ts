/**
 * One per-user lock for the whole process: a decision on a discrepancy (a Revoke click, or the customer's policy
 * approving it on a scheduled tick) and a chat command on the same user never interleave. A gate holds the chat
 * command's Microsoft call open while the decision arrives; the decision waits, and both end in one state.
 */
import type { Request } from '../../core/request';
import { type GatedGateway, gateFirstCall } from '../support/gated-gateway';
import { adoptAll, cli, type SyncCore, seedTenant, startSyncCore } from './sync-core-harness';

const basic = 'O365_BUSINESS_ESSENTIALS';
const premium = 'SPB';

describe.each([
  ['a Revoke click', 'assignLicenses' as const],
  ['a scheduled auto-approve', 'listSkus' as const],
])('%s and a chat change plan on the same user', (_name, method) => {
  const tenant = seedTenant(7, 3);
  const customerId = 'tenant-7';
  let core: SyncCore;
  let gate: GatedGateway;
  let ticks = 0;
  const nextTick = () => new Date(Date.now() + ++ticks * 1000);

  beforeAll(async () => {
    gate = gateFirstCall(method);
    core = await startSyncCore({ tenants: [tenant], wrapGateway: (gateway) => gate.wrap(gateway) });
    await core.scheduler.runTick(nextTick(), [customerId]);
    await adoptAll(core.handlers, customerId);
    await core.store.access.grant('teams:approver-1', 'approver', 'test');
  });

  afterAll(async () => {
    await core.close();
  });

  const jane = () => core.sim.control.listUsers(tenant.id).sort((a, b) => a.id.localeCompare(b.id))[0]!;
  const skuParts = () => {
    const skus = core.sim.control.getSkus(tenant.id);
    return jane()
      .assignedLicenses.map((held) => skus.find((sku) => sku.skuId === held.skuId)?.skuPartNumber)
      .sort();
  };
  const changePlan = (planId: string): Request => ({
    context: cli,
    command: { name: 'change-plan', upn: jane().userPrincipalName, planId, customerId },
  });

  /** One real round trip to the simulator (not through the gated call). */
  const probe = () => core.runtime.gateway.forTenant(tenant.id).listDomains();

  /** Lets the decision run as far as it can on its own: real round trips to the store and the simulator. */
  async function letItRun(): Promise<void> {
    for (let i = 0; i < 10; i++) {
      await core.store.serviceUsers.get(customerId, jane().id);
      await probe();
    }
  }

  async function waitForClaim(): Promise<string> {
    for (;;) {
      const found = (await core.store.discrepancies.list(customerId)).find((d) => d.kind === 'plan-changed');
      if (found && found.status !== 'open') return found.id;
      await probe();
    }
  }

  if (method === 'assignLicenses') {
    it('runs the Revoke after the change plan: one waits, both replies hold, one licence set', async () => {
      core.sim.control.setLicenses(tenant.id, jane().id, [basic]);
      await core.scheduler.runTick(nextTick(), [customerId]);
      const [discrepancy] = await core.store.discrepancies.listOpen(customerId, 'plan-changed');
      expect(discrepancy).toBeDefined();

      gate.arm();
      const command = core.handlers.handle(changePlan('business-premium'));
      await gate.entered;
      const click = core.handlers.handle({
        context: { identity: 'teams:approver-1', displayName: 'Ari', origin: 'teams', isPersonal: false },
        command: { name: 'decide', discrepancyId: discrepancy!.id, action: 'revoke', confirmed: true },
      });
      await waitForClaim();
      await letItRun();
      expect(gate.calls).toHaveLength(1);
      gate.open();

      const [changed, decided] = await Promise.all([command, click]);
      expect(changed).toMatchObject({ kind: 'result', title: expect.stringMatching(/^Moved .* to business-premium$/) });
      expect(decided).toMatchObject({ kind: 'discrepancy', discrepancy: { id: discrepancy!.id, status: 'revoked' } });
      expect(gate.calls).toHaveLength(2);
      expect(gate.calls[1]!.started).toBeGreaterThan(gate.calls[0]!.answered!);
      expect(skuParts()).toEqual([premium]);
      expect(await core.store.serviceUsers.get(customerId, jane().id)).toMatchObject({ planId: 'business-premium' });
    });
  } else {
    it('holds the auto-approve until the change plan is done, and the record and tenant agree', async () => {
      await core.store.customers.update(customerId, { syncPolicy: { autoApprove: ['plan-changed'] } });
      core.sim.control.setLicenses(tenant.id, jane().id, [basic]);

      gate.arm();
      const command = core.handlers.handle(changePlan('business-basic'));
      await gate.entered;
      const tick = core.scheduler.runTick(nextTick(), [customerId]);
      await waitForClaim();
      await letItRun();
      // The chat command holds jane: the policy's decision has not written her record yet.
      expect(await core.store.serviceUsers.get(customerId, jane().id)).toMatchObject({ planId: 'business-premium' });
      gate.open();

      const [changed] = await Promise.all([command, tick]);
      expect(changed).toMatchObject({ kind: 'result', title: expect.stringMatching(/^Moved .* to business-basic$/) });
      expect(skuParts()).toEqual([basic]);
      expect(await core.store.serviceUsers.get(customerId, jane().id)).toMatchObject({ planId: 'business-basic' });
      const decided = (await core.store.discrepancies.list(customerId)).filter((d) => d.kind === 'plan-changed');
      expect(decided).toMatchObject([{ status: 'auto-approved', decision: { by: 'sync', result: 'applied' } }]);
    });
  }
});
