/**
 * A scheduled offboarding over the Teams transport (issue 15), on an injected clock: `offboard … at <time>` answers
 * with the time and its zone and leaves a pending job; `cancel offboard` cancels it; scheduled again, the job runs it
 * once when its time comes (the job's record in the store is all that carries it, so a restart in between changes
 * nothing), tells the requester's conversation, and a second pass of the runner does nothing more.
 */
import { actionData } from '../../../cards';
import { offboardJobType } from '../../../core/offboarding/schedule';
import { createJobHandlers } from '../../../jobs/alias-job';
import { createJobRunner } from '../../../jobs/job-runner';
import { ManualClock } from '../../store/contract/harness';
import { type AppHarness, startAppHarness } from './app-harness';
import { cardAction, people, personalMessage } from './teams-activities';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const clock = new ManualClock(new Date('2026-03-30T12:00:00Z'));
let h: AppHarness;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000, clock });
  h.app.simulator!.control.setSkuUnits(contosoTenantId, 'O365_BUSINESS_ESSENTIALS', 500);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const sim = () => h.app.simulator!.control;
const plain = (shown: string) => shown.replace(/\\+(["'.`*_\-<>#!|()[\]])/g, '$1');

async function say(text: string): Promise<string> {
  const response = await h.post(personalMessage(h.connector.serviceUrl, text, people.helpdesk));
  return plain(JSON.stringify(response.body ?? h.connector.recorded.at(-1)?.body));
}

async function click(data: Record<string, unknown>): Promise<string> {
  const base = personalMessage(h.connector.serviceUrl, '', people.helpdesk);
  const { verb, data: payload } = actionData(data as never);
  return plain(JSON.stringify((await h.post(cardAction(base, verb, payload))).body));
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

const jobs = () => h.app.store.jobs.list({ type: offboardJobType });

async function managed(upn: string): Promise<string> {
  const user = sim().addUser(contosoTenantId, {
    userPrincipalName: upn,
    usageLocation: 'GB',
    licenses: ['O365_BUSINESS_ESSENTIALS'],
  });
  await h.app.store.serviceUsers.create({
    customerId: 'contoso',
    objectId: user.id,
    upn,
    displayName: upn,
    planId: 'business-basic',
    admin: false,
    usageLocation: 'GB',
    aliases: [],
    status: 'active',
    createdBy: 'cli:test',
  });
  return user.id;
}

test('schedules, cancels, schedules again and runs once at the time', async () => {
  const upn = 'leaver.later@contoso.com';
  const objectId = await managed(upn);
  const options = ['block-sign-in', 'remove-licences'];

  const asked = await say(`offboard ${upn} block-sign-in remove-licences at 2026-03-31 17:00`);
  expect(asked).toContain(`Offboard ${upn} at 2026-03-31 17:00 UTC?`);
  const scheduled = await click({
    name: 'offboard',
    upn,
    customerId: 'contoso',
    options,
    at: '2026-03-31 17:00',
    confirmed: true,
  });
  expect(scheduled).toContain(`Offboarding of ${upn} is scheduled for 2026-03-31 17:00 UTC`);
  expect((await jobs()).map((job) => job.status)).toEqual(['pending']);

  expect(await say(`cancel offboard ${upn}`)).toContain(
    `Cancelled the offboarding of ${upn} scheduled for 2026-03-31 17:00 UTC`,
  );
  expect(await say(`cancel offboard ${upn}`)).toContain(`No offboarding of ${upn} is scheduled`);

  await click({ name: 'offboard', upn, customerId: 'contoso', options, at: '2026-03-31 17:00', confirmed: true });
  expect(
    await click({ name: 'offboard', upn, customerId: 'contoso', options, at: '2026-03-31 18:00', confirmed: true }),
  ).toContain('is already scheduled to be offboarded at 2026-03-31 17:00 UTC');

  clock.advance(24 * 60 * 60_000); // 2026-03-31 12:00: not yet
  expect(await runJobs()).toBe(0);
  expect(sim().getUser(contosoTenantId, objectId)).toMatchObject({ accountEnabled: true });

  clock.advance(5 * 60 * 60_000); // 17:00
  const before = h.connector.recorded.length;
  expect(await runJobs()).toBe(1);
  expect(sim().getUser(contosoTenantId, objectId)).toMatchObject({ accountEnabled: false, assignedLicenses: [] });
  expect(JSON.stringify(h.connector.recorded.slice(before).map((sent) => sent.body))).toContain(`Offboarded ${upn}`);
  expect((await jobs()).map((job) => job.status).sort()).toEqual(['cancelled', 'done']);
  const audit = await h.app.store.audit.list({ customerId: 'contoso' });
  expect(audit).toContainEqual(expect.objectContaining({ action: 'offboard', target: upn, result: 'ok' }));
  // Its card is the operation's: where it was posted is kept, so it is redrawn there as steps finish.
  const [operation] = await h.app.store.trackedOperations.list('contoso', { upn, kind: 'offboard' });
  expect(operation?.steps.map((step) => step.state)).toEqual(['done', 'done']);
  expect(operation?.messageRefs).toHaveLength(1);

  clock.advance(60 * 60_000);
  expect(await runJobs()).toBe(0);
}, 60_000);
