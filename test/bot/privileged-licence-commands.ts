/**
 * The licence rows of the privilege matrix: the two views only read, from the helpdesk role up; the weekly digest's
 * policy is configuration (admin).
 */
import { type PrivilegedCommand, policyCustomer } from './privileged-commands';

export const licenceCommands: PrivilegedCommand[] = [
  {
    name: 'licences (reads only)',
    needs: 'helpdesk',
    chat: () => ({ text: 'licences contoso' }),
    cli: () => 'licences contoso',
    arrange: async () => ({ upn: '' }),
    observe: async () => null,
    expectDone: async (_world, _target, shown) => expect(shown).toContain('Licences of Contoso'),
  },
  {
    name: 'report licences (reads only)',
    needs: 'helpdesk',
    chat: () => ({ text: 'report licences contoso' }),
    cli: () => 'report licences contoso',
    arrange: async () => ({ upn: '' }),
    observe: async () => null,
    expectDone: async (_world, _target, shown) => expect(shown).toContain('Licence report of Contoso'),
  },
  {
    name: 'policy … licence-digest weekly',
    needs: 'admin',
    chat: ({ id }) => ({ text: `policy ${id} licence-digest weekly` }),
    cli: ({ id }) => `policy ${id} licence-digest weekly`,
    arrange: (world, n) => policyCustomer(world, `matrixdigest${n}`),
    observe: (world, target) =>
      world.withStore(async (store) => (await store.customers.get(target.id!))?.licenceDigest ?? null),
    expectDone: async (world, target) =>
      expect(await world.withStore(async (store) => (await store.customers.get(target.id!))?.licenceDigest)).toBe(
        'weekly',
      ),
  },
];
