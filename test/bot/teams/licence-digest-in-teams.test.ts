/**
 * The weekly licence digest in Teams (opt-in), on an injected clock: `policy contoso licence-digest weekly` schedules
 * it for next Monday 08:00 UTC; the job posts the customer's licences to its bound channel with the seats assigned
 * and removed that week, and schedules the Monday after; turned off, the next run posts nothing.
 */
import { licenceDigestJobType } from '../../../core/licence-digest';
import { createJobHandlers } from '../../../jobs/alias-job';
import { createJobRunner } from '../../../jobs/job-runner';
import { ManualClock } from '../../store/contract/harness';
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import { type AppHarness, startAppHarness } from './app-harness';
import { channelId, channelMessage, people } from './teams-activities';

const clock = new ManualClock(new Date('2026-03-30T12:00:00Z')); // a Monday
let h: AppHarness;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000, clock });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const plain = (shown: string) => shown.replace(/\\+(["'.`*_\-<>#!|()[\]:])/g, '$1');

async function sayInChannel(text: string): Promise<string> {
  const before = h.connector.recorded.length;
  expect((await h.post(channelMessage(h.connector.serviceUrl, text, people.admin))).status).toBe(200);
  return plain(JSON.stringify(h.connector.recorded.slice(before).map((sent) => sent.body)));
}

const runJobs = () =>
  createJobRunner({
    store: h.app.store,
    logger: h.app.logger,
    clock,
    owner: 'test',
    handlers: createJobHandlers(h.app.runtime, 'test'),
    random: () => 0,
  }).runDue();

const digestsPosted = () =>
  h.connector
    .messages(channelId)
    .filter((sent) => JSON.stringify(sent.body).includes('Licences of Contoso Ltd this week'));

const pendingDigests = async () =>
  (await h.app.store.jobs.list({ type: licenceDigestJobType, status: 'pending' })).map((job) =>
    job.runAt.toISOString(),
  );

test('posts the licences to the bound channel every Monday until turned off', async () => {
  await sayInChannel('notify here contoso');
  const on = await sayInChannel('policy contoso licence-digest weekly');
  expect(on).toContain('Weekly licence digest of Contoso Ltd on');
  expect(await pendingDigests()).toEqual(['2026-04-06T08:00:00.000Z']);

  // A seat assigned during the week, through the runtime (so the licence history records it).
  clock.advance(24 * 60 * 60 * 1000);
  await h.app.runtime.store.serviceUsers.create({
    customerId: 'contoso',
    objectId: 'oid-digest-week',
    upn: 'new.starter@contoso.com',
    displayName: 'New Starter',
    planId: 'business-basic',
    admin: false,
    aliases: [],
    status: 'active',
    createdBy: 'cli:test',
  });

  clock.advance(6 * 24 * 60 * 60 * 1000); // Monday 2026-04-06 12:00
  await runJobs();
  const [digest] = digestsPosted();
  const card = digest!.body.attachments[0].content;
  expect(validateAdaptiveCard(card)).toEqual([]);
  expect(plain(JSON.stringify(card))).toContain('Since 2026-03-30: 1 seat assigned, 0 seats removed.');
  expect(plain(JSON.stringify(card))).toContain('Microsoft 365 Business Premium (SPB)');
  expect(await pendingDigests()).toEqual(['2026-04-13T08:00:00.000Z']);

  await runJobs();
  expect(digestsPosted()).toHaveLength(1);

  expect(await sayInChannel('policy contoso licence-digest off')).toContain('Weekly licence digest of Contoso Ltd off');
  clock.advance(7 * 24 * 60 * 60 * 1000);
  await runJobs();
  expect(digestsPosted()).toHaveLength(1);
  expect(await pendingDigests()).toEqual([]);
});
