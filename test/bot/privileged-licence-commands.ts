/** The licence views' rows of the privilege matrix: both only read, from the helpdesk role up. */
import type { PrivilegedCommand } from './privileged-commands';

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
];
