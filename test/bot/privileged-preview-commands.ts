/**
 * The preview rows of the privilege matrix (issue 16): `preview <command>` needs the role the command needs, and
 * previewing grants nothing. Helpdesk previewing an admin grant is shown the request it would become (which the
 * matrix, binding no channel, could not post), never the grant; every allowed row proves the tenant got only reads.
 */
import { globalAdministratorTemplateId } from '../../m365/tenant-roles';
import type { SimControl } from '../../sim/types';
import type { Asker, EntryPoint } from './privilege-entry-points';
import { contosoTenantId } from './privilege-entry-points';
import { managedUser, type PrivilegedCommand, type Target, tenantUser } from './privileged-commands';

/** Routes that change a tenant (anything but a read or a token) the simulator received since the row began. */
function tenantWrites(sim: SimControl): string[] {
  return Object.keys(sim.requestCounts()).filter((route) => !route.startsWith('GET ') && !route.includes('token'));
}

const holdsRole = (world: EntryPoint, target: Target) =>
  world.sim.listRoleMembers(contosoTenantId, globalAdministratorTemplateId).includes(target.objectId!);

const openRequests = (world: EntryPoint) => world.withStore(async (store) => (await store.requests.listOpen()).length);

/** None is refused for reading (helpdesk), before the command's own role is asked. */
const readFirst = (needs: 'approver') => (asker: Asker) => (asker === 'none' ? 'helpdesk' : needs);

export const previewCommands: PrivilegedCommand[] = [
  {
    name: 'preview grant admin … for 2h (writes nothing)',
    needs: 'approver',
    chat: ({ upn }) => ({ text: `preview grant admin ${upn} for 2h` }),
    cli: ({ upn }) => `preview grant admin ${upn} for 2h`,
    arrange: (world, n) => managedUser(world, `matrix.preview.grant.${n}`),
    observe: async (world, target) => ({ admin: holdsRole(world, target), requests: await openRequests(world) }),
    expectDone: async (world, target, shown) => {
      expect(shown).toMatch(/Preview: grant admin \S+ would run/);
      expect(shown).toContain('/roleManagement/directory/roleAssignments');
      expect(holdsRole(world, target)).toBe(false);
      expect(tenantWrites(world.sim)).toEqual([]);
    },
    requested: /would be refused[\s\S]*No channel receives Contoso Ltd's requests/,
    refusalNames: readFirst('approver'),
  },
  {
    name: 'preview add user … admin (writes nothing)',
    needs: 'approver',
    chat: ({ upn }) => ({ text: `preview add user ${upn} plan business-basic location GB admin` }),
    cli: ({ upn }) => `preview add user ${upn} plan business-basic location GB admin`,
    arrange: async (_world, n) => ({ upn: `matrix.preview.add.${n}@contoso.com` }),
    observe: async (world, target) => ({ user: tenantUser(world, target), requests: await openRequests(world) }),
    expectDone: async (world, target, shown) => {
      expect(shown).toMatch(/Preview: add user \S+ would run/);
      expect(shown).toContain('/roleManagement/directory/roleAssignments');
      expect(tenantUser(world, target)).toBeNull();
      expect(tenantWrites(world.sim)).toEqual([]);
    },
    requested: /would be refused[\s\S]*No channel receives Contoso Ltd's requests/,
    refusalNames: readFirst('approver'),
  },
  {
    name: 'preview remove user … delete (writes nothing)',
    needs: 'helpdesk',
    chat: ({ upn }) => ({ text: `preview remove user ${upn} delete` }),
    cli: ({ upn }) => `preview remove user ${upn} delete`,
    arrange: (world, n) => managedUser(world, `matrix.preview.remove.${n}`),
    observe: async (world, target) => tenantUser(world, target),
    expectDone: async (world, target, shown) => {
      expect(shown).toMatch(/Preview: remove user \S+ would run/);
      expect(tenantUser(world, target)).toMatchObject({ accountEnabled: true });
      expect(tenantWrites(world.sim)).toEqual([]);
    },
  },
  {
    // Configuration is not previewable; the refusal by role comes first, as it would for the command.
    name: 'preview customer add (admin; not previewable)',
    needs: 'admin',
    chat: ({ id }) => ({ text: `preview customer add ${id} "Matrix"` }),
    cli: ({ id }) => `preview customer add ${id} "Matrix"`,
    arrange: async (_world, n) => ({ upn: '', id: `matrixpreview${n}` }),
    observe: (world, target) => world.withStore(async (store) => (await store.customers.get(target.id!)) ?? null),
    expectDone: async (world, target, shown) => {
      expect(shown).toContain('describes the commands that change a user');
      expect(await world.withStore(async (store) => store.customers.get(target.id!))).toBeNull();
    },
  },
];
