/**
 * The bulk rows of the privilege matrix: running a batch needs only helpdesk, but each row is authorised as the
 * command it is, so a grant-admin row needs an approver (helpdesk's becomes a request, which the matrix's unbound
 * customer cannot take, so nothing changes), a delete row needs what `remove user … delete` needs (helpdesk, unless the
 * customer's policy asks an approver), and nobody without a role runs a batch at all.
 */
import { actionData } from '../../cards';
import type { Command } from '../../core/request';
import { globalAdministratorTemplateId } from '../../m365/tenant-roles';
import { type Asker, contosoTenantId, type EntryPoint } from './privilege-entry-points';
import { managedUser, type PrivilegedCommand, type Target } from './privileged-commands';

const admins = (world: EntryPoint) => world.sim.listRoleMembers(contosoTenantId, globalAdministratorTemplateId);

/** A batch as its preview by `asker` left it: one row, `command`, to run. */
async function batchOf(world: EntryPoint, asker: Asker, user: Target, command: Command): Promise<Target> {
  const batch = await world.withStore((store) =>
    store.trackedOperations.create({
      customerId: 'contoso',
      kind: 'bulk',
      upn: 'pasted CSV',
      requestedBy: world.identityOf(asker),
      steps: [{ key: 'row:2', label: `Row 2: ${command.name} ${user.upn}`, state: 'pending' }],
      input: { rows: [{ row: 2, action: command.name, user: user.upn, customerId: 'contoso', command }] },
    }),
  );
  return { ...user, id: batch.id };
}

const runBatch = ({ id }: Target) => ({ button: actionData({ name: 'bulk-run', batchId: id!, confirmed: true }) });

export const bulkCommands: PrivilegedCommand[] = [
  {
    name: 'bulk run with a grant-admin row (confirmed)',
    needs: 'approver',
    chat: runBatch,
    cli: ({ id }) => `bulk run ${id}`,
    async arrange(world, n, asker) {
      const user = await managedUser(world, `matrix.bulk.${n}`);
      return batchOf(world, asker, user, {
        name: 'grant-admin',
        upn: user.upn,
        durationMinutes: 120,
        reason: 'Matrix',
        customerId: 'contoso',
        confirmed: true,
      });
    },
    observe: async (world, target) => admins(world).includes(target.objectId!),
    expectDone: async (world, target, shown) => {
      expect(shown).toContain('1 done, 0 failed');
      expect(admins(world)).toContain(target.objectId);
    },
    requested: /No channel receives Contoso Ltd's requests/,
    refusalNames: (asker) => (asker === 'none' ? 'helpdesk' : 'approver'),
  },
  {
    name: 'bulk run with a remove … delete row (confirmed)',
    needs: 'helpdesk',
    chat: runBatch,
    cli: ({ id }) => `bulk run ${id}`,
    async arrange(world, n, asker) {
      const user = await managedUser(world, `matrix.bulkdelete.${n}`);
      return batchOf(world, asker, user, {
        name: 'remove-user',
        upn: user.upn,
        delete: true,
        customerId: 'contoso',
        confirmed: true,
      });
    },
    observe: async (world, target) => world.sim.getUser(contosoTenantId, target.objectId!)?.deletedDateTime ?? null,
    expectDone: async (world, target, shown) => {
      expect(shown).toContain('1 done, 0 failed');
      expect(world.sim.getUser(contosoTenantId, target.objectId!)?.deletedDateTime).toEqual(expect.any(String));
    },
  },
];
