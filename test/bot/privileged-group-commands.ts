/**
 * The plan-group rows of the role × command × entry point matrix (issue 15): the two buttons of a groups-missing
 * discrepancy. Deciding is the approver's; "Add back" also carries group-join (helpdesk), "Accept" only records.
 */
import { actionData } from '../../cards';
import { contosoTenantId, type EntryPoint } from './privilege-entry-points';
import { managedUser, type PrivilegedCommand, type Target } from './privileged-commands';

const salesMembers = (world: EntryPoint) => world.sim.getGroup(contosoTenantId, 'Sales')!.memberIds;

/** A managed user out of Sales, which their plan names; sync posted the card to Slack. */
async function outOfSales(world: EntryPoint, n: number, name: string): Promise<Target> {
  const target = await managedUser(world, `matrix.${name}.${n}`);
  const sales = world.sim.getGroup(contosoTenantId, 'Sales')!;
  const discrepancyId = await world.withStore(async (store) => {
    const { discrepancy } = await store.discrepancies.upsertOpen({
      customerId: 'contoso',
      objectId: target.objectId!,
      upn: target.upn,
      kind: 'groups-missing',
      expected: { planId: 'business-basic', groups: [{ id: sales.id, name: 'Sales' }] },
      actual: { missing: [{ id: sales.id, name: 'Sales' }] },
      runId: `matrix-${n}`,
    });
    await store.discrepancies.setMessageRef(discrepancy.id, {
      platform: 'slack',
      ref: { channel: 'C0HELPDESK', ts: `1700000001.${String(n).padStart(6, '0')}` },
    });
    return discrepancy.id;
  });
  return { ...target, discrepancyId };
}

const decisionState = (world: EntryPoint, target: Target) =>
  world.withStore(async (store) => ({
    inSales: salesMembers(world).includes(target.objectId!),
    exceptions: (await store.serviceUsers.get('contoso', target.objectId!))?.groupExceptions ?? [],
    status: (await store.discrepancies.get(target.discrepancyId!))?.status,
  }));

export const groupCommands: PrivilegedCommand[] = [
  {
    name: 'Revoke on a groups-missing discrepancy (adds the user back to Sales)',
    needs: 'approver',
    chat: ({ discrepancyId }) => ({
      button: actionData({ name: 'decide', discrepancyId: discrepancyId!, action: 'revoke' }),
    }),
    arrange: (world, n) => outOfSales(world, n, 'addback'),
    observe: decisionState,
    expectDone: async (world, target) => expect(salesMembers(world)).toContain(target.objectId),
  },
  {
    name: 'Approve on a groups-missing discrepancy (records that the user stays out of Sales)',
    needs: 'approver',
    chat: ({ discrepancyId }) => ({
      button: actionData({ name: 'decide', discrepancyId: discrepancyId!, action: 'approve' }),
    }),
    arrange: (world, n) => outOfSales(world, n, 'leaveout'),
    observe: decisionState,
    expectDone: async (world, target) =>
      expect((await decisionState(world, target)).exceptions).toEqual([
        world.sim.getGroup(contosoTenantId, 'Sales')!.id,
      ]),
  },
];
