/**
 * add user's card in Teams as a tracked operation: the aliases step shows ⏳ while the mailbox does not exist, and the
 * same card is updated in place (PUT) to ✅ when the alias job finds the mailbox.
 */
import { createJobHandlers } from '../../../handlers/index';
import { createJobRunner } from '../../../jobs/job-runner';
import { type AppHarness, startAppHarness } from './app-harness';
import { people, personalMessage } from './teams-activities';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';

let h: AppHarness;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000 });
});

afterAll(async () => {
  await h?.close();
});

it('shows the aliases waiting for the mailbox, then updates the same card to done', async () => {
  const upn = 'jo.steps@contoso.com';
  const before = h.connector.recorded.length;
  const text = `add user ${upn} plan business-basic location GB alias jo.s@contoso.com`;
  expect((await h.post(personalMessage(h.connector.serviceUrl, text, people.helpdesk))).status).toBe(200);
  const posted = h.connector.recorded
    .slice(before)
    .find((sent) => JSON.stringify(sent.body?.attachments ?? '').includes(`Added ${upn}`));
  expect(posted).toBeDefined();
  const card = JSON.stringify(posted!.body.attachments[0].content);
  expect(card).toContain('⏳ Add the aliases');
  expect(card).toContain('Not done yet');

  h.app.simulator!.control.makeMailboxReady(contosoTenantId, upn);
  const later = { now: () => new Date(h.app.runtime.clock.now().getTime() + 5 * 60_000) };
  const runner = createJobRunner({
    store: h.app.store,
    logger: h.app.runtime.logger,
    clock: later,
    owner: 'test',
    handlers: createJobHandlers(h.app.runtime),
  });
  await runner.runDue();
  const activityId = posted!.newActivityId as string;
  const updated = await h.connector.waitFor(
    (sent) => sent.operation === 'update' && sent.activityId === activityId,
    10_000,
  );
  const redrawn = JSON.stringify(updated.body.attachments[0].content);
  expect(redrawn).toContain('✅ Add the aliases');
  expect(redrawn).toContain('Done: all 2 steps finished.');
  expect(redrawn).not.toContain('waiting for the mailbox');
});
