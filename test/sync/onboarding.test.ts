/**
 * A customer's first sync: every licensed tenant user m365ops does not know becomes unmanaged-user, all in one
 * digest in the bound channel (Teams or Slack), and "Approve all unmanaged-user" there adopts them.
 */
import { channelId } from '../bot/teams/teams-activities';
import { contosoTenant, type Platform, type SyncHarness, startSyncHarness } from './sync-harness';

describe.each<Platform>(['teams', 'slack'])('on %s', (platform) => {
  let harness: SyncHarness;

  beforeAll(async () => {
    harness = await startSyncHarness();
    await harness.bindChannel(platform);
  });

  afterAll(async () => {
    await harness.close();
  });

  function licensedUsers(): string[] {
    return harness.app
      .simulator!.control.listUsers(contosoTenant)
      .filter((user) => user.assignedLicenses.length > 0)
      .map((user) => user.id);
  }

  /** The messages posted into the channel (Teams: as they read now; Slack: as posted). */
  function channelMessages(): string[] {
    if (platform === 'teams') {
      return harness.connector
        .messages(channelId)
        .map((message) => JSON.stringify(harness.connector.current(channelId, message.newActivityId!)?.body));
    }
    return harness.slack.callsTo('chat.postMessage').map((post) => JSON.stringify(post.args));
  }

  it('posts one digest for the unmanaged users of a first sync', async () => {
    await harness.syncContoso();
    const open = await harness.app.store.discrepancies.listOpen('contoso', 'unmanaged-user');
    expect(open.length).toBe(licensedUsers().length);
    expect(open.length).toBeGreaterThan(10);
    const posts = channelMessages();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatch(new RegExp(`Not managed by m365ops: \\*?${open.length}`));
    expect(posts[0]).not.toContain('more discrepancies');
    expect(posts[0]).toContain(`Approve all ${open.length}: Not managed by m365ops`);
  });

  it('adopts every unmanaged user with "Approve all <n>: Not managed by m365ops", after one confirmation', async () => {
    // The first one the digest lists (in the order found: by user), so its buttons are on the message.
    const open = (await harness.app.store.discrepancies.listOpen('contoso', 'unmanaged-user')).sort((a, b) =>
      a.upn.localeCompare(b.upn),
    );
    const answer = await harness.click(platform, open[0]!, `Approve all ${open.length}: Not managed by m365ops`);
    await harness.confirm(platform, answer, `Approve all ${open.length}`);
    const [discrepancy] = open;
    const users = await harness.app.store.serviceUsers.list('contoso', { status: 'active' });
    expect(users.map((user) => user.objectId).sort()).toEqual(licensedUsers().sort());
    expect(await harness.app.store.discrepancies.listOpen('contoso')).toEqual([]);
    const updated = await harness.channelCard(platform, discrepancy!);
    expect(updated).toContain('Not managed by m365ops');
    expect(updated).not.toContain('Approve all');
  });

  it('finds nothing on the next sync once every user is adopted', async () => {
    const before = channelMessages().length;
    await harness.syncContoso();
    expect(await harness.app.store.discrepancies.listOpen('contoso')).toEqual([]);
    expect(channelMessages()).toHaveLength(before);
  });
});
