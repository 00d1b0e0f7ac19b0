/**
 * The plan-template rows of the role × command × entry point matrix (issue 15): the admin commands that edit a
 * plan's template, `plan <id>` that shows it, and `add user "<name>" plan <plan>` whose UPN the plan's format makes.
 * Each row arranges a plan of its own (enabled for Contoso where the row needs its tenant).
 */
import type { Plan } from '../../store/types';
import { contosoTenantId, type EntryPoint } from './privilege-entry-points';
import type { PrivilegedCommand, Target } from './privileged-commands';

async function matrixPlan(world: EntryPoint, id: string, fields: Partial<Plan> = {}, offered = false): Promise<Target> {
  // The CLI's store holds the demo's customers once a CLI process has run (it applies the config file).
  if (offered && !(await world.withStore((store) => store.customers.get('contoso')))) {
    await world.send('admin', { text: 'plans' });
  }
  await world.withStore(async (store) => {
    await store.plans.create({
      id,
      name: `Matrix ${id}`,
      skus: ['O365_BUSINESS_ESSENTIALS'],
      disabledPlans: {},
      ...fields,
    });
    if (!offered) return;
    const contoso = (await store.customers.get('contoso'))!;
    await store.customers.update('contoso', { plans: [...contoso.plans, { planId: id }] });
  });
  return { upn: '', id };
}

const storedPlan = (world: EntryPoint, target: Target) => world.withStore((store) => store.plans.get(target.id!));

export const planTemplateCommands: PrivilegedCommand[] = [
  {
    name: 'plan <id> groups',
    needs: 'admin',
    chat: ({ id }) => ({ text: `plan ${id} groups "Sales","All Staff"` }),
    cli: ({ id }) => `plan ${id} groups "Sales","All Staff"`,
    arrange: (world, n) => matrixPlan(world, `matrixgroups${n}`, {}, true),
    observe: storedPlan,
    expectDone: async (world, target) =>
      expect((await storedPlan(world, target))?.groups).toEqual(['Sales', 'All Staff']),
  },
  {
    name: 'plan <id> format … domain',
    needs: 'admin',
    chat: ({ id }) => ({ text: `plan ${id} format f.last domain contoso.com` }),
    cli: ({ id }) => `plan ${id} format f.last domain contoso.com`,
    arrange: (world, n) => matrixPlan(world, `matrixformat${n}`),
    observe: storedPlan,
    expectDone: async (world, target) =>
      expect(await storedPlan(world, target)).toMatchObject({ usernameFormat: 'f.last', domain: 'contoso.com' }),
  },
  {
    name: 'plan <id> shared-mailbox … full-access',
    needs: 'admin',
    chat: ({ id }) => ({ text: `plan ${id} shared-mailbox sales.team@contoso.com full-access` }),
    cli: ({ id }) => `plan ${id} shared-mailbox sales.team@contoso.com full-access`,
    arrange: (world, n) => matrixPlan(world, `matrixmailbox${n}`, {}, true),
    observe: storedPlan,
    expectDone: async (world, target) =>
      expect((await storedPlan(world, target))?.sharedMailboxes).toEqual([
        { mailbox: 'sales.team@contoso.com', access: ['FullAccess'] },
      ]),
  },
  {
    name: 'plan <id> (reads only)',
    needs: 'helpdesk',
    chat: ({ id }) => ({ text: `plan ${id}` }),
    cli: ({ id }) => `plan ${id}`,
    arrange: (world, n) => matrixPlan(world, `matrixshow${n}`, { usernameFormat: 'firstl' }),
    observe: storedPlan,
    expectDone: async (_world, _target, shown) => expect(shown).toContain('firstl'),
  },
  {
    name: 'add user "<name>" plan <plan> (UPN from the format)',
    needs: 'helpdesk',
    chat: ({ id }) => ({ text: `add user "Matrix Named${id}" plan ${id} customer contoso location GB` }),
    cli: ({ id }) => `add user "Matrix Named${id}" plan ${id} customer contoso location GB`,
    arrange: async (world, n) => ({
      ...(await matrixPlan(world, `matrixnamed${n}`, { usernameFormat: 'first.last' }, true)),
      upn: `matrix.namedmatrixnamed${n}@contoso.com`,
    }),
    observe: async (world, target) => world.sim.getUser(contosoTenantId, target.upn),
    expectDone: async (world, target, shown) => {
      expect(shown).toContain(`Added ${target.upn}`);
      expect(world.sim.getUser(contosoTenantId, target.upn)).not.toBeNull();
    },
  },
];
