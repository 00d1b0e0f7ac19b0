/**
 * A digest decided in the channel, on Teams and on Slack (design §9, issue 12 items 3 and 4): its buttons say what
 * they do, one that takes licences away asks first (enforced by the handlers: the button's own payload, without
 * `confirmed`, only asks), and after each decision the digest is updated in place for everyone (Teams: the card
 * replaced at the Bot Connector; Slack: chat.update) keeping its order, with the row's outcome and the counts.
 */
import type { Discrepancy } from '../../store/types';
import { contosoTenant, type Platform, type SyncHarness, startSyncHarness } from './sync-harness';

describe.each<Platform>(['teams', 'slack'])('a digest on %s', (platform) => {
  let harness: SyncHarness;
  let open: Discrepancy[];
  const decider = platform === 'teams' ? 'Ben Approver' : 'uapprove1';
  const control = () => harness.app.simulator!.control;
  const licencesOf = (upn: string) => control().getUser(contosoTenant, upn)?.assignedLicenses ?? [];
  const digest = () => harness.channelCard(platform, open[0]!);
  const status = async (d: Discrepancy) => (await harness.app.store.discrepancies.get(d.id))?.status;
  /** The users in the order the digest lists them (first mention of each; not the "n" of an escaped newline). */
  const order = (card: string) => [...new Set(card.match(/(?<![\\a-z.])[a-z][a-z.]*@contoso\.com/g) ?? [])];

  beforeAll(async () => {
    harness = await startSyncHarness();
    await harness.bindChannel(platform);
    await harness.syncContoso();
    open = (await harness.app.store.discrepancies.listOpen('contoso', 'unmanaged-user')).sort((a, b) =>
      a.upn.localeCompare(b.upn),
    );
    expect(open.length).toBeGreaterThan(10);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('names each button after what it does and counts open and decided in the header', async () => {
    const card = await digest();
    expect(card).toContain(`sync found ${open.length} discrepancies · ${open.length} open · 0 decided`);
    expect(card).toContain('Adopt under Microsoft 365 Business Premium');
    expect(card).toContain('Remove licences…');
    expect(card).toContain(`Approve all ${open.length}: Not managed by m365ops`);
    expect(card).not.toMatch(/"(title|text)":"(Approve|Revoke)"/);
  });

  it('asks before removing licences, naming them and the user, and changes nothing on the click alone', async () => {
    const target = open[1]!;
    const before = await digest();
    const held = licencesOf(target.upn);
    const answer = await harness.click(platform, target, 'Remove licences…');
    const question = harness.question(platform, answer);
    expect(question).toMatch(new RegExp(`Remove (the licence|both licences|all \\d+ licences) from ${target.upn}\\?`));
    expect(await status(target)).toBe('open');
    expect(licencesOf(target.upn)).toEqual(held);
    expect(await digest()).toBe(before);
    if (platform === 'teams') expect(question).toContain(`sync found ${open.length} discrepancies`);
  });

  it('removes the licences once confirmed and shows who did what and when in place, keeping the order', async () => {
    const target = open[1]!;
    const before = order(await digest());
    const answer = await harness.click(platform, target, 'Remove licences…');
    await harness.confirm(platform, answer, 'Remove licences');
    expect(await status(target)).toBe('revoked');
    expect(licencesOf(target.upn)).toEqual([]);
    const after = await digest();
    // Rows keep their place; with one open fewer, the next one found may join the list at its end.
    expect(order(after).slice(0, before.length)).toEqual(before);
    expect(after).toMatch(new RegExp(`Revoked by ${decider} at [^"]*UTC: Removed \\d licences? from ${target.upn}`));
    expect(after).toContain(`${open.length - 1} open · 1 decided`);
    expect(after).toContain(`Approve all ${open.length - 1}: Not managed by m365ops`);
  });

  it('adopts a user at once: an Approve that changes nothing in the tenant does not ask', async () => {
    const target = open[2]!;
    await harness.click(platform, target, 'Adopt under Microsoft 365 Business Premium');
    expect(await status(target)).toBe('approved');
    const after = await digest();
    expect(after).toContain(`${open.length - 2} open · 2 decided`);
    expect(after).toMatch(
      new RegExp(`Approved by ${decider} at [^"]*UTC: Adopted ${target.upn} under business-premium`),
    );
  });

  it('asks once for "Approve all", naming the count, then decides every open one of the digest', async () => {
    const left = open.length - 2;
    const [first] = open;
    const answer = await harness.click(platform, first!, `Approve all ${left}: Not managed by m365ops`);
    expect(harness.question(platform, answer)).toContain(
      `Approve all ${left} discrepancies of Contoso Ltd: Not managed by m365ops`,
    );
    expect(await status(first!)).toBe('open');
    await harness.confirm(platform, answer, `Approve all ${left}`);
    const statuses = await Promise.all(open.map(status));
    expect(statuses.filter((s) => s === 'approved')).toHaveLength(left + 1);
    const after = await digest();
    expect(after).toContain(`0 open · ${open.length} decided`);
    expect(after).not.toContain('Approve all');
  });
});
