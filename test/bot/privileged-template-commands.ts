/**
 * The plan-template rows of the role × command × entry point matrix (issue 15): `add user … like` copies a managed
 * user's plan and groups, and needs what add user needs (helpdesk).
 */
import { contosoTenantId, type EntryPoint } from './privilege-entry-points';
import { managedUser, type PrivilegedCommand, type Target, tenantUser } from './privileged-commands';

/** The demo tenant's Sales group, which the copied user is in. */
const salesMembers = (world: EntryPoint) => world.sim.getGroup(contosoTenantId, 'Sales')?.memberIds ?? [];

/** "Matrix Named7" for matrix.named7@contoso.com: the name first.last makes that UPN of. */
const namedAfter = ({ upn }: Target) => `Matrix N${upn.slice('matrix.n'.length, upn.indexOf('@'))}`;

export const templateCommands: PrivilegedCommand[] = [
  {
    // `id`: the user copied.
    name: 'add user … like <managed user>',
    needs: 'helpdesk',
    chat: ({ upn, id }) => ({ text: `add user ${upn} like ${id}` }),
    cli: ({ upn, id }) => `add user ${upn} like ${id}`,
    arrange: async (world, n): Promise<Target> => {
      const model = await managedUser(world, `matrix.model.${n}`);
      world.sim.addGroupMember(contosoTenantId, 'Sales', model.upn);
      return { upn: `matrix.like.${n}@contoso.com`, id: model.upn };
    },
    observe: async (world, target) => ({ user: tenantUser(world, target), sales: salesMembers(world).length }),
    expectDone: async (world, target, shown) => {
      const user = tenantUser(world, target);
      expect(user).toMatchObject({ usageLocation: 'GB' });
      expect(salesMembers(world)).toContain(user?.id);
      expect(shown).toContain(`Copied from ${target.id}`);
    },
  },
  {
    // The same copy by display name: the copied user's plan's format makes the UPN (first.last on the demo's plans).
    name: 'add user "<name>" like <managed user>',
    needs: 'helpdesk',
    chat: (target) => ({ text: `add user "${namedAfter(target)}" like ${target.id}` }),
    cli: (target) => `add user "${namedAfter(target)}" like ${target.id}`,
    arrange: async (world, n): Promise<Target> => {
      const model = await managedUser(world, `matrix.namedmodel.${n}`);
      world.sim.addGroupMember(contosoTenantId, 'Sales', model.upn);
      return { upn: `matrix.named${n}@contoso.com`, id: model.upn };
    },
    observe: async (world, target) => ({ user: tenantUser(world, target), sales: salesMembers(world).length }),
    expectDone: async (world, target, shown) => {
      const user = tenantUser(world, target);
      expect(user).toMatchObject({ displayName: expect.stringMatching(/^Matrix Named/), usageLocation: 'GB' });
      expect(salesMembers(world)).toContain(user?.id);
      expect(shown).toContain(`UPN ${target.upn} from the plan's format`);
    },
  },
];
