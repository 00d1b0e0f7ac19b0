/**
 * Every privileged command of the role × command × entry point matrix: the role it needs (written here, not read
 * from m365ops), how chat and the CLI send it, the state it is about (arranged fresh per row, as an administrator
 * would leave it), and how to tell it was done.
 */
import { actionData } from '../../cards';
import type { Command } from '../../core/request';
import { globalAdministratorTemplateId } from '../../m365/tenant-roles';
import type { Role } from '../../store/types';
import { type Asker, contosoTenantId, type EntryPoint, type Input } from './privilege-entry-points';
import { bulkCommands } from './privileged-bulk-commands';
import { groupCommands } from './privileged-group-commands';
import { licenceCommands } from './privileged-licence-commands';
import { offboardCommands } from './privileged-offboard-commands';
import { planTemplateCommands } from './privileged-plan-commands';
import { previewCommands } from './privileged-preview-commands';
import { templateCommands } from './privileged-template-commands';

/** The demo's northwind tenant (sim/seed/demo.yaml), which its customer has not bound yet. */
const northwindTenantId = 'b3a1c2d4-8e9f-4a0b-9c1d-2e3f4a5b6c7d';

export interface Target {
  upn: string;
  objectId?: string;
  discrepancyId?: string;
  /** A customer or an identity the command is about. */
  id?: string;
}

export interface PrivilegedCommand {
  name: string;
  needs: Role;
  /** What a chat user sends: typed text, a button (a confirmation, a decision) or the add-user form. */
  chat(target: Target): Input;
  /** What the operator types at the CLI; absent where only chat has the command (forms, buttons). */
  cli?(target: Target): string;
  /** `asker`: who will send the command (a request they asked for themselves is theirs to cancel). */
  arrange(world: EntryPoint, n: number, asker: Asker): Promise<Target>;
  /** The state the command would change: a refusal leaves it exactly as it was. */
  observe(world: EntryPoint, target: Target): Promise<unknown>;
  /** Fails unless the command did what it says (`shown`: what the requester was shown). */
  expectDone(world: EntryPoint, target: Target, shown: string): Promise<void>;
  /** What helpdesk is shown instead of a refusal where the command becomes an approval request (design §9). */
  requested?: RegExp;
  /**
   * The role a refusal of `asker` names, when it is not `needs`: a command whose own effect needs less is refused
   * for that first (a retry needs helpdesk before the approver its failed steps need).
   */
  refusalNames?(asker: Asker): Role;
  /** It lists what others were refused (the audit log), so an allowed answer may quote "needs the … role". */
  quotesRefusals?: boolean;
}

/** The alias the retry row's failed step adds. */
const retryAlias = (upn: string) => upn.replace('@', '.alias@');

/** An open request for 2h of admin for a managed user, asked by someone who is none of the matrix's askers. */
async function openRequest(
  world: EntryPoint,
  n: number,
  name: string,
  requester = 'teams:matrix-requester',
): Promise<Target> {
  const user = await managedUser(world, `${name}.${n}`);
  const request = await world.withStore((store) =>
    store.requests.create({
      customerId: 'contoso',
      command: { name: 'grant-admin', upn: user.upn, durationMinutes: 120, customerId: 'contoso' },
      requester,
      reason: 'Matrix',
      expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000),
    }),
  );
  return { ...user, id: request.id };
}

const requestState = (world: EntryPoint, target: Target) =>
  world.withStore(async (store) => (await store.requests.get(target.id!))?.state);

const admins = (world: EntryPoint) => world.sim.listRoleMembers(contosoTenantId, globalAdministratorTemplateId);

/** A licensed tenant user m365ops manages, as `add user` would have left it. */
export async function managedUser(
  world: EntryPoint,
  name: string,
  options: { adminInTenant?: boolean; adminOnRecord?: boolean } = {},
): Promise<Target> {
  const upn = `${name}@contoso.com`;
  const user = world.sim.addUser(contosoTenantId, {
    userPrincipalName: upn,
    displayName: name,
    usageLocation: 'GB',
    licenses: ['O365_BUSINESS_ESSENTIALS'],
  });
  if (options.adminInTenant) world.sim.grantRole(contosoTenantId, user.id, globalAdministratorTemplateId);
  await world.withStore((store) =>
    store.serviceUsers.create({
      customerId: 'contoso',
      objectId: user.id,
      upn,
      displayName: name,
      planId: 'business-basic',
      admin: options.adminOnRecord ?? options.adminInTenant ?? false,
      usageLocation: 'GB',
      aliases: [],
      status: 'active',
      createdBy: 'cli:test',
    }),
  );
  return { upn, objectId: user.id };
}

/** How long a grant lasts, end minus start. */
function spanOf(grant: { grantedAt: Date; endsAt?: Date } | null): number | undefined {
  return grant?.endsAt ? grant.endsAt.getTime() - grant.grantedAt.getTime() : undefined;
}

/** A customer with no policy set yet, for the policy rows. */
export async function policyCustomer(world: EntryPoint, id: string): Promise<Target> {
  await world.withStore((store) =>
    store.customers.create({
      id,
      name: `Matrix ${id}`,
      plans: [],
      syncPolicy: { autoApprove: [] },
      consent: { status: 'none' },
    }),
  );
  return { upn: '', id };
}

/** Whether the user exists and holds the admin role. */
function userAndRole(world: EntryPoint, target: Target) {
  const user = world.sim.getUser(contosoTenantId, target.upn);
  return { exists: user !== null, admin: user !== null && admins(world).includes(user.id) };
}

export function tenantUser(world: EntryPoint, target: Target) {
  return world.sim.getUser(contosoTenantId, target.objectId ?? target.upn);
}

/** The confirmation an add user with admin asks for: the add-user form's submission, confirmed. */
function confirmedAddUser(upn: string): Command {
  const values = { customerId: 'contoso', userName: upn.split('@')[0]!, domain: 'contoso.com' };
  return {
    name: 'submit-form',
    form: 'add-user',
    values: { ...values, planId: 'business-basic', usageLocation: 'GB', admin: true },
    confirmed: true,
  };
}

export const privilegedCommands: PrivilegedCommand[] = [
  ...offboardCommands,
  ...licenceCommands,
  ...groupCommands,
  ...planTemplateCommands,
  ...templateCommands,
  ...previewCommands,
  ...bulkCommands,
  {
    // Typed, it asks first (naming the role); its confirmation is the add-user form's submission, confirmed.
    name: 'add user … admin (confirmed)',
    needs: 'approver',
    chat: ({ upn }) => ({ button: actionData(confirmedAddUser(upn)) }),
    cli: ({ upn }) => `add user ${upn} plan business-basic location GB admin`,
    arrange: async (_world, n) => ({ upn: `matrix.add.${n}@contoso.com` }),
    observe: async (world, target) => userAndRole(world, target),
    // Helpdesk's typed add with admin becomes a request (test/handlers/add-user.test.ts); the confirmation it would
    // click is the form's submission, which is refused like the form's own (the next row).
    expectDone: async (world, target) => expect(userAndRole(world, target)).toEqual({ exists: true, admin: true }),
  },
  {
    // Submitted, the form asks first; its confirmation carries the form's values and `confirmed`.
    name: 'add-user form with admin ticked (confirmed)',
    needs: 'approver',
    chat: ({ upn }) => ({ button: actionData(confirmedAddUser(upn)) }),
    arrange: async (_world, n) => ({ upn: `matrix.form.${n}@contoso.com` }),
    observe: async (world, target) => userAndRole(world, target),
    expectDone: async (world, target) => expect(userAndRole(world, target)).toEqual({ exists: true, admin: true }),
  },
  {
    // Opens a form: it reads the customer's users and changes nothing; the removal itself asks first.
    name: 'remove user form (reads only)',
    needs: 'helpdesk',
    chat: () => ({ text: 'remove user customer contoso' }),
    arrange: (world, n) => managedUser(world, `matrix.removeform.${n}`),
    observe: async (world, target) => tenantUser(world, target),
    expectDone: async (_world, _target, shown) => {
      expect(shown).toContain('Remove a user');
      expect(shown).toContain('Contoso Ltd');
    },
  },
  {
    // The add-user form drawn again for the customer chosen: it reads the customer's domains and plans.
    name: 'add-user form, customer chosen (reads only)',
    needs: 'helpdesk',
    chat: () => ({ customerChosen: { customerId: 'fabrikam', givenName: 'Matrix' } }),
    arrange: async () => ({ upn: '' }),
    observe: (world) => world.withStore(async (store) => (await store.customers.get('fabrikam'))?.plans),
    expectDone: async (_world, _target, shown) => {
      expect(shown).toContain('Fabrikam');
      expect(shown).toContain('fabrikam.com');
    },
  },
  {
    name: 'grant admin (confirmed)',
    needs: 'approver',
    chat: ({ upn }) => ({ button: actionData({ name: 'grant-admin', upn, confirmed: true }) }),
    cli: ({ upn }) => `grant admin ${upn}`,
    arrange: (world, n) => managedUser(world, `matrix.grant.${n}`),
    observe: async (world, target) => admins(world).includes(target.objectId!),
    expectDone: async (world, target) => expect(admins(world)).toContain(target.objectId),
    // Helpdesk's grant becomes a request, which needs a duration: refused before anything is asked.
    requested: /Requests for admin access need a duration/,
  },
  {
    name: 'approve request',
    needs: 'approver',
    chat: ({ id }) => ({ button: actionData({ name: 'approve-request', requestId: id! }) }),
    cli: ({ id }) => `approve request ${id}`,
    arrange: (world, n) => openRequest(world, n, 'matrix.approve'),
    observe: async (world, target) => ({
      admin: admins(world).includes(target.objectId!),
      state: await requestState(world, target),
    }),
    expectDone: async (world, target) => {
      expect(await requestState(world, target)).toBe('approved');
      expect(admins(world)).toContain(target.objectId);
    },
  },
  {
    name: 'deny request',
    needs: 'approver',
    // With its comment: Slack's Deny without one opens a modal asking for it (slack-requests.test.ts covers that).
    chat: ({ id }) => ({ button: actionData({ name: 'deny-request', requestId: id!, comment: 'Matrix' }) }),
    cli: ({ id }) => `deny request ${id}`,
    arrange: (world, n) => openRequest(world, n, 'matrix.deny'),
    observe: (world, target) => requestState(world, target),
    expectDone: async (world, target) => {
      expect(await requestState(world, target)).toBe('denied');
      expect(admins(world)).not.toContain(target.objectId);
    },
  },
  {
    // An add user whose aliases step failed; the mailbox exists now, so a retry adds the alias.
    name: 'retry failed steps',
    needs: 'helpdesk',
    chat: ({ id }) => ({ button: actionData({ name: 'retry-steps', operationId: id! }) }),
    cli: ({ id }) => `retry steps ${id}`,
    arrange: async (world, n) => {
      const user = await managedUser(world, `matrix.retry.${n}`);
      world.sim.makeMailboxReady(contosoTenantId, user.upn);
      const operation = await world.withStore((store) =>
        store.trackedOperations.create({
          customerId: 'contoso',
          kind: 'add-user',
          upn: user.upn,
          requestedBy: 'cli:test',
          steps: [
            { key: 'account', label: 'Create the account and assign the licences', state: 'done' },
            { key: 'aliases', label: 'Add the aliases', state: 'failed', detail: 'Matrix' },
          ],
          input: { aliases: [retryAlias(user.upn)] },
        }),
      );
      return { ...user, id: operation.id };
    },
    observe: async (world, target) => world.sim.getUser(contosoTenantId, target.upn)?.proxyAddresses ?? [],
    expectDone: async (world, target) => {
      expect(world.sim.getUser(contosoTenantId, target.upn)?.proxyAddresses).toContain(
        `smtp:${retryAlias(target.upn)}`,
      );
    },
  },
  {
    // Cancelling is the requester's own act: each row cancels a request its asker made.
    name: 'cancel request (their own)',
    needs: 'helpdesk',
    chat: ({ id }) => ({ text: `cancel request ${id}` }),
    cli: ({ id }) => `cancel request ${id}`,
    arrange: (world, n, asker) => openRequest(world, n, 'matrix.cancel', world.identityOf(asker)),
    observe: (world, target) => requestState(world, target),
    expectDone: async (world, target, shown) => {
      expect(await requestState(world, target)).toBe('cancelled');
      expect(shown).toContain('Cancelled by');
      expect(admins(world)).not.toContain(target.objectId);
    },
  },
  {
    name: 'requests (reads only)',
    needs: 'helpdesk',
    chat: () => ({ text: 'requests contoso' }),
    cli: () => 'requests contoso',
    arrange: (world, n) => openRequest(world, n, 'matrix.list'),
    observe: (world, target) => requestState(world, target),
    expectDone: async (world, target, shown) => {
      expect(shown).toContain('Open requests of Contoso');
      expect(shown).toMatch(/Request [A-Z2-9]{6}: Make matrix\./);
      expect(await requestState(world, target)).toBe('open');
    },
  },
  {
    name: 'grant admin … for 2h (confirmed)',
    needs: 'approver',
    chat: ({ upn }) => ({
      button: actionData({ name: 'grant-admin', upn, durationMinutes: 120, reason: 'Matrix', confirmed: true }),
    }),
    cli: ({ upn }) => `grant admin ${upn} for 2h reason "Matrix"`,
    arrange: (world, n) => managedUser(world, `matrix.timebox.${n}`),
    observe: async (world, target) => admins(world).includes(target.objectId!),
    expectDone: async (world, target) => {
      expect(admins(world)).toContain(target.objectId);
      const grant = await world.withStore((store) => store.adminGrants.findCurrent('contoso', target.objectId!));
      expect(spanOf(grant)).toBe(2 * 60 * 60_000);
    },
    // Helpdesk's grant becomes a request; the matrix binds no channel, so none is made and nothing changes.
    requested: /No channel receives Contoso Ltd's requests/,
  },
  {
    name: 'extend admin … for 1h',
    needs: 'approver',
    chat: ({ upn }) => ({ text: `extend admin ${upn} for 1h` }),
    cli: ({ upn }) => `extend admin ${upn} for 1h`,
    async arrange(world, n) {
      const target = await managedUser(world, `matrix.extend.${n}`, { adminInTenant: true });
      await world.withStore((store) =>
        store.adminGrants.create({
          customerId: 'contoso',
          objectId: target.objectId!,
          upn: target.upn,
          role: globalAdministratorTemplateId,
          grantedAt: new Date(),
          endsAt: new Date(Date.now() + 60 * 60_000),
          grantedBy: 'teams:matrix-approver',
          requester: 'teams:matrix-approver',
        }),
      );
      return target;
    },
    observe: (world, target) =>
      world.withStore(async (store) => (await store.adminGrants.findCurrent('contoso', target.objectId!))?.endsAt),
    expectDone: async (world, target) => {
      const grant = await world.withStore((store) => store.adminGrants.findCurrent('contoso', target.objectId!));
      expect(spanOf(grant)).toBe(2 * 60 * 60_000);
    },
    // Helpdesk's Extend 1h is a new request (design §9); with no channel bound, none is made and nothing changes.
    requested: /No channel receives Contoso Ltd's requests/,
  },
  {
    name: 'revoke admin (confirmed)',
    needs: 'helpdesk',
    chat: ({ upn }) => ({ button: actionData({ name: 'revoke-admin', upn, confirmed: true }) }),
    cli: ({ upn }) => `revoke admin ${upn}`,
    arrange: (world, n) => managedUser(world, `matrix.revoke.${n}`, { adminInTenant: true }),
    observe: async (world, target) => admins(world).includes(target.objectId!),
    expectDone: async (world, target) => expect(admins(world)).not.toContain(target.objectId),
  },
  {
    name: 'remove user (confirmed)',
    needs: 'helpdesk',
    chat: ({ upn }) => ({ button: actionData({ name: 'remove-user', upn, delete: false, confirmed: true }) }),
    cli: ({ upn }) => `remove user ${upn}`,
    arrange: (world, n) => managedUser(world, `matrix.remove.${n}`),
    observe: async (world, target) => tenantUser(world, target),
    expectDone: async (world, target) =>
      expect(tenantUser(world, target)).toMatchObject({ accountEnabled: false, assignedLicenses: [] }),
  },
  {
    name: 'remove user … delete (confirmed)',
    needs: 'helpdesk',
    chat: ({ upn }) => ({ button: actionData({ name: 'remove-user', upn, delete: true, confirmed: true }) }),
    cli: ({ upn }) => `remove user ${upn} delete`,
    arrange: (world, n) => managedUser(world, `matrix.delete.${n}`),
    observe: async (world, target) => tenantUser(world, target),
    expectDone: async (world, target) => expect(tenantUser(world, target)?.deletedDateTime).toEqual(expect.any(String)),
  },
  {
    name: 'restore user',
    needs: 'approver',
    chat: ({ upn }) => ({ text: `restore user ${upn}` }),
    cli: ({ upn }) => `restore user ${upn}`,
    async arrange(world, n) {
      // Removed and deleted by m365ops (`remove user … delete`): licences off, in the tenant's deleted users.
      const target = await managedUser(world, `matrix.restore.${n}`);
      world.sim.setLicenses(contosoTenantId, target.objectId!, []);
      world.sim.deleteUser(contosoTenantId, target.objectId!);
      await world.withStore((store) => store.serviceUsers.update('contoso', target.objectId!, { status: 'deleted' }));
      return target;
    },
    observe: async (world, target) => tenantUser(world, target),
    expectDone: async (world, target) =>
      expect(tenantUser(world, target)).toMatchObject({ deletedDateTime: null, assignedLicenses: [expect.anything()] }),
  },
  {
    name: 'reset password (confirmed)',
    needs: 'helpdesk',
    chat: ({ upn }) => ({ button: actionData({ name: 'reset-password', upn, confirmed: true }) }),
    cli: ({ upn }) => `reset password ${upn}`,
    arrange: (world, n) => managedUser(world, `matrix.reset.${n}`),
    observe: async (world, target) => tenantUser(world, target)?.lastPasswordChangeDateTime,
    expectDone: async (world, target, shown) => {
      // (Slack sends the password privately after this answer: test/bot/slack/slack-end-to-end.test.ts waits for it.)
      expect(shown).toContain(`Reset the password of ${target.upn}`);
      expect(world.sim.requestCounts()).toMatchObject({ 'PATCH /v1.0/users/{id}': 1 });
    },
  },
  {
    name: 'change plan',
    needs: 'helpdesk',
    chat: ({ upn }) => ({ text: `change plan ${upn} business-premium` }),
    cli: ({ upn }) => `change plan ${upn} business-premium`,
    arrange: (world, n) => managedUser(world, `matrix.plan.${n}`),
    observe: async (world, target) => tenantUser(world, target)?.assignedLicenses,
    expectDone: async (world, target) => {
      const spb = world.sim.getSkus(contosoTenantId).find((sku) => sku.skuPartNumber === 'SPB')!.skuId;
      expect(tenantUser(world, target)?.assignedLicenses.map((licence) => licence.skuId)).toEqual([spb]);
    },
  },
  {
    name: 'Revoke on an admin-revoked discrepancy (gives the role back; confirmed)',
    needs: 'approver',
    chat: ({ discrepancyId }) => ({
      button: actionData({ name: 'decide', discrepancyId: discrepancyId!, action: 'revoke', confirmed: true }),
    }),
    async arrange(world, n) {
      // m365ops gave the role; someone took it away in the tenant; sync posted the card to Slack.
      const target = await managedUser(world, `matrix.decide.${n}`, { adminOnRecord: true });
      const discrepancyId = await world.withStore(async (store) => {
        const { discrepancy } = await store.discrepancies.upsertOpen({
          customerId: 'contoso',
          objectId: target.objectId!,
          upn: target.upn,
          kind: 'admin-revoked',
          expected: { admin: true },
          actual: { admin: false },
          runId: `matrix-${n}`,
        });
        await store.discrepancies.setMessageRef(discrepancy.id, {
          platform: 'slack',
          ref: { channel: 'C0HELPDESK', ts: `1700000000.${String(n).padStart(6, '0')}` },
        });
        return discrepancy.id;
      });
      return { ...target, discrepancyId };
    },
    observe: async (world, target) => ({
      admin: admins(world).includes(target.objectId!),
      status: await world.withStore(async (store) => (await store.discrepancies.get(target.discrepancyId!))?.status),
    }),
    expectDone: async (world, target) => expect(admins(world)).toContain(target.objectId),
  },
  {
    // Lists the open discrepancies with their buttons; deciding one is the approver's (the Revoke row above).
    name: 'discrepancies (reads only)',
    needs: 'helpdesk',
    chat: () => ({ text: 'discrepancies contoso admin-revoked' }),
    cli: () => 'discrepancies contoso admin-revoked',
    arrange: async () => ({ upn: '' }),
    observe: (world) =>
      world.withStore(async (store) => (await store.discrepancies.listOpen('contoso')).map((d) => d.status)),
    expectDone: async (_world, _target, shown) => expect(shown).toContain('Open discrepancies of Contoso Ltd'),
  },
  {
    name: 'doctor (reads only)',
    needs: 'admin',
    chat: () => ({ text: 'doctor' }),
    cli: () => 'doctor',
    arrange: async () => ({ upn: '' }),
    observe: (world) => world.withStore(async (store) => (await store.customers.list()).map((c) => c.consent)),
    expectDone: async (_world, _target, shown) => {
      expect(shown).toContain('m365ops doctor:');
      expect(shown).toContain('Consent · northwind'); // the demo's customer that never consented
    },
  },
  {
    name: 'access approver add',
    needs: 'admin',
    chat: ({ id }) => ({ text: `access approver add ${id}` }),
    cli: ({ id }) => `access approver add ${id}`,
    arrange: async (_world, n) => ({ upn: '', id: `teams:matrix-access-${n}` }),
    observe: (world, target) => world.withStore((store) => store.access.rolesOf(target.id!)),
    expectDone: async (world, target) =>
      expect(await world.withStore((store) => store.access.rolesOf(target.id!))).toEqual(['approver']),
  },
  {
    name: 'customer add',
    needs: 'admin',
    chat: ({ id }) => ({ text: `customer add ${id} "Matrix ${id}"` }),
    cli: ({ id }) => `customer add ${id} "Matrix ${id}"`,
    arrange: async (_world, n) => ({ upn: '', id: `matrixcustomer${n}` }),
    observe: (world, target) => world.withStore((store) => store.customers.get(target.id!)),
    expectDone: async (world, target) =>
      expect(await world.withStore((store) => store.customers.get(target.id!))).toMatchObject({ id: target.id }),
  },
  {
    name: 'policy … auto admin-granted',
    needs: 'admin',
    chat: ({ id }) => ({ text: `policy ${id} auto admin-granted` }),
    cli: ({ id }) => `policy ${id} auto admin-granted`,
    async arrange(world, n) {
      const id = `matrixpolicy${n}`;
      await world.withStore((store) =>
        store.customers.create({
          id,
          name: `Matrix policy ${n}`,
          plans: [],
          syncPolicy: { autoApprove: [] },
          consent: { status: 'none' },
        }),
      );
      return { upn: '', id };
    },
    observe: (world, target) => world.withStore(async (store) => (await store.customers.get(target.id!))?.syncPolicy),
    expectDone: async (world, target) =>
      expect(
        await world.withStore(async (store) => (await store.customers.get(target.id!))?.syncPolicy.autoApprove),
      ).toEqual(['admin-granted']),
  },
  {
    name: 'policy … max-admin 4h',
    needs: 'admin',
    chat: ({ id }) => ({ text: `policy ${id} max-admin 4h` }),
    cli: ({ id }) => `policy ${id} max-admin 4h`,
    arrange: (world, n) => policyCustomer(world, `matrixmaxadmin${n}`),
    observe: (world, target) =>
      world.withStore(async (store) => (await store.customers.get(target.id!))?.maxAdminMinutes ?? null),
    expectDone: async (world, target) =>
      expect(await world.withStore(async (store) => (await store.customers.get(target.id!))?.maxAdminMinutes)).toBe(
        240,
      ),
  },
  {
    name: 'policy … permanent-admin deny',
    needs: 'admin',
    chat: ({ id }) => ({ text: `policy ${id} permanent-admin deny` }),
    cli: ({ id }) => `policy ${id} permanent-admin deny`,
    arrange: (world, n) => policyCustomer(world, `matrixpermanent${n}`),
    observe: (world, target) =>
      world.withStore(async (store) => (await store.customers.get(target.id!))?.permanentAdmin ?? null),
    expectDone: async (world, target) =>
      expect(await world.withStore(async (store) => (await store.customers.get(target.id!))?.permanentAdmin)).toBe(
        'deny',
      ),
  },
  {
    name: 'policy … approval user-delete',
    needs: 'admin',
    chat: ({ id }) => ({ text: `policy ${id} approval user-delete` }),
    cli: ({ id }) => `policy ${id} approval user-delete`,
    async arrange(world, n) {
      const id = `matrixapproval${n}`;
      await world.withStore((store) =>
        store.customers.create({
          id,
          name: `Matrix approval ${n}`,
          plans: [],
          syncPolicy: { autoApprove: [] },
          consent: { status: 'none' },
        }),
      );
      return { upn: '', id };
    },
    observe: (world, target) =>
      world.withStore(async (store) => (await store.customers.get(target.id!))?.approvalEffects ?? null),
    expectDone: async (world, target) =>
      expect(await world.withStore(async (store) => (await store.customers.get(target.id!))?.approvalEffects)).toEqual([
        'user-delete',
      ]),
  },
  {
    name: 'audit (reads only)',
    needs: 'approver',
    quotesRefusals: true,
    chat: () => ({ text: 'audit contoso' }),
    cli: () => 'audit contoso',
    arrange: async () => ({ upn: '' }),
    observe: async () => null,
    expectDone: async (_world, _target, shown) => expect(shown).toContain('Audit log of Contoso'),
  },
  {
    // A consent redirect named northwind's tenant and proved it; binding it to the customer is an admin's call.
    name: 'confirm consent',
    needs: 'admin',
    chat: ({ id }) => ({ text: `confirm consent northwind ${id}` }),
    cli: ({ id }) => `confirm consent northwind ${id}`,
    async arrange(world) {
      world.sim.grantConsent(northwindTenantId);
      await world.withStore(async (store) => {
        const { createdAt: _c, updatedAt: _u, tenantId: _t, ...northwind } = (await store.customers.get('northwind'))!;
        await store.customers.upsert({
          ...northwind,
          consent: {
            status: 'awaiting-confirmation',
            tenantId: northwindTenantId,
            organization: { displayName: 'Northwind Traders', verifiedDomains: ['northwindtraders.com'] },
          },
        });
      });
      return { upn: '', id: northwindTenantId };
    },
    observe: (world) => world.withStore(async (store) => (await store.customers.get('northwind'))?.tenantId ?? null),
    expectDone: async (world) =>
      expect(await world.withStore(async (store) => (await store.customers.get('northwind'))?.tenantId)).toBe(
        northwindTenantId,
      ),
  },
];
