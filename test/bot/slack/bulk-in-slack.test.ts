/**
 * `bulk` in Slack, through a signed slash command and a button click against the real m365ops (the demo's simulated
 * tenants): the pasted CSV previewed with its Run button, the click running the rows, the results shared as a CSV
 * file in the channel, and the new users' passwords only in a message the requester alone sees.
 */
import type { App } from '../../../bot/server/app';
import { type SlackDemo, startSlackDemo } from './slack-demo';
import type { SlackHarness } from './slack-harness';
import { blockActionsPayload, findButton } from './slack-payloads';

const helpdesk = 'UHELPDSK1';
const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
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

it('previews a pasted CSV, runs it on Run, shares the results file and keeps passwords to the requester', async () => {
  const csv = [
    'action,upn,plan,location',
    'add,wes.bulk@contoso.com,business-basic,GB',
    'add,<mailto:xia.bulk@contoso.com|xia.bulk@contoso.com>,business-basic,GB',
  ].join('\n');
  await h.command(`bulk\n\`\`\`${csv}\n\`\`\``, { userId: helpdesk, responseId: 'bulk-1' });
  const preview = await h.slack.waitFor('response_url', (call) => call.responseId === 'bulk-1');
  expect(JSON.stringify(preview.args.blocks)).toContain('Row 3: add xia.bulk@contoso.com → create');
  expect(app.simulator!.control.getUser(contosoTenantId, 'wes.bulk@contoso.com')).toBeNull();

  await h.interact(
    blockActionsPayload({
      button: findButton(preview.args.blocks, 'Run 2 rows'),
      userId: helpdesk,
      responseUrl: h.slack.responseUrl('run-1'),
      ephemeral: true,
    }),
  );
  const upload = await h.slack.waitFor('file_upload');
  expect(upload.raw.split('\r\n')[0]).toBe('row,action,user,customer,status,detail');
  expect(upload.raw).toContain('2,add,wes.bulk@contoso.com,contoso,done,');
  expect(upload.raw).not.toContain('temporaryPassword');
  const secret = await h.slack.waitFor('chat.postEphemeral', (call) =>
    JSON.stringify(call.args).includes('temporaryPassword'),
  );
  expect(secret.args.user).toBe(helpdesk);
  const everywhere = h.slack.calls
    .filter((call) => call !== secret && call.method !== 'chat.postEphemeral')
    .map((call) => JSON.stringify(call.args) + (call.raw ?? ''));
  expect(everywhere.join('\n')).not.toContain('temporaryPassword');
  expect(app.simulator!.control.getUser(contosoTenantId, 'xia.bulk@contoso.com')).not.toBeNull();
});
