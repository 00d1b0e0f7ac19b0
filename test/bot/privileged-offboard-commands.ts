/**
 * The offboarding rows of the role × command × entry point matrix (issue 15): offboarding now and scheduled, the form,
 * `cancel offboard` and the customer's defaults. Each option's effect needs helpdesk (delete and licence removal
 * become requests only where the customer's approval policy says so: test/bot/offboard-*.test.ts).
 */
import { actionData } from '../../cards';
import { offboardJobKey, offboardJobType } from '../../core/offboarding/schedule';
import { contosoTenantId, type EntryPoint } from './privilege-entry-points';
import { managedUser, type PrivilegedCommand, policyCustomer, type Target, tenantUser } from './privileged-commands';

const scheduledJob = (world: EntryPoint, target: Target) =>
  world.withStore(async (store) => {
    const jobs = await store.jobs.list({ type: offboardJobType });
    return jobs.find((job) => job.uniqueKey === offboardJobKey('contoso', target.objectId!))?.status ?? null;
  });

export const offboardCommands: PrivilegedCommand[] = [
  {
    name: 'offboard form (reads only)',
    needs: 'helpdesk',
    chat: ({ upn }) => ({ text: `offboard ${upn}` }),
    arrange: (world, n) => managedUser(world, `matrix.offform.${n}`),
    observe: async (world, target) => tenantUser(world, target),
    // The Teams card's title names the customer; Slack opens the modal (callback form:offboard).
    expectDone: async (_world, _target, shown) => expect(shown).toMatch(/Offboard a user at Contoso Ltd|form:offboard/),
  },
  {
    name: 'offboard … block-sign-in remove-licences delete (confirmed)',
    needs: 'helpdesk',
    chat: ({ upn }) => ({
      button: actionData({
        name: 'offboard',
        upn,
        options: ['block-sign-in', 'remove-licences', 'delete'],
        confirmed: true,
      }),
    }),
    cli: ({ upn }) => `offboard ${upn} block-sign-in remove-licences delete`,
    arrange: (world, n) => managedUser(world, `matrix.offboard.${n}`),
    observe: async (world, target) => tenantUser(world, target),
    expectDone: async (world, target, shown) => {
      expect(shown).toContain(`Offboarded ${target.upn}`);
      expect(world.sim.getUser(contosoTenantId, target.objectId!)?.deletedDateTime).toEqual(expect.any(String));
    },
  },
  {
    name: 'offboard … at (confirmed: scheduled)',
    needs: 'helpdesk',
    chat: ({ upn }) => ({
      button: actionData({
        name: 'offboard',
        upn,
        options: ['block-sign-in'],
        at: '2099-01-01 09:00',
        confirmed: true,
      }),
    }),
    cli: ({ upn }) => `offboard ${upn} block-sign-in at 2099-01-01 09:00`,
    arrange: (world, n) => managedUser(world, `matrix.offlater.${n}`),
    observe: scheduledJob,
    expectDone: async (world, target, shown) => {
      expect(shown).toContain('is scheduled for 2099-01-01 09:00 UTC');
      expect(await scheduledJob(world, target)).toBe('pending');
    },
  },
  {
    name: 'cancel offboard',
    needs: 'helpdesk',
    chat: ({ upn }) => ({ text: `cancel offboard ${upn}` }),
    cli: ({ upn }) => `cancel offboard ${upn}`,
    async arrange(world, n) {
      const target = await managedUser(world, `matrix.offcancel.${n}`);
      await world.withStore((store) =>
        store.jobs.enqueue({
          type: offboardJobType,
          payload: {
            customerId: 'contoso',
            objectId: target.objectId,
            upn: target.upn,
            choice: { options: ['block-sign-in'] },
            requestedBy: 'teams:matrix-requester',
            where: 'Teams channel',
          },
          runAt: new Date('2099-01-01T09:00:00Z'),
          uniqueKey: offboardJobKey('contoso', target.objectId!),
        }),
      );
      return target;
    },
    observe: scheduledJob,
    expectDone: async (world, target, shown) => {
      expect(shown).toContain(`Cancelled the offboarding of ${target.upn}`);
      expect(await scheduledJob(world, target)).toBe('cancelled');
    },
  },
  {
    // Retry is authorised by what the failed steps do: a password reset of an admin is an approver's.
    name: 'retry failed steps: an offboarding’s password reset of an admin',
    needs: 'approver',
    // Retrying anything needs helpdesk first.
    refusalNames: (asker) => (asker === 'none' ? 'helpdesk' : 'approver'),
    chat: ({ id }) => ({ button: actionData({ name: 'retry-steps', operationId: id! }) }),
    cli: ({ id }) => `retry steps ${id}`,
    async arrange(world, n) {
      const user = await managedUser(world, `matrix.offretry.${n}`, { adminInTenant: true });
      // Microsoft lets an app reset an admin's password only with a privileged role of its own.
      world.sim.grantAppRole(contosoTenantId, 'Privileged Authentication Administrator');
      const operation = await world.withStore((store) =>
        store.trackedOperations.create({
          customerId: 'contoso',
          kind: 'offboard',
          upn: user.upn,
          requestedBy: 'teams:matrix-requester',
          steps: [{ key: 'reset-password', label: 'Reset the password', state: 'failed', detail: 'Matrix' }],
          input: { objectId: user.objectId, choice: { options: ['reset-password'] }, adminTarget: true },
        }),
      );
      return { ...user, id: operation.id };
    },
    observe: async (world, target) => tenantUser(world, target)?.lastPasswordChangeDateTime ?? null,
    expectDone: async (world, target, shown) => {
      expect(shown).toContain('✅ Reset the password');
      expect(world.sim.requestCounts()).toMatchObject({ 'PATCH /v1.0/users/{id}': 1 });
      expect(tenantUser(world, target)?.lastPasswordChangeDateTime).toEqual(expect.any(String));
    },
  },
  {
    name: 'policy … offboard block-sign-in,revoke-sessions',
    needs: 'admin',
    chat: ({ id }) => ({ text: `policy ${id} offboard block-sign-in,revoke-sessions` }),
    cli: ({ id }) => `policy ${id} offboard block-sign-in,revoke-sessions`,
    arrange: (world, n) => policyCustomer(world, `matrixoffboard${n}`),
    observe: (world, target) =>
      world.withStore(async (store) => (await store.customers.get(target.id!))?.offboardDefaults ?? null),
    expectDone: async (world, target) =>
      expect(await world.withStore(async (store) => (await store.customers.get(target.id!))?.offboardDefaults)).toEqual(
        ['block-sign-in', 'revoke-sessions'],
      ),
  },
];
