/**
 * A failed offboarding step retried alone (issue 15), in Teams (activities on /api/messages) and in Slack (signed
 * requests on /slack/events): the simulator refuses one group removal with the service's error, the one card shows
 * ❌ with that reason while the other steps are ✅, and "Retry failed steps", clicked once the fault is gone, re-runs
 * only the failed step (the simulator's request log shows no other write) and turns the same card ✅ in place.
 */
import { actionData, type CardAction } from '../../cards';
import type { OffboardOptionName } from '../../core/offboarding/options';
import type { Store } from '../../store/ports';
import { contosoTenantId, type EntryPoint, startSlack, startTeams } from './privilege-entry-points';

const basic = 'O365_BUSINESS_ESSENTIALS';
const removeMember = 'DELETE /v1.0/groups/{id}/members/{id}/$ref';

/** The value once `read` gives one (polled; fails after 10 s). */
async function eventually<T>(read: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('The value never came.');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each([
  ['Teams', startTeams],
  ['Slack', startSlack],
] as const)('in %s', (_name, start) => {
  let world: EntryPoint;
  let n = 0;
  const plain = (shown: string) =>
    shown
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/\\+(["'.`*_\-<>#!|()[\]])/g, '$1');
  const press = async (asker: 'helpdesk', button: CardAction) => plain(await world.send(asker, { button }));
  const writes = () =>
    Object.keys(world.sim.requestCounts()).filter((route) => !route.startsWith('GET ') && !route.includes('token'));

  beforeAll(async () => {
    world = await start();
    world.sim.setSkuUnits(contosoTenantId, basic, 500);
  }, 60_000);

  afterAll(async () => {
    await world.close();
  });

  async function serviceUser(name: string) {
    n += 1;
    const upn = `${name}.${n}@contoso.com`;
    const user = world.sim.addUser(contosoTenantId, { userPrincipalName: upn, usageLocation: 'GB', licenses: [basic] });
    await world.withStore((store: Store) =>
      store.serviceUsers.create({
        customerId: 'contoso',
        objectId: user.id,
        upn,
        displayName: name,
        planId: 'business-basic',
        admin: false,
        usageLocation: 'GB',
        aliases: [],
        status: 'active',
        createdBy: 'cli:test',
      }),
    );
    return { upn, objectId: user.id };
  }

  it('shows a step the service refused with its reason; Retry failed steps re-runs only that one', async () => {
    const { upn, objectId } = await serviceUser('fail');
    for (const name of ['Leavers A', 'Leavers B']) {
      world.sim.createGroup(contosoTenantId, { displayName: `${name} ${n}`, members: [objectId] });
    }
    const refusal = 'Cannot Update a mail-enabled security groups and or distribution list.';
    world.sim.setFaults({
      routeFailure: { route: removeMember, status: 400, code: 'Request_BadRequest', message: refusal },
    });
    const options: OffboardOptionName[] = ['block-sign-in', 'revoke-sessions', 'remove-groups', 'remove-licences'];
    const shown = await press('helpdesk', actionData({ name: 'offboard', upn, options, confirmed: true }));
    world.sim.clearFaults();
    expect(shown).toContain(`Offboarding ${upn}`);
    expect(shown).not.toContain(`Offboarded ${upn}`);
    expect(shown).toContain('Not done yet: 3 of 4 steps finished; 1 failed.');
    expect(shown).toMatch(
      /✅ Block sign-in.*✅ Sign out everywhere.*❌ Remove from all groups: .*✅ Remove all licences/,
    );
    expect(shown).toContain(`Removed from 1 group; not from group`);
    expect(shown).toContain(refusal);
    expect(shown).toContain('Retry failed steps');
    // Slack's answer is the posted message; where it went is noted just after it.
    const operation = await eventually(async () => {
      const [latest] = await world.withStore((store) =>
        store.trackedOperations.list('contoso', { upn, kind: 'offboard' }),
      );
      return latest?.messageRefs.length ? latest : undefined;
    });
    expect(operation.messageRefs).toHaveLength(1);
    const audit = await world.withStore((store) => store.audit.list({ customerId: 'contoso' }));
    expect(audit.find((record) => record.action === 'offboard' && record.target === upn)).toMatchObject({
      result: 'failed',
      error: expect.stringContaining(refusal),
    });

    world.sim.resetRequestCounts();
    const updatesBefore = world.cardUpdates!().length;
    const retried = await press('helpdesk', actionData({ name: 'retry-steps', operationId: operation.id }));
    // Only the failed step ran again: one group removal, no sign-in, session or licence call.
    expect(writes()).toEqual([removeMember]);
    expect(world.sim.requestCounts()[removeMember]).toBe(1);
    expect(world.sim.listGroups(contosoTenantId).filter((group) => group.memberIds.includes(objectId))).toEqual([]);
    expect(retried).toContain('✅ Remove from all groups');
    // The one card turned ✅ in place.
    const redrawn = world.cardUpdates!().slice(updatesBefore);
    const card = operation.messageRefs[0]!.ref as { activityId?: string; ts?: string };
    expect(redrawn.map((update) => update.message)).toContain(String(card.activityId ?? card.ts));
    const last = plain(redrawn.at(-1)!.shown);
    expect(last).toContain(`Offboarded ${upn}`);
    expect(last).toContain('Done: all 4 steps finished.');
    expect(last).not.toContain('❌');
  });
});
