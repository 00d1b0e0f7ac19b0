/**
 * `change plan` as a tracked operation (issue 15), in Teams and in Slack against the simulated tenant: one card with
 * the licences switched and the new plan's groups joined (skipped when the plan names none); a group the tenant
 * lacks fails the step naming it, and Retry failed steps joins it alone once it exists. And the rule that a change
 * writes only the fields it changes: `change plan`, `offboard` and add user linking an existing user never PATCH
 * the UPN, the names or the mail (read from the simulator's request log).
 */
import { actionData } from '../../cards';
import type { Plan } from '../../store/types';
import { contosoTenantId, type EntryPoint, startSlack, startTeams } from './privilege-entry-points';

const identityFields = ['userPrincipalName', 'displayName', 'givenName', 'surname', 'mail'];

describe.each([
  ['Teams', startTeams],
  ['Slack', startSlack],
] as const)('in %s', (_name, start) => {
  let world: EntryPoint;
  let n = 0;
  let basicPlan: Plan;
  const plain = (shown: string) => shown.replace(/\\+(["'.`*_\-<>#!|()[\]])/g, '$1');
  const send = async (text: string) => plain(await world.send('helpdesk', { text }));
  const press = async (button: ReturnType<typeof actionData>) => plain(await world.send('helpdesk', { button }));
  const groupsOf = (objectId: string) =>
    world.sim
      .listGroups(contosoTenantId)
      .filter((group) => group.memberIds.includes(objectId))
      .map((group) => group.displayName)
      .sort();
  const setPlanGroups = (groups: string[] | undefined) =>
    world.withStore((store) => store.plans.upsert({ ...basicPlan, groups }));

  beforeAll(async () => {
    world = await start();
    world.sim.setSkuUnits(contosoTenantId, 'O365_BUSINESS_ESSENTIALS', 500);
    world.sim.setSkuUnits(contosoTenantId, 'SPB', 500);
    basicPlan = (await world.withStore((store) => store.plans.get('business-basic'))) as Plan;
  }, 60_000);

  afterEach(async () => {
    await setPlanGroups(basicPlan.groups);
  });

  afterAll(async () => {
    await world.close();
  });

  /** A user m365ops manages on business-premium, in the tenant as `displayName` with given name and surname. */
  async function premiumUser(name: string) {
    n += 1;
    const upn = `${name}.${n}@contoso.com`;
    const user = world.sim.addUser(contosoTenantId, {
      userPrincipalName: upn,
      displayName: `${name} Person`,
      givenName: name,
      surname: 'Person',
      usageLocation: 'GB',
      licenses: ['SPB'],
    });
    await world.withStore((store) =>
      store.serviceUsers.create({
        customerId: 'contoso',
        objectId: user.id,
        upn,
        displayName: `${name} Person`,
        planId: 'business-premium',
        admin: false,
        usageLocation: 'GB',
        aliases: [],
        status: 'active',
        createdBy: 'cli:test',
      }),
    );
    return { upn, objectId: user.id };
  }

  /** The bodies of every PATCH of a user the simulator received since the last reset. */
  const userPatches = () =>
    world.sim
      .requestLog()
      .filter((logged) => logged.method === 'PATCH' && /\/users\//.test(logged.path))
      .map((logged) => logged.body as Record<string, unknown>);

  it('switches the licences and joins the plan’s groups it is not in yet, on one card', async () => {
    const { upn, objectId } = await premiumUser('joiner');
    world.sim.createGroup(contosoTenantId, { displayName: `Sales ${n}` });
    world.sim.createGroup(contosoTenantId, { displayName: `All Staff ${n}`, members: [objectId] });
    await setPlanGroups([`Sales ${n}`, `all staff ${n}`]);
    const shown = await send(`change plan ${upn} business-basic`);
    expect(shown).toContain(`Moved ${upn} to Microsoft 365 Business Basic`);
    expect(shown).toContain('Done: all 2 steps finished.');
    expect(shown).toMatch(/✅ Switch the licences.*✅ Join the plan's groups: Joined 1 group: Sales/);
    expect(groupsOf(objectId)).toEqual([`All Staff ${n}`, `Sales ${n}`]);
  });

  it('skips the groups, saying why, when the plan names none', async () => {
    const { upn } = await premiumUser('nogroups');
    await setPlanGroups(undefined);
    const shown = await send(`change plan ${upn} business-basic`);
    expect(shown).toContain(`Moved ${upn} to Microsoft 365 Business Basic`);
    expect(shown).toContain("⏭ Join the plan's groups: The plan business-basic names no groups.");
  });

  it('fails the groups step naming a group the tenant lacks; Retry joins it alone once it exists', async () => {
    const { upn, objectId } = await premiumUser('missing');
    await setPlanGroups([`Finance ${n}`]);
    const shown = await send(`change plan ${upn} business-basic`);
    expect(shown).toContain(`Changing the plan of ${upn} to Microsoft 365 Business Basic`);
    expect(shown).toContain(`❌ Join the plan's groups: There is no group "Finance ${n}" in Contoso Ltd's tenant`);
    expect(shown).toContain('Retry failed steps');
    const [operation] = await world.withStore((store) =>
      store.trackedOperations.list('contoso', { upn, kind: 'change-plan' }),
    );
    world.sim.createGroup(contosoTenantId, { displayName: `Finance ${n}` });
    world.sim.resetRequestCounts();
    const retried = await press(actionData({ name: 'retry-steps', operationId: operation!.id }));
    expect(retried).toContain("✅ Join the plan's groups: Joined 1 group");
    expect(world.sim.requestLog().map((logged) => logged.route)).toEqual(['POST /v1.0/groups/{id}/members/$ref']);
    expect(groupsOf(objectId)).toEqual([`Finance ${n}`]);
  });

  describe('writes only the fields it changes', () => {
    const identityWrites = () => userPatches().flatMap((patch) => identityFields.filter((field) => field in patch));

    it('change plan: one licence call, no PATCH of the user', async () => {
      const { upn } = await premiumUser('planfields');
      world.sim.resetRequestCounts();
      expect(await send(`change plan ${upn} business-basic`)).toContain(`Moved ${upn}`);
      expect(world.sim.requestLog().map((logged) => logged.route)).toEqual(['POST /v1.0/users/{id}/assignLicense']);
      expect(identityWrites()).toEqual([]);
    });

    it('offboard: sign-in and password only', async () => {
      const { upn } = await premiumUser('offfields');
      world.sim.resetRequestCounts();
      const options = ['block-sign-in', 'reset-password', 'remove-licences'] as const;
      const shown = await press(actionData({ name: 'offboard', upn, options: [...options], confirmed: true }));
      expect(shown).toContain(`Offboarded ${upn}`);
      expect(userPatches().map((patch) => Object.keys(patch))).toEqual([['accountEnabled'], ['passwordProfile']]);
      expect(identityWrites()).toEqual([]);
    });

    it('add user linking an existing user: its usage location only, never its UPN or names', async () => {
      n += 1;
      const upn = `link.me.${n}@contoso.com`;
      world.sim.addUser(contosoTenantId, {
        userPrincipalName: `Link.Me.${n}@contoso.com`,
        displayName: 'Link Me',
        givenName: 'Link',
        surname: 'Me',
      });
      world.sim.resetRequestCounts();
      // Without admin, add user does not ask first.
      const shown = await send(`add user ${upn} plan business-basic location GB`);
      expect(shown).toMatch(/Added|Linked/);
      expect(userPatches()).toEqual([{ usageLocation: 'GB' }]);
      expect(identityWrites()).toEqual([]);
      expect(world.sim.getUser(contosoTenantId, upn)).toMatchObject({ displayName: 'Link Me', givenName: 'Link' });
    });
  });
});
