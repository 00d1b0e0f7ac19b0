/**
 * `licences` and `report licences` in Slack, through signed slash commands against the real m365ops (the demo's
 * simulated tenants): the licence view as Block Kit, and the report shared as a file in the channel it was asked in
 * (files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal).
 */
import type { App } from '../../../bot/server/app';
import { type SlackDemo, startSlackDemo } from './slack-demo';
import type { SlackHarness } from './slack-harness';

const helpdesk = 'UHELPDSK1';
let h: SlackHarness;
let app: App;

let demo: SlackDemo;

beforeAll(async () => {
  demo = await startSlackDemo({ [helpdesk]: 'helpdesk' });
  ({ h, app } = demo);
}, 60_000);

afterAll(async () => {
  await demo?.close();
});

async function waitForRecord(upn: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await app.store.serviceUsers.findByUpn('contoso', upn))?.status !== 'active') {
    if (Date.now() > deadline) throw new Error(`${upn} was not recorded within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

it('shows per licence what is bought, assigned, free and who holds it', async () => {
  await h.command('licences contoso', { userId: helpdesk, responseId: 'licences-1' });
  const answer = await h.slack.waitFor('response_url', (call) => call.responseId === 'licences-1');
  const blocks = JSON.stringify(answer.args.blocks);
  expect(answer.args.text).toBe('Licences of Contoso Ltd');
  expect(blocks).toContain('Microsoft 365 Business Premium (SPB)');
  expect(blocks).toContain('*Bought*\\n40');
  // The demo's SPB users are in the tenant, not (yet) in m365ops's records.
  expect(blocks).toMatch(/\*Held by\*\\n\d+ not managed by m365ops/);
});

it('shares the month’s report as a CSV file in the channel it was asked in', async () => {
  await h.command('add user jane.report@contoso.com plan business-premium location GB', { userId: helpdesk });
  // Adding a user is answered with its steps' message, which the bot posts.
  await h.slack.waitFor('chat.postMessage', (call) => JSON.stringify(call.args).includes('jane.report@contoso.com'));
  await waitForRecord('jane.report@contoso.com');
  await h.command('report licences contoso', { userId: helpdesk, channelId: 'C0BILLING', responseId: 'report-1' });
  const answer = await h.slack.waitFor('response_url', (call) => call.responseId === 'report-1');
  expect(answer.args.text).toMatch(/^Licence report of Contoso Ltd for \d{4}-\d{2}$/);
  const ticket = await h.slack.waitFor('files.getUploadURLExternal');
  const upload = await h.slack.waitFor('file_upload');
  const shared = await h.slack.waitFor('files.completeUploadExternal');
  const month = new Date().toISOString().slice(0, 7);
  expect(ticket.args.filename).toBe(`licences-contoso-${month}.csv`);
  expect(Number(ticket.args.length)).toBe(Buffer.byteLength(upload.raw));
  const today = new Date().toISOString().slice(0, 10);
  expect(upload.raw).toBe(
    `customer,user,plan,SKUs,assigned since,removed on\r\ncontoso,jane.report@contoso.com,business-premium,SPB,${today},\r\n`,
  );
  expect(shared.args).toMatchObject({
    channel_id: 'C0BILLING',
    files: [{ id: ticket.answer?.file_id, title: `licences-contoso-${month}.csv` }],
  });
});

it('tells the requester privately when the file cannot be shared in the channel', async () => {
  h.slack.failNext('files.completeUploadExternal', { error: 'not_in_channel' });
  await h.command('report licences contoso', { userId: helpdesk, channelId: 'C0PRIVATE', responseId: 'report-2' });
  const told = await h.slack.waitFor(
    'response_url',
    (call) => call.responseId === 'report-2' && call.args.response_type === 'ephemeral',
  );
  expect(told.args.text).toMatch(
    /^Could not share licences-contoso-\d{4}-\d{2}\.csv here: Slack answered not_in_channel; invite the m365ops app to the channel/,
  );
});
